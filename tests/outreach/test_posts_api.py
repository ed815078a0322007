"""POST /api/v1/posts: 201, the same article again 409 (URL normalised), bad URLs 400 in Vietnamese,
another province 404; counters kept equal to a recount."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doanso.outreach import counting
from doanso.outreach.models import Post

pytestmark = pytest.mark.django_db


def _post(api, user="hcm.admin", **body):
    data = {
        "unit": "HCM-P001",
        "url": "https://hcm.doan.vn/tin/1",
        "kind": "tin_tot",
        "published": "2026-03-02",
    }
    return api(user).post("/posts", {**data, **body})


def test_a_post_is_logged_with_201_and_counted_in_the_subtree(api, unit):
    r = _post(api, reach=1200)
    assert r.status_code == 201, r.json()
    body = r.json()
    assert {k: body[k] for k in ("unit", "url", "kind", "published", "reach", "source")} == {
        "unit": "HCM-P001",
        "url": "https://hcm.doan.vn/tin/1",
        "kind": "tin_tot",
        "published": "2026-03-02",
        "reach": 1200,
        "source": "",
    }
    hcm = unit("HCM")
    assert (
        counting.stored(hcm)
        == counting.recount(hcm)
        == {
            ("op_d_2026-03", "02|tin_tot"): 1,
            ("op_m_2026", "03|tin_tot"): 1,
        }
    )


@pytest.mark.parametrize(
    "again",
    [
        "https://hcm.doan.vn/tin/1",
        "HTTPS://HCM.Doan.VN/tin/1/",
        "https://hcm.doan.vn:443/tin/1?utm_source=zalo&utm_medium=share",
        "https://hcm.doan.vn/tin/1?fbclid=IwAR0abc#comments",
        "  https://hcm.doan.vn/tin/1  ",
    ],
)
def test_the_same_article_again_is_409_and_nothing_is_written(api, unit, again):
    assert _post(api).status_code == 201
    r = _post(api, url=again, kind="cau_chuyen_dep", published="2026-03-03")
    assert r.status_code == 409
    assert r.json()["field"] == "url"
    assert "đã được ghi nhận" in r.json()["detail"]
    assert Post.objects.filter(unit__code="HCM-P001").count() == 1
    assert counting.stored(unit("HCM")) == counting.recount(unit("HCM"))


def test_a_different_path_or_real_query_is_another_article(api):
    assert _post(api).status_code == 201
    assert _post(api, url="https://hcm.doan.vn/tin/1?id=2").status_code == 201
    assert _post(api, url="https://hcm.doan.vn/tin/2").status_code == 201


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://hcm.doan.vn/a",
        "file:///etc/passwd",
        "hcm.doan.vn/tin",
        "http://",
        "https://a b.vn/",
    ],
)
def test_a_url_that_is_not_http_is_400_in_vietnamese(api, url):
    r = _post(api, url=url)
    assert r.status_code == 400
    assert r.json()["field"] == "url"
    assert "http://" in r.json()["detail"] or "chưa nhập" in r.json()["detail"]
    assert not Post.objects.filter(unit__code__startswith="HCM").exists()


def test_a_bad_kind_or_date_is_refused_naming_the_field(api):
    r = _post(api, kind="tin_xau")
    assert r.status_code == 422 and r.json()["field"] == "kind"
    r = _post(api, published="31/02/2026")
    assert r.status_code == 400 and r.json()["field"] == "published"
    assert not Post.objects.filter(unit__code__startswith="HCM").exists()


def test_a_vietnamese_date_is_read(api):
    r = _post(api, published="05/03/2026")
    assert r.status_code == 201 and r.json()["published"] == "2026-03-05"


def test_another_province_cannot_log_read_or_delete(api):
    r = _post(api, user="hn.admin")
    assert r.status_code == 404
    mine = _post(api).json()
    assert api("hn.admin").get(f"/posts/{mine['id']}").status_code == 404
    assert api("hn.admin").get("/posts", unit="HCM").status_code == 404
    assert api("hn.admin").request("DELETE", f"/posts/{mine['id']}").status_code == 404
    assert Post.objects.filter(pk=mine["id"]).exists()
    assert api("hcm.admin").get(f"/posts/{mine['id']}").status_code == 200


def test_a_duplicate_of_another_provinces_post_does_not_name_it(api):
    assert _post(api).status_code == 201
    r = _post(api, user="hn.admin", unit="HN")
    assert r.status_code == 409
    assert "Phước Lộc" not in r.json()["detail"] and "HCM" not in r.json()["detail"]


def test_listing_and_deleting_keep_the_counters_equal_to_a_recount(api, unit):
    ids = [
        _post(api, url=f"https://hcm.doan.vn/tin/{i}", published=f"2026-03-0{i}").json()["id"]
        for i in (1, 2, 3)
    ]
    r = api("hcm.admin").get("/posts", unit="HCM", period="2026W10")
    assert [p["id"] for p in r.json()["items"]] == [ids[2], ids[1]]  # W10 is 2–8 March: newest first
    assert api("hcm.admin").request("DELETE", f"/posts/{ids[0]}").status_code == 204
    hcm = unit("HCM")
    assert counting.stored(hcm) == counting.recount(hcm)
    assert sum(counting.stored(hcm).values()) == 4


@given(
    days=st.lists(st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 2, 28)), min_size=1, max_size=8),
    kinds=st.lists(st.sampled_from(["tin_tot", "cau_chuyen_dep", "phan_bac"]), min_size=8, max_size=8),
)
def test_counters_equal_a_recount_whatever_is_logged(django_db_blocker, days, kinds):
    from django.db import transaction

    from doanso.org.models import Unit
    from doanso.outreach import services

    with django_db_blocker.unblock(), transaction.atomic():
        sid = transaction.savepoint()
        hcm, commune = Unit.objects.get(code="HCM"), Unit.objects.get(code="HCM-P002")
        for i, (d, k) in enumerate(zip(days, kinds, strict=False)):
            services.log_post(
                None, commune, url=f"https://x.vn/{i}", kind=k, published=d, fetch_metadata=False
            )
        assert counting.stored(hcm) == counting.recount(hcm)
        assert counting.stored(commune) == counting.recount(commune)
        transaction.savepoint_rollback(sid)


def test_channels_are_added_listed_and_removed_in_scope(api):
    r = api("hcm.admin").post(
        "/channels", {"unit": "HCM", "kind": "zalo_oa", "url": "https://zalo.me/tuoitrehcm/"}
    )
    assert r.status_code == 201 and r.json()["url"] == "https://zalo.me/tuoitrehcm"
    again = api("hcm.admin").post(
        "/channels", {"unit": "HCM", "kind": "zalo_oa", "url": "https://ZALO.me/tuoitrehcm"}
    )
    assert again.status_code == 409
    assert (
        api("hn.admin")
        .post("/channels", {"unit": "HCM", "kind": "website", "url": "https://a.vn"})
        .status_code
        == 404
    )
    assert api("hn.admin").request("DELETE", f"/channels/{r.json()['id']}").status_code == 404
    listed = api("hcm.admin").get("/units/HCM/outreach/channels").json()
    assert [c["id"] for c in listed["items"]] == [r.json()["id"]]
    assert api("hcm.admin").request("DELETE", f"/channels/{r.json()['id']}").status_code == 204
    assert api("hcm.admin").get("/units/HCM/outreach/channels").json()["count"] == 0

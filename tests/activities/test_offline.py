"""The offline check-in page's server side (issue 14 item 3): who may open it, the worker's scope,
the signed list of allowed tickets, and the e-card's public-key signature checked again by the API."""

import base64
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

pytestmark = pytest.mark.django_db


def _public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def _sig(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture
def activity(world, make_activity):
    return make_activity()


def test_page_worker_and_manifest_for_the_organiser(login, world, activity):
    c = login("xa.admin")
    base = f"/activities/{activity['id']}/offline/"
    page = c.get(base)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Điểm danh ngoại tuyến" in html and f'href="{base}manifest.webmanifest"' in html
    assert "<script>" not in html and " on" + "click=" not in html  # the CSP allows no inline script
    assert "script-src 'self'" in page["Content-Security-Policy"]
    sw = c.get(base + "sw.js")
    assert sw.status_code == 200 and sw["Content-Type"].startswith("text/javascript")
    assert sw["Service-Worker-Allowed"] == base  # the worker's scope is the page's path, no wider
    assert f'const BASE = "{base}";' in sw.content.decode()
    manifest = json.loads(c.get(base + "manifest.webmanifest").content)
    assert manifest["scope"] == base and manifest["start_url"] == base and manifest["lang"] == "vi"


def test_ticket_list_is_signed_and_names_the_allowed_members(api, login, world, activity):
    api("xa.admin").post(f"/activities/{activity['id']}/registrations", {"member": world.members[1].pk})
    c = login("xa.admin")
    data = c.get(f"/activities/{activity['id']}/offline/tickets.json").json()
    key = _public_key(c.get(f"/activities/{activity['id']}/offline/").context["public_key"])
    key.verify(_sig(data["signature"]), data["body"].encode())  # raises if not signed by the server
    with pytest.raises(InvalidSignature):
        key.verify(_sig(data["signature"]), data["body"].replace("xanh", "xanh!").encode())
    body = json.loads(data["body"])
    assert body["activity"] == activity["id"] and body["complete"] is True
    rows = {m[0]: m for m in body["members"]}
    assert set(rows) == {m.pk for m in world.members}  # the commune's active members, nobody else
    assert world.outsider.pk not in rows
    assert rows[world.members[1].pk][2] == 1 and rows[world.members[0].pk][2] == 0  # registered
    assert rows[world.members[0].pk][1] == world.members[0].full_name


def test_other_units_and_members_cannot_open_any_of_it(login, world, activity):
    base = f"/activities/{activity['id']}/offline/"
    for who in ("hn.admin", "dv.mot"):
        c = login(who)
        for tail in ("", "sw.js", "manifest.webmanifest", "tickets.json"):
            r = c.get(base + tail)
            assert r.status_code == 404, (who, tail)
            assert world.members[0].full_name not in r.content.decode()


def test_the_api_checks_the_cards_public_key_signature_again(api, world, activity):
    from doanso.members.card import payload

    m = world.members[0]
    card = payload(m.pk, m.card_number)
    assert card.startswith("DOANSO-DV2:")
    forged = card.replace(f":{m.pk}:", f":{world.members[1].pk}:")
    r = api("xa.admin").post(f"/activities/{activity['id']}/checkins", {"card": forged, "nonce": "off-f1"})
    assert r.status_code == 400 and "không hợp lệ" in r.json()["detail"]
    ok = api("xa.admin").post(f"/activities/{activity['id']}/checkins", {"card": card, "nonce": "off-1"})
    assert ok.status_code == 201 and ok.json()["member"] == m.pk
    again = api("xa.admin").post(f"/activities/{activity['id']}/checkins", {"card": card, "nonce": "off-1"})
    assert again.status_code == 200 and again.json()["participations"] == 1


def test_cards_signed_before_still_verify():
    from doanso.core import crypto
    from doanso.members import card

    body = "DOANSO-DV:42:HN123"
    assert card.verify(f"{body}:{crypto.sign(body.encode())[:32]}") == 42
    v2 = card.payload(42, "HN123")
    assert card.verify(v2) == 42
    assert card.verify(v2[:-2] + ("AA" if not v2.endswith("AA") else "BB")) is None

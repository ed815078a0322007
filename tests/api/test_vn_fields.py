"""Every API input field that takes a number or a date also takes it the Vietnamese way, and the
OpenAPI schema says so (so clients, and the scoping walk that builds bodies from it, know)."""

from datetime import date

from doanso.members.models import DuesPayment, Member


def _input_schemas(api) -> dict:
    schema = api("tw.admin").client.get("/api/v1/openapi.json").json()
    return {k: v for k, v in schema["components"]["schemas"].items() if k.endswith("In")}


def _types(prop: dict) -> set:
    """Types a field takes; "vn" when it is the VnDecimal schema (a string such as "85.000")."""
    out = set()
    for p in prop.get("anyOf", [prop]):
        out.add(p.get("type"))
        if p.get("type") == "string" and "85.000" in p.get("examples", []):
            out.add("vn")
        if p.get("type") in ("object", "array"):
            inner = p.get("additionalProperties") or p.get("items")
            if isinstance(inner, dict):
                out |= {f"in:{t}" for t in _types(inner)}
    return out


def test_every_numeric_input_field_also_takes_a_string(api):
    bare = []
    for name, schema in _input_schemas(api).items():
        for field, prop in schema.get("properties", {}).items():
            kinds = _types(prop)
            if "number" in kinds and "vn" not in kinds:
                bare.append(f"{name}.{field}")
            if "in:number" in kinds and "in:vn" not in kinds:
                bare.append(f"{name}.{field}")
    assert bare == []
    schemas = _input_schemas(api)
    assert "vn" in _types(schemas["TargetIn"]["properties"]["value"])
    assert "in:vn" in _types(schemas["AllocationIn"]["properties"]["shares"])
    assert "in:vn" in _types(schemas["ValuesIn"]["properties"]["values"])


def test_dues_paid_on_takes_dd_mm_yyyy(api, user):
    sec = api("chidoan.demo")
    b = user("chidoan.demo").roles.first().unit
    m = Member.objects.filter(branch=b, status="active").order_by("id").first()
    r = sec.post(f"/units/{b.code}/dues", {"month": "2025-03", "member_ids": [m.pk], "paid_on": "15/03/2025"})
    assert r.json() == {"recorded": 1}
    assert DuesPayment.objects.get(member=m, month="2025-03").paid_on == date(2025, 3, 15)
    bad = sec.post(
        f"/units/{b.code}/dues", {"month": "2025-04", "member_ids": [m.pk], "paid_on": "3/15/2025"}
    )
    assert (bad.status_code, bad.json()["field"]) == (400, "paid_on")
    assert bad.json()["detail"].startswith("Ngày nộp: ")

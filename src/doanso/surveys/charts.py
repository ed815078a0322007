"""Geometry of the results' bar charts, drawn as inline SVG by the templates (no database, no
JavaScript): the approach of the dashboard's chart, with horizontal bars so long answer labels fit
a 390 px phone."""

# PAD_R holds the value after the longest bar: "1.250 (100%)" is about 80 px at 12 px
BAR_H, GAP, PAD_T, PAD_R = 22, 10, 6, 90


def _s(x: float) -> str:
    """A coordinate as SVG reads it ("12.5"), never localised by the template ("12,5")."""
    return f"{round(x, 1):g}"


def bars(items: list[dict], width: int = 340) -> dict:
    """`items` are {"label", "n"}; each bar is as long as its share of the largest count."""
    top = max((i["n"] for i in items), default=0) or 1
    total = sum(i["n"] for i in items)
    inner = width - PAD_R
    out = []
    for k, item in enumerate(items):
        y = PAD_T + k * (BAR_H + GAP + 14)
        w = round(inner * item["n"] / top, 1)
        out.append(
            {
                "label": item["label"],
                "n": item["n"],
                "share": 100 * item["n"] / total if total else 0,
                "label_y": _s(y + 11),
                "y": _s(y + 16),
                "w": _s(w),
                "h": _s(BAR_H),
                "value_x": _s(w + 6),
                "value_y": _s(y + 16 + BAR_H / 2),
            }
        )
    height = PAD_T + len(items) * (BAR_H + GAP + 14)
    return {
        "width": _s(width),
        "height": _s(max(height, 1)),
        "bars": out,
        "total": total,
        "empty": total == 0,
    }

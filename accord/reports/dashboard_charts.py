"""Geometry of the dashboard's server-side SVG charts: plain numbers for the templates, no
script and no third-party code. Each item keeps the `href` of the records behind it."""

from decimal import Decimal

from accord.funding.gap_selectors import Chart

WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP, VALUE_ROOM = 640, 190, 20, 10, 70


def _top(values) -> Decimal:
    top = max((Decimal(v) for v in values if v is not None), default=Decimal(0))
    return top if top > 0 else Decimal(1)


def bars(items: list[dict], *, centred: bool = False) -> Chart:
    """A horizontal bar per item ({"label", "value", "href"}), longest for the largest value;
    `centred` bars make a funnel."""
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    top = _top(item["value"] for item in items)
    chart = Chart(WIDTH, 10 + len(items) * (BAR_HEIGHT + GAP))
    for n, item in enumerate(items):
        width = int(span * Decimal(item["value"] or 0) / top)
        if item["value"] and width < 2:
            width = 2  # something, however small, is visible
        x = LABEL_WIDTH + ((span - width) // 2 if centred else 0)
        y = 5 + n * (BAR_HEIGHT + GAP)
        chart.items.append(
            {
                **item,
                "x": x,
                "y": y,
                "width": width,
                "text_y": y + BAR_HEIGHT - 5,
                "value_x": (LABEL_WIDTH + span + 6) if centred else x + width + 6,
                "text": f"{Decimal(item['value'] or 0):,.0f}",
            }
        )
    return chart


def columns(points: list[dict], *, height: int = 200) -> Chart:
    """A column per point ({"label", "value", "target", "href"}) with a mark at its target."""
    bottom, step, top_margin, left = height - 30, 90, 10, 100  # room for "150.0 million"
    top = _top([p["value"] for p in points] + [p.get("target") for p in points])

    def y_of(value) -> int:
        return bottom - int((bottom - top_margin) * Decimal(value) / top)

    chart = Chart(left + 10 + step * len(points), height)
    for n, point in enumerate(points):
        x = left + n * step
        y = y_of(point["value"] or 0)
        target = point.get("target")
        chart.items.append(
            {
                **point,
                "x": x,
                "y": y,
                "height": bottom - y,
                "target_y": y_of(target) if target is not None else None,
                "label_x": x + 20,
                "label_y": bottom + 18,
            }
        )
    if any(p["value"] or p.get("target") for p in points):  # no scale over nothing
        chart.ticks = [
            {"x": left - 8, "y": y_of(top * k / 4), "value": (top * k / 4).quantize(1)}
            for k in range(5)
        ]
    return chart

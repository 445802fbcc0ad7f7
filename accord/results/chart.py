"""Geometry of an indicator's small chart (plain numbers for a server-side SVG; the page
gives the same figures as a table): a bar per year's approved value and a mark at its
target."""

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT, BOTTOM, STEP, LEFT = 560, 200, 170, 80, 60


@dataclass
class Chart:
    width: int
    height: int
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)


def series_chart(points) -> Chart | None:
    """`points` are SeriesPoints (years); None when there is nothing to draw."""
    points = [p for p in points if p.kind == "year"][-6:]
    values = [v for p in points for v in (p.value, p.target) if v is not None]
    if not values:
        return None
    top = max(values) or Decimal(1)
    span = BOTTOM - 10

    def y(value) -> int:
        return BOTTOM - int(span * Decimal(value) / top)

    chart = Chart(width=max(WIDTH, LEFT + STEP * len(points)), height=HEIGHT)
    for n, point in enumerate(points):
        x = LEFT + n * STEP
        chart.bars.append(
            {
                "point": point,
                "x": x,
                "label_x": x + 20,
                "label_y": BOTTOM + 18,
                "y": y(point.value) if point.value is not None else None,
                "height": BOTTOM - y(point.value) if point.value is not None else 0,
                "target_y": y(point.target) if point.target is not None else None,
            }
        )
    chart.ticks = [{"y": BOTTOM - int(span * k / 4), "value": top * k / 4} for k in range(5)]
    return chart

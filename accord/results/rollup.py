"""An indicator's value for a period, from its approved measurements (pure: rows in, a value
out; the selectors fetch the rows).

For the period [start, end]: a total given for exactly that period is the value. Otherwise
each shorter period inside it (its quarters) gives its total — or, when only parts were given,
the parts of its first disaggregation combined (rules.combine, same period) — and those
combine by the indicator's rule (sum, average, latest, ratio)."""

from datetime import date
from decimal import Decimal

from accord.results.rules import Point, combine


def _point(row) -> Point:
    return Point(
        value=row.value, end=row.period.end, numerator=row.numerator, denominator=row.denominator
    )


def period_point(indicator, rows: list) -> Point | None:
    """One period's value from its rows (the total, else the parts of one disaggregation)."""
    totals = [r for r in rows if not r.dimension]
    if totals:
        return _point(totals[0])
    for dimension in indicator.disaggregations or []:
        parts = [r for r in rows if r.dimension == dimension]
        if parts:
            value, num, den = combine(
                indicator.aggregation, indicator.unit, [_point(r) for r in parts], same_period=True
            )
            if value is None:
                return None
            return Point(value=value, end=parts[0].period.end, numerator=num, denominator=den)
    return None


def value_in(indicator, rows: list, start: date, end: date):
    """(value, numerator, denominator) of `indicator` for [start, end] from approved `rows`
    (each with .period, .dimension, .value, .numerator, .denominator)."""
    inside = [r for r in rows if r.period.start >= start and r.period.end <= end]
    by_period: dict[int, list] = {}
    for row in inside:
        by_period.setdefault(row.period_id, []).append(row)
    exact = [
        p
        for p, group in by_period.items()
        if group[0].period.start == start and group[0].period.end == end
    ]
    if exact:
        point = period_point(indicator, by_period[exact[0]])
        return (point.value, point.numerator, point.denominator) if point else (None, None, None)
    points = [p for p in (period_point(indicator, g) for g in by_period.values()) if p]
    return combine(indicator.aggregation, indicator.unit, points)


def parts_in(rows: list, period_id: int) -> dict[str, list]:
    """The parts given for one period, by disaggregation (for tables)."""
    found: dict[str, list] = {}
    for row in rows:
        if row.period_id == period_id and row.dimension:
            found.setdefault(row.dimension, []).append(row)
    return found


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)

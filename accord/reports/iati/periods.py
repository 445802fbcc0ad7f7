"""Budget periods: IATI asks that a budget cover no more than a year, so an agreement's value
is spread over its successive twelve-month periods in proportion to their days, in parts that
add up to the value exactly."""

from datetime import date, timedelta
from decimal import Decimal

from accord.core.money import split

DAY = timedelta(days=1)


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def yearly_periods(start: date, end: date) -> list[tuple[date, date]]:
    """[start, end] cut into periods of at most twelve months, the first starting on `start`."""
    periods = []
    current = start
    while current <= end:
        last = min(_year_after(current) - DAY, end)
        periods.append((current, last))
        current = last + DAY
    return periods


def spread(total: Decimal, start: date, end: date) -> list[tuple[date, date, Decimal]]:
    """`total` spread over the yearly periods of [start, end] by their number of days."""
    periods = yearly_periods(start, end)
    if not periods:
        return []
    weights = [Decimal((last - first).days + 1) for first, last in periods]
    return [
        (first, last, part)
        for (first, last), part in zip(periods, split(total, weights), strict=True)
    ]

"""Results "where linked": an activity serves outcomes of the strategic plan, and the results
framework (accord/results) measures those outcomes with indicators. Each outcome an activity
serves becomes an IATI outcome result (ResultType 2) with the framework's indicators for it,
each with its yearly targets and approved values (the five years up to the current one).

The figures are institution-wide (the results framework is not scoped by region); they are
read once per export through `accord.results.selectors`, four queries."""

from datetime import date

from django.utils import timezone

from accord.reports.iati import codelists
from accord.reports.iati.records import Indicator, ResultPeriod
from accord.results.selectors import indicators_against_targets

# IndicatorMeasure: a count or an amount is measured in units; a yes/no on a nominal scale.
MEASURES = {
    "number": codelists.require("IndicatorMeasure", "1"),
    "currency": codelists.require("IndicatorMeasure", "1"),
    "percentage": codelists.require("IndicatorMeasure", "2"),
    "yes_no": codelists.require("IndicatorMeasure", "3"),
}


def _periods(trend) -> tuple[ResultPeriod, ...]:
    return tuple(
        ResultPeriod(date(int(p.period), 1, 1), date(int(p.period), 12, 31), p.target, p.value)
        for p in trend
        if p.period.isdigit() and (p.target is not None or p.value is not None)
    )


def indicators_by_outcome(*, today: date | None = None) -> dict[str, tuple[Indicator, ...]]:
    """{outcome code: the indicators measuring it, as IATI indicators}."""
    today = today or timezone.localdate()
    found: dict[str, list[Indicator]] = {}
    for status in indicators_against_targets(str(today.year), today=today):
        if not status.outcome or status.unit not in MEASURES:
            continue
        unit = " (US dollars)" if status.unit == "currency" else ""
        found.setdefault(status.outcome, []).append(
            Indicator(
                title=f"{status.code} {status.name}{unit}",
                measure=MEASURES[status.unit],
                ascending=status.direction != "lower",
                periods=_periods(status.trend),
            )
        )
    return {code: tuple(items) for code, items in found.items()}

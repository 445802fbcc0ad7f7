"""The read interface of the results framework, for its own pages and for dashboards and
reports (docs/results-interface.md). Figures are institution-wide and count approved values
only. Each call runs a fixed number of queries whatever the number of indicators or
measurements (indicators, targets, approved measurements: three, plus the period)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accord.results import rules
from accord.results.models import Indicator, Measurement, MeasurementStatus, Period, Target
from accord.results.periods import period_find
from accord.results.rollup import value_in

TREND_YEARS = 5


@dataclass(frozen=True)
class TrendPoint:
    period: str  # "2025"
    label: str
    value: Decimal | None
    target: Decimal | None


@dataclass(frozen=True)
class IndicatorStatus:
    id: int
    code: str
    name: str
    unit: str  # number | percentage | currency | yes_no
    unit_label: str
    direction: str  # higher | lower
    aggregation: str
    source: str  # manual | computed
    category: str  # partner category code, "" when none
    category_name: str
    outcome: str  # outcome code ("1.2"), "" when none
    expected_result: str  # "a".."g", "" when none
    period: str  # the period the status is about ("2025")
    period_label: str
    baseline: Decimal | None
    target: Decimal | None
    value: Decimal | None  # approved value for `period` (rolled up from its quarters)
    latest_value: Decimal | None  # the last approved value of any year up to `period`
    latest_period: str
    expected: Decimal  # share of `period` elapsed (0..1)
    progress: Decimal | None  # share of the way from baseline to target
    status: str  # on_track | at_risk | off_track | no_data
    status_label: str
    trend: list[TrendPoint] = field(default_factory=list)
    url: str = ""


def _period(period) -> Period:
    if period is None:
        return period_find(str(timezone.localdate().year))
    return period_find(period)


def _approved_rows(indicators, start: date, end: date) -> dict[int, list]:
    rows = (
        Measurement.objects.filter(
            indicator__in=[i.pk for i in indicators],
            status=MeasurementStatus.APPROVED,
            period__start__gte=start,
            period__end__lte=end,
        )
        .select_related("period")
        .only(
            "indicator_id",
            "period",
            "dimension",
            "dimension_value",
            "value",
            "numerator",
            "denominator",
        )
        .order_by("period__start", "dimension", "dimension_value")
    )
    found: dict[int, list] = {}
    for row in rows:
        found.setdefault(row.indicator_id, []).append(row)
    return found


def _targets(indicators) -> dict[tuple[int, str], Decimal]:
    rows = Target.objects.filter(indicator__in=[i.pk for i in indicators]).values_list(
        "indicator_id", "period__code", "value"
    )
    return {(ind, code): value for ind, code, value in rows}


def _year_window(period: Period) -> list[tuple[str, date, date]]:
    last = period.end.year
    return [
        (str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(last - TREND_YEARS + 1, last + 1)
    ]


def status_of(indicator: Indicator, *, value, target, expected: Decimal) -> tuple:
    """(status, progress) of `indicator` by the documented rule (rules.status)."""
    progress = None
    if value is not None and target is not None:
        progress = rules.progress(value, indicator.baseline, target)
    status = rules.status(
        value=value,
        target=target,
        baseline=indicator.baseline,
        direction=indicator.direction,
        expected=expected,
    )
    return status, progress


def _status_row(indicator, period, rows, targets, today) -> IndicatorStatus:
    value = value_in(indicator, rows, period.start, period.end)[0]
    target = targets.get((indicator.pk, period.code))
    expected = rules.elapsed_share(period.start, period.end, today)
    status, progress = status_of(indicator, value=value, target=target, expected=expected)
    trend = [
        TrendPoint(
            code, code, value_in(indicator, rows, start, end)[0], targets.get((indicator.pk, code))
        )
        for code, start, end in _year_window(period)
    ]
    latest = next((p for p in reversed(trend) if p.value is not None), None)
    return IndicatorStatus(
        id=indicator.pk,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        unit_label=indicator.get_unit_display(),
        direction=indicator.direction,
        aggregation=indicator.aggregation,
        source=indicator.source,
        category=indicator.category.code if indicator.category else "",
        category_name=indicator.category.short_name if indicator.category else "",
        outcome=indicator.outcome.code if indicator.outcome else "",
        expected_result=indicator.expected_result.code if indicator.expected_result else "",
        period=period.code,
        period_label=period.label,
        baseline=indicator.baseline,
        target=target,
        value=value,
        latest_value=latest.value if latest else None,
        latest_period=latest.period if latest else "",
        expected=expected,
        progress=progress,
        status=status,
        status_label=rules.STATUS_LABELS[status],
        trend=trend,
        url=reverse("results:indicator", args=[indicator.code]),
    )


def indicators_against_targets(
    period=None,
    category: str | None = None,
    *,
    outcome: str | None = None,
    status: str | None = None,
    today: date | None = None,
) -> list[IndicatorStatus]:
    """Every active indicator (catalogue order) with its baseline, the target and approved
    value for `period` (a Period or its code; default the current year), its status and its
    values for the five years up to `period`. `category` / `outcome` filter by code; `status`
    keeps one status. Four queries."""
    period = _period(period)
    today = today or timezone.localdate()
    indicators = Indicator.objects.filter(is_active=True).select_related(
        "category", "outcome", "expected_result"
    )
    if category:
        indicators = indicators.filter(category__code=category)
    if outcome:
        indicators = indicators.filter(outcome__code=outcome)
    indicators = list(indicators.order_by("order", "code"))
    if not indicators:
        return []
    window = _year_window(period)
    rows = _approved_rows(indicators, window[0][1], max(window[-1][2], period.end))
    targets = _targets(indicators)
    found = [_status_row(i, period, rows.get(i.pk, []), targets, today) for i in indicators]
    return [row for row in found if not status or row.status == status]


@dataclass(frozen=True)
class SeriesPoint:
    period: str
    label: str
    kind: str  # year | quarter
    start: date
    end: date
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: Decimal | None


def indicator_series(code: str, *, kind: str | None = None) -> list[SeriesPoint]:
    """The approved values and targets of the indicator `code`, period by period in time
    order (years, then each year's quarters after it; `kind` "year" or "quarter" keeps one
    kind): every period that has an approved value or a target. [] for an unknown code."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return []
    rows = list(
        Measurement.objects.filter(indicator=indicator, status=MeasurementStatus.APPROVED)
        .select_related("period")
        .order_by("period__start", "dimension", "dimension_value")
    )
    targets = {
        t.period_id: t for t in Target.objects.filter(indicator=indicator).select_related("period")
    }
    periods = {r.period_id: r.period for r in rows} | {
        t.period_id: t.period for t in targets.values()
    }
    points = []
    for period in sorted(periods.values(), key=lambda p: (p.start, -p.end.toordinal())):
        if kind and period.kind != kind:
            continue
        value, num, den = value_in(indicator, rows, period.start, period.end)
        target = targets.get(period.pk)
        points.append(
            SeriesPoint(
                period.code,
                period.label,
                period.kind,
                period.start,
                period.end,
                value,
                num,
                den,
                target.value if target else None,
            )
        )
    return points

"""Reads for the results pages and API: lists of measurements (the approval queue among
them), the status changes a user may make now, and what an indicator's page shows."""

from dataclasses import dataclass

from django.db.models import QuerySet

from accord.core.fetch import guarded
from accord.core.history import history_for, history_rows
from accord.results import dimensions, permissions, services, states
from accord.results.models import Indicator, Measurement, MeasurementStatus, Source, Target
from accord.results.selectors import indicator_series, indicators_against_targets

RELATED = permissions.MEASUREMENT_RELATED


@dataclass
class MeasurementFilters:
    """`status` a MeasurementStatus value; `indicator` a code; `period` a period code."""

    status: str = ""
    indicator: str = ""
    period: str = ""


def measurement_list(*, user, filters: MeasurementFilters | None = None) -> QuerySet[Measurement]:
    f = filters or MeasurementFilters()
    qs = permissions.visible_measurements(user).select_related(*RELATED)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.indicator:
        qs = qs.filter(indicator__code=f.indicator)
    if f.period:
        qs = qs.filter(period__code=f.period)
    return guarded(qs.order_by("-updated_at", "-id"))


def approval_queue(*, user) -> QuerySet[Measurement]:
    """Values waiting for a decision that `user` may see, oldest submission first."""
    qs = permissions.visible_measurements(user).filter(status=MeasurementStatus.SUBMITTED)
    return guarded(qs.select_related(*RELATED).order_by("submitted_at", "id"))


def available_transitions(*, user, measurement: Measurement, preparers=None) -> list[dict]:
    """The status changes `user` may make now, each with whether it asks for a reason and,
    when four eyes objects, why it is disabled. `preparers` saves a query per row of a list
    (services.preparers_of)."""
    if measurement.source == Source.COMPUTED:
        return []
    if not permissions.in_region(user, measurement.region) and not permissions.can_approve(user):
        return []
    options = [t for t in states.from_status(measurement.status) if states.allowed(t, user)]
    if not options:
        return []
    if preparers is None:
        preparers = services.preparers(measurement)
    ctx = states.Context(measurement=measurement, actor=user, preparers=preparers)
    return [
        {
            "name": t.name,
            "label": t.label,
            "target": t.target,
            "target_label": MeasurementStatus(t.target).label,
            "asks_reason": t.asks_reason,
            "decision": t.decision,
            "blocked": states.blocked_by(t, ctx),
        }
        for t in options
    ]


def period_table(indicator: Indicator, measurements: list[Measurement]) -> list[dict]:
    """The measurements by period: the total, then the parts by disaggregation with labels."""
    labels = dimensions.labels() if indicator.disaggregations else {}
    periods: dict[int, dict] = {}
    for m in measurements:
        row = periods.setdefault(m.period_id, {"period": m.period, "total": None, "parts": []})
        if not m.dimension:
            row["total"] = m
        else:
            m.part_label = labels.get((m.dimension, m.dimension_value), m.dimension_value)
            m.dimension_label = dimensions.DIMENSIONS.get(m.dimension, m.dimension)
            row["parts"].append(m)
    return sorted(periods.values(), key=lambda r: (r["period"].start, -r["period"].end.toordinal()))


def indicator_page(*, user, indicator: Indicator, period: str | None = None) -> dict:
    """What an indicator's page shows: its status for `period` (default the current year),
    its series, targets, the measurements the user may see by period and part (at most 400,
    latest periods first), and its history."""
    status_row = next(
        (r for r in indicators_against_targets(period) if r.code == indicator.code), None
    )
    measurements = list(
        permissions.visible_measurements(user)
        .filter(indicator=indicator)
        .select_related(*RELATED)
        .order_by("-period__start", "dimension", "dimension_value")[:400]
    )
    targets = list(
        Target.objects.filter(indicator=indicator)
        .select_related("period")
        .order_by("period__start", "-period__end")
    )
    return {
        "status": status_row,
        "series": indicator_series(indicator.code),
        "targets": targets,
        "by_period": period_table(indicator, measurements),
        "history": history_rows(history_for(indicator, limit=50), Indicator),
        "disaggregation_labels": [
            dimensions.DIMENSIONS.get(d, d) for d in indicator.disaggregations or []
        ],
    }

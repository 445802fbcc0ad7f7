"""Storing the computed partnership KPIs (kpis.py) as approved system values: recomputable
and idempotent — a second run with the same data changes nothing and records nothing; a
value that changed is updated with its history; a part no longer produced is removed."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from accord.accounts.models import Region
from accord.core.history import diff, record
from accord.results.catalogue_services import target_set
from accord.results.kpis import KPIS, Part
from accord.results.models import Indicator, Measurement, MeasurementStatus, Source
from accord.results.periods import current_year, period_get
from accord.results.rules import QUANTUM

FIELDS = ("value", "numerator", "denominator")


@dataclass
class ComputeReport:
    period: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    targets: int = 0
    indicators: list[str] = field(default_factory=list)


def _wanted(indicator: Indicator, result) -> dict[tuple[str, str], Part]:
    rows = {("", ""): result.total}
    dims = set(indicator.disaggregations or [])
    rows |= {key: part for key, part in result.parts.items() if key[0] in dims}
    return {key: part for key, part in rows.items() if part.value is not None}


def _plain(part_or_row) -> dict:
    """The figures at the stored precision, so an unchanged value compares equal."""
    values = {name: getattr(part_or_row, name) for name in FIELDS}
    return {k: None if v is None else Decimal(v).quantize(QUANTUM) for k, v in values.items()}


@transaction.atomic
def compute_kpis(period=None, *, batch: str = "") -> ComputeReport:
    """Compute every active computed indicator for `period` (a Period or a code; default:
    the current year) and store the results as approved values of the system."""
    period = period_get(period) if period else current_year()
    report = ComputeReport(period=period.code)
    indicators = list(
        Indicator.objects.filter(source=Source.COMPUTED, is_active=True).order_by("order", "code")
    )
    stored = {
        (m.indicator_id, m.dimension, m.dimension_value): m
        for m in Measurement.objects.filter(indicator__in=indicators, period=period).select_related(
            "indicator", "period"
        )
    }
    regions = {r.code: r for r in Region.objects.all()}
    for indicator in indicators:
        compute = KPIS.get(indicator.compute_function)
        if compute is None:
            continue
        result = compute(period)
        report.indicators.append(indicator.code)
        wanted = _wanted(indicator, result)
        for (dimension, code), part in wanted.items():
            row = stored.pop((indicator.pk, dimension, code), None)
            _store(indicator, period, dimension, code, part, row, report, regions, batch)
        if result.target is not None:
            target_set(
                actor=None,
                indicator=indicator,
                period=period,
                value=result.target,
                source=Source.COMPUTED,
                note="Funding targets of the year.",
                batch=batch,
            )
            report.targets += 1
    for row in stored.values():
        if row.source == Source.COMPUTED and row.indicator.source == Source.COMPUTED:
            record(
                obj=row,
                action="delete",
                changes={"value": [str(row.value), None]},
                note="No longer produced by the computation.",
                batch=batch,
            )
            row.delete()
            report.removed += 1
    return report


def _store(indicator, period, dimension, code, part, row, report, regions, batch) -> None:
    values = _plain(part)
    if row is None:
        row = Measurement.objects.create(
            indicator=indicator,
            period=period,
            dimension=dimension,
            dimension_value=code,
            region=regions.get(code) if dimension == "region" else None,
            status=MeasurementStatus.APPROVED,
            source=Source.COMPUTED,
            **values,
        )
        record(
            obj=row,
            action="create",
            batch=batch,
            note="Computed by Accord.",
            changes=diff({}, {k: v for k, v in values.items() if v is not None}),
        )
        report.created += 1
        return
    before = _plain(row)
    changes = diff(before, values)
    if not changes and row.status == MeasurementStatus.APPROVED:
        report.unchanged += 1
        return
    for name, value in values.items():
        setattr(row, name, value)
    row.status, row.source = MeasurementStatus.APPROVED, Source.COMPUTED
    row.save(update_fields=[*FIELDS, "status", "source", "updated_at"])
    record(obj=row, action="update", changes=changes, batch=batch, note="Recomputed by Accord.")
    report.updated += 1

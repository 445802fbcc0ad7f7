"""Writes of measurements entered by hand. Each service is one transaction: every field
checked first (all errors at once, nothing stored), then the write with its history; edits
carry a version (a stale one raises ConflictError). `actor=None` is the system (demo data,
commands): no permission check — but a decision always needs a person (four eyes)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.models import HistoryEntry
from accord.core.versioning import check_and_bump_version
from accord.partners.contact_services import restored_on_error
from accord.results import permissions, states
from accord.results.dimensions import resolve_part
from accord.results.models import Indicator, Measurement, MeasurementStatus, Source
from accord.results.periods import period_get
from accord.results.values import clean_measure

VALUE_FIELDS = ["value", "numerator", "denominator", "note"]
STATUS_FIELDS = ["status", "submitted_by", "decided_by", "return_reason"]
EDITABLE = (MeasurementStatus.DRAFT, MeasurementStatus.RETURNED)
MAX_NOTE = 5000
SUBMIT_NOTE = next(t.label for t in states.TRANSITIONS if t.name == "submit")


def _deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def _note(text) -> str:
    note = str(text or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": [f"Keep the note under {MAX_NOTE:,} characters."]})
    return note


@transaction.atomic
def measurement_create(
    *,
    actor,
    indicator: Indicator,
    period,
    value=None,
    numerator=None,
    denominator=None,
    dimension: str = "",
    dimension_value: str = "",
    note: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> Measurement:
    """Enter a value of an indicator for a period (a draft): the total, or one part of a
    disaggregation. One value per indicator, period and part; computed indicators are
    Accord's to calculate."""
    _deny_unless(permissions.can_enter(actor), actor, "You may not enter results.")
    if indicator.source == Source.COMPUTED:
        raise ValidationError(
            {
                "indicator": [
                    f"{indicator.code} is computed from Accord's data: it is not entered by hand."
                ]
            }
        )
    errors: dict[str, list[str]] = {}
    found = {}
    for name, work in (
        ("period", lambda: period_get(period)),
        ("part", lambda: resolve_part(indicator, dimension, dimension_value)),
        (
            "measure",
            lambda: clean_measure(
                indicator, value=value, numerator=numerator, denominator=denominator
            ),
        ),
        ("note", lambda: _note(note)),
    ):
        try:
            found[name] = work()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    dimension, code, region = found["part"]
    if actor is not None and not permissions.in_region(actor, region):
        raise ValidationError(
            {
                "dimension_value": [
                    "You enter values of your region(s) only: choose the region disaggregation and "
                    "one of your regions."
                ]
            }
        )
    existing = Measurement.objects.filter(
        indicator=indicator,
        period=found["period"],
        dimension=dimension,
        dimension_value=code,
    ).first()
    if existing is not None:
        raise ValidationError(
            {
                "period": [
                    f"A value of {indicator.code} for {found['period'].label} "
                    f"{'(' + code + ') ' if code else ''}already exists "
                    f"(measurement {existing.pk}, {existing.get_status_display().lower()}): "
                    "change that one."
                ]
            }
        )
    number, num, den = found["measure"]
    measurement = Measurement.objects.create(
        indicator=indicator,
        period=found["period"],
        dimension=dimension,
        dimension_value=code,
        region=region,
        value=number,
        numerator=num,
        denominator=den,
        note=found["note"],
        entered_by=actor if actor is not None else None,
        is_demo=is_demo,
    )
    after = {k: v for k, v in snapshot(measurement, ["status", *VALUE_FIELDS]).items() if v}
    after |= {"indicator": indicator.code, "period": found["period"].code}
    if dimension:
        after["part"] = f"{dimension}: {code}"
    record(obj=measurement, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return measurement


@transaction.atomic
def measurement_update(
    *, actor, measurement: Measurement, expected_version: int | None = None, **changes
) -> Measurement:
    """Change a value being prepared (draft or returned): value, numerator, denominator,
    note. A change to nothing records nothing."""
    unknown = set(changes) - set(VALUE_FIELDS)
    if unknown:
        raise TypeError(f"measurement_update() got unknown field(s): {', '.join(sorted(unknown))}")
    _deny_unless(
        permissions.can_enter(actor) and permissions.in_region(actor, measurement.region),
        actor,
        "You may not change this measurement.",
    )
    if measurement.status not in EDITABLE:
        raise ValidationError(
            {
                "__all__": [
                    f"A measurement that is “{measurement.get_status_display()}” cannot be changed."
                    + (
                        " Reopen it first."
                        if measurement.status == MeasurementStatus.APPROVED
                        else ""
                    )
                ]
            }
        )
    current = {
        "value": measurement.value,
        "numerator": measurement.numerator,
        "denominator": measurement.denominator,
    }
    given = {k: changes.get(k, current[k]) for k in current}
    errors = {}
    try:
        number, num, den = clean_measure(measurement.indicator, **given)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        note = _note(changes["note"]) if "note" in changes else measurement.note
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    before = snapshot(measurement, VALUE_FIELDS)
    with restored_on_error(measurement):
        measurement.value, measurement.numerator, measurement.denominator = number, num, den
        measurement.note = note
        changed = diff(before, snapshot(measurement, VALUE_FIELDS))
        if not changed:
            return measurement
        check_and_bump_version(measurement, expected_version)
        measurement.save(update_fields=[*VALUE_FIELDS, "updated_at"])
    record(obj=measurement, action="update", actor=actor, changes=changed)
    return measurement


def preparers_of(measurements: list[Measurement]) -> dict[int, frozenset]:
    """Who entered, edited or submitted each value (now or before), in one query: they may
    not decide it (four eyes)."""
    found = {m.pk: {m.entered_by_id, m.submitted_by_id} for m in measurements}
    entries = HistoryEntry.objects.filter(
        model="results.measurement",
        object_id__in=list(found),
        actor__isnull=False,
    ).values_list("object_id", "actor_id", "changes", "note")
    for object_id, actor_id, changes, note in entries:
        touched = isinstance(changes, dict) and any(k in changes for k in VALUE_FIELDS)
        if touched or note.startswith(SUBMIT_NOTE):
            found[object_id].add(actor_id)
    return {pk: frozenset(ids - {None}) for pk, ids in found.items()}


def preparers(measurement: Measurement) -> frozenset:
    return preparers_of([measurement])[measurement.pk]


@transaction.atomic
def measurement_transition(
    *,
    actor,
    measurement: Measurement,
    transition: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Measurement:
    """Move a measurement along its life (states.py): submit, approve or return (four eyes),
    withdraw, or reopen an approved value (with a reason; it stops counting)."""
    _deny_unless(
        permissions.can_view(actor)
        and permissions.in_region(actor, measurement.region)
        or permissions.can_approve(actor),
        actor,
        "You may not change results of this region.",
    )
    reason = str(reason or "").strip()
    try:
        step = states.find(measurement, transition)
        ctx = states.Context(
            measurement=measurement, actor=actor, reason=reason, preparers=preparers(measurement)
        )
        states.check(step, ctx)
    except states.TransitionError as exc:
        if exc.key == "forbidden":
            raise PermissionDeniedError(str(exc)) from None
        raise ValidationError({exc.field: str(exc)}) from None
    before = snapshot(measurement, STATUS_FIELDS)
    now = timezone.now()
    with restored_on_error(measurement):
        check_and_bump_version(measurement, expected_version)
        fields = ["status", "updated_at"]
        if step.name == "submit":
            measurement.submitted_by, measurement.submitted_at = actor, now
            measurement.return_reason = ""
            fields += ["submitted_by", "submitted_at", "return_reason"]
        if step.decision:
            measurement.decided_by, measurement.decided_at = actor, now
            measurement.return_reason = reason if step.name == "return" else ""
            fields += ["decided_by", "decided_at", "return_reason"]
        if step.name == "reopen":
            measurement.decided_by, measurement.decided_at = None, None
            fields += ["decided_by", "decided_at"]
        measurement.status = step.target
        measurement.save(update_fields=fields)
    note = f"{step.label}: {reason}" if reason else step.label
    record(
        obj=measurement,
        action="update",
        actor=actor,
        changes=diff(before, snapshot(measurement, STATUS_FIELDS)),
        note=note,
    )
    return measurement

"""Writes of the indicator catalogue and of targets (administrators). Same contract as
services.py: one transaction, every field checked first, history, versions on edits."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.partners.contact_services import restored_on_error
from accord.results import permissions
from accord.results.dimensions import clean_disaggregations
from accord.results.kpis import KPIS
from accord.results.models import Aggregation, Direction, Indicator, Source, Target, Unit
from accord.results.periods import period_get
from accord.results.values import check_unit, to_decimal
from accord.strategy.models import ExpectedResult, Outcome, PartnerCategory
from accord.strategy.selectors import current_strategy

INDICATOR_FIELDS = [
    "code",
    "name",
    "definition",
    "unit",
    "direction",
    "aggregation",
    "source",
    "compute_function",
    "outcome",
    "expected_result",
    "category",
    "disaggregations",
    "baseline",
    "baseline_year",
    "order",
    "is_active",
]


def _deny_unless_manager(actor) -> None:
    if actor is not None and not permissions.can_manage(actor):
        raise PermissionDeniedError("You may not change the indicator catalogue.")


def _choice(value, choices, field: str, errors: dict) -> str:
    value = str(value or "").strip()
    if value not in choices.values:
        errors[field] = [f"Choose one of: {', '.join(choices.values)}."]
    return value


def _link(model, value, field: str, errors: dict, **lookup):
    """A strategy record by instance, id, or code (of the current strategy)."""
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    qs = model.objects.filter(**lookup)
    text = str(value).strip()
    found = qs.filter(code=text).first() or (qs.filter(pk=text).first() if text.isdigit() else None)
    if found is None:
        errors[field] = [f"There is no {field.replace('_', ' ')} “{text}”."]
    return found


def _clean(indicator: Indicator, changes: dict) -> None:
    errors: dict[str, list[str]] = {}
    strategy = current_strategy()
    for name, value in changes.items():
        if name == "code":
            value = str(value or "").strip().upper()
            if not value or len(value) > 32 or " " in value:
                errors["code"] = ["Give a code of up to 32 characters without spaces."]
            elif Indicator.objects.filter(code=value).exclude(pk=indicator.pk).exists():
                errors["code"] = [f"Another indicator has the code {value}."]
        elif name in ("name", "definition"):
            value = str(value or "").strip()
            if not value:
                errors[name] = ["This field is required."]
            elif name == "name" and len(value) > 300:
                errors[name] = ["Keep the name under 300 characters."]
        elif name == "unit":
            value = _choice(value, Unit, name, errors)
        elif name == "direction":
            value = _choice(value, Direction, name, errors)
        elif name == "aggregation":
            value = _choice(value, Aggregation, name, errors)
        elif name == "source":
            value = _choice(value, Source, name, errors)
        elif name == "compute_function":
            value = str(value or "").strip()
        elif name == "outcome":
            value = _link(
                Outcome, value, name, errors, domain__plan_id=strategy.plan_id if strategy else None
            )
        elif name == "expected_result":
            value = _link(ExpectedResult, value, name, errors, strategy=strategy)
        elif name == "category":
            value = _link(PartnerCategory, value, name, errors, strategy=strategy)
        elif name == "disaggregations":
            try:
                value = clean_disaggregations(value)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif name == "baseline":
            try:
                value = to_decimal(value, "baseline", required=False)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif name in ("baseline_year", "order"):
            value = None if value in (None, "") else value
            if value is not None and (not str(value).isdigit() or int(value) > 32767):
                errors[name] = ["Give a whole number."]
            value = int(value) if value is not None and str(value).isdigit() else value
            if name == "order" and value is None:
                value = 100
        elif name == "is_active":
            value = bool(value)
        setattr(indicator, name, value)
    source = indicator.source
    if source == Source.COMPUTED and indicator.compute_function not in KPIS:
        errors["compute_function"] = [
            f"Choose the function that computes it: {', '.join(sorted(KPIS))}."
        ]
    if source == Source.MANUAL and indicator.compute_function:
        errors["compute_function"] = ["An indicator entered by hand has no compute function."]
    if errors:
        raise ValidationError(errors)


def _readable(indicator: Indicator) -> dict:
    return snapshot(indicator, INDICATOR_FIELDS)


@transaction.atomic
def indicator_create(*, actor, batch: str = "", **fields) -> Indicator:
    """Add an indicator to the catalogue."""
    _deny_unless_manager(actor)
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"indicator_create() got unknown field(s): {', '.join(sorted(unknown))}")
    indicator = Indicator()
    defaults = {
        "code": "",
        "name": "",
        "definition": "",
        "unit": Unit.NUMBER,
        "direction": Direction.HIGHER,
        "aggregation": Aggregation.SUM,
        "source": Source.MANUAL,
    }
    _clean(indicator, {**defaults, **fields})
    indicator.save()
    after = {k: v for k, v in _readable(indicator).items() if v not in (None, "", [])}
    record(obj=indicator, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return indicator


@transaction.atomic
def indicator_update(
    *, actor, indicator: Indicator, expected_version: int | None = None, **changes
) -> Indicator:
    """Change a catalogue entry. A change to nothing records nothing."""
    _deny_unless_manager(actor)
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"indicator_update() got unknown field(s): {', '.join(sorted(unknown))}")
    before = _readable(indicator)
    with restored_on_error(indicator):
        _clean(indicator, changes)
        changed = diff(before, _readable(indicator))
        if not changed:
            return indicator
        check_and_bump_version(indicator, expected_version)
        indicator.save()
    record(obj=indicator, action="update", actor=actor, changes=changed)
    return indicator


@transaction.atomic
def target_set(
    *,
    actor,
    indicator: Indicator,
    period,
    value,
    note: str = "",
    source: str = Source.MANUAL,
    is_demo: bool = False,
    batch: str = "",
) -> Target:
    """Set what `indicator` should reach by the end of `period` (creates or replaces the
    period's target). A computed target never replaces one set by hand."""
    _deny_unless_manager(actor)
    errors: dict[str, list[str]] = {}
    try:
        period = period_get(period)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        number = to_decimal(value, "value")
        check_unit(number, indicator.unit, "value")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    note = str(note or "").strip()
    if len(note) > 300:
        errors["note"] = ["Keep the note under 300 characters."]
    if errors:
        raise ValidationError(errors)
    target = Target.objects.filter(indicator=indicator, period=period).first()
    if target is None:
        target = Target.objects.create(
            indicator=indicator,
            period=period,
            value=number,
            note=note,
            source=source,
            is_demo=is_demo,
        )
        record(
            obj=target,
            action="create",
            actor=actor,
            batch=batch,
            changes=diff({}, {"value": number, "note": note or None, "source": source}),
        )
        return target
    if source == Source.COMPUTED and target.source == Source.MANUAL:
        return target
    target.indicator, target.period = indicator, period
    before = snapshot(target, ["value", "note", "source"])
    target.value, target.note, target.source = number, note, source
    changed = diff(before, snapshot(target, ["value", "note", "source"]))
    if changed:
        check_and_bump_version(target, None)
        target.save(update_fields=["value", "note", "source", "updated_at"])
        record(obj=target, action="update", actor=actor, changes=changed, batch=batch)
    return target


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    _deny_unless_manager(actor)
    record(obj=target, action="delete", actor=actor, changes={"value": [str(target.value), None]})
    target.delete()

"""Writes of the resource-mobilisation pipeline: opportunities and their stage changes (through
the state machine in pipeline_states.py). Each service is one transaction: it checks every
field first (every wrong field reported at once, nothing stored), converts the amount to USD
once with the month's rate (accord.funding.rates), writes, and records the change in the
history with {field: [old, new]}.

`actor=None` means the system (commands, demo data, benchmarks): no permission check."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import (
    Collector,
    resolve_flagship,
    resolve_outcomes,
    resolve_strategies,
    resolve_user,
)
from accord.engagement.services import deny_unless
from accord.funding import permissions, pipeline_states, rates
from accord.funding.models import Opportunity, ResourceKind, Stage, StageKind
from accord.funding.pipeline_selectors import move_options
from accord.partners import permissions as partner_permissions
from accord.partners.contact_services import load_related, restored_on_error
from accord.partners.models import Organisation

SCALAR_FIELDS = [
    "organisation",
    "title",
    "description",
    "kind",
    "in_kind_description",
    "amount",
    "currency",
    "value_date",
    "probability",
    "expected_decision_date",
    "flagship",
    "owner",
    "office",
]
RELATED_FIELDS = ["co_funders", "outcomes", "countries", "strategies"]
EDITABLE_FIELDS = frozenset(SCALAR_FIELDS + RELATED_FIELDS)
# Stored beside the amount and shown in the history, but computed, never given.
COMPUTED_FIELDS = ["amount_usd", "usd_rate", "rate_source", "region"]
HISTORY_FIELDS = [*SCALAR_FIELDS, *COMPUTED_FIELDS, "stage", "closed_on", "close_reason"]


# --- turning what callers give (objects, ids, codes) into records ---


def resolve_partner(actor, value, *, field: str) -> Organisation:
    """A partner the actor may see (the system sees all), by object or id, not archived."""
    pk = value.pk if isinstance(value, Organisation) else value
    rows = Organisation.objects.select_related("region")
    if actor is not None:
        rows = partner_permissions.visible_organisations(actor, rows)
    found = rows.filter(pk=int(pk)).first() if str(pk).strip().isdigit() else None
    if found is None:
        raise ValidationError({field: "Choose a partner (unknown, or outside your scope)."})
    if found.is_archived:
        raise ValidationError({field: f"{found.name} is archived: it cannot be chosen."})
    return found


def resolve_co_funders(actor, values) -> list[Organisation]:
    return [resolve_partner(actor, v, field="co_funders") for v in values or ()]


def resolve_countries(values) -> list:
    from accord.accounts.models import Country

    items = list(values or ())
    objects = [v for v in items if isinstance(v, Country)]
    codes = [str(v).strip().upper() for v in items if not isinstance(v, Country)]
    found = {c.code: c for c in Country.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({"countries": f"Unknown country code(s): {', '.join(unknown)}."})
    return list({c.pk: c for c in [*objects, *(found[c] for c in codes)]}.values())


def resolve_stage(value) -> Stage:
    stage = value if isinstance(value, Stage) else Stage.objects.filter(code=value).first()
    if stage is None or not stage.is_active:
        raise ValidationError({"stage": f"There is no active stage “{value}”."})
    return stage


def _amount(value) -> Decimal | None:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _convert(o: Opportunity, check: Collector) -> None:
    """Store the USD value, rate and source of the amount. An amount of zero (not known yet)
    in a currency without a rate is kept unconverted; any other missing rate is an error."""
    try:
        conversion = rates.to_usd(o.amount, o.currency, o.value_date)
    except rates.MissingRateError as exc:
        o.amount_usd, o.usd_rate, o.rate_source = Decimal(0), Decimal(0), ""
        if o.amount:
            check.run(_raise, exc)
        return
    except ValidationError as exc:
        check.run(_raise, exc)
        return
    o.amount_usd, o.usd_rate, o.rate_source = (
        conversion.amount_usd,
        conversion.rate,
        conversion.source,
    )


def _raise(exc: Exception):
    raise exc


def _apply(actor, o: Opportunity, changes: dict, check: Collector) -> dict[str, list]:
    for field in ("title", "office"):
        if field in changes:
            setattr(o, field, " ".join(str(changes[field] or "").split()))
    for field in ("description", "in_kind_description"):
        if field in changes:
            setattr(o, field, str(changes[field] or "").strip())
    if "kind" in changes:
        o.kind = changes["kind"] or ResourceKind.FINANCIAL
    if "currency" in changes:
        o.currency = str(changes["currency"] or "").strip().upper()
    for field in ("value_date", "expected_decision_date"):
        if field in changes:
            setattr(o, field, changes[field] or None)
    if "organisation" in changes:
        partner = check.run(resolve_partner, actor, changes["organisation"], field="organisation")
        if partner is not None:
            o.organisation, o.region = partner, partner.region
    if "flagship" in changes:
        o.flagship = check.run(resolve_flagship, changes["flagship"])
    if "owner" in changes:
        o.owner = check.run(resolve_user, changes["owner"])
    if "probability" in changes and changes["probability"] not in (None, ""):
        o.probability = changes["probability"]
    if "amount" in changes:
        o.amount = _amount(changes["amount"])
        if o.amount is None or o.amount < 0:
            check.add("amount", "Give an amount of zero or more (use a point for decimals).")
    if not o.title:
        check.add("title", "Give the opportunity a title.")
    if o.kind == ResourceKind.IN_KIND and not o.in_kind_description:
        check.add("in_kind_description", "Describe what the partner would give in kind.")
    if not isinstance(o.value_date, date):
        o.value_date = timezone.localdate()
    if not {"amount", "currency", "value_date"} & set(check.errors):
        _convert(o, check)
    related = {}
    resolvers = {
        "co_funders": lambda v: resolve_co_funders(actor, v),
        "outcomes": resolve_outcomes,
        "countries": resolve_countries,
        "strategies": resolve_strategies,
    }
    for field, resolver in resolvers.items():
        if field in changes:
            related[field] = check.run(resolver, changes[field]) or []
    if o.organisation_id and o.organisation_id in {c.pk for c in related.get("co_funders", [])}:
        check.add("co_funders", "The partner cannot also be one of its co-funders.")
    check.run(
        o.full_clean,
        exclude=[*check.errors, *RELATED_FIELDS, *COMPUTED_FIELDS, "created_by", "stage"],
        validate_unique=False,
        validate_constraints=False,
    )
    return related


def _stage_rules(o: Opportunity, check: Collector) -> None:
    if check.errors or o.stage_id is None:
        return
    _, priced_from, _ = move_options(o, with_reopen=False)
    for field, message in pipeline_states.stage_requirements(o, o.stage, priced_from).items():
        check.add(field, message)


def _related_labels(related: dict) -> dict[str, list]:
    labels = {}
    for name, objects in related.items():
        if name in ("outcomes", "strategies", "countries"):
            labels[name] = sorted(o.code for o in objects)
        else:
            labels[name] = sorted(str(o) for o in objects)
    return labels


@transaction.atomic
def opportunity_create(
    *,
    actor,
    organisation,
    title: str,
    amount=0,
    currency: str = "USD",
    value_date: date | None = None,
    stage="identified",
    probability: int | None = None,
    close_reason: str = "",
    closed_on: date | None = None,
    is_demo: bool = False,
    batch: str = "",
    **fields,
) -> Opportunity:
    """Open a prospect of resources from a partner. The amount is converted to USD at the rate
    of its value date's month; the probability defaults to the stage's; the region is the
    partner's. Created in a closed stage (historic records), it is closed on `closed_on`
    (default today)."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"opportunity_create() got unknown field(s): {', '.join(sorted(unknown))}")
    deny_unless(permissions.can_edit(actor), actor, "You may not record opportunities.")
    check = Collector()
    o = Opportunity(created_by=actor, is_demo=is_demo, currency="USD", amount=Decimal(0))
    o.stage = check.run(resolve_stage, stage)
    if o.stage is not None:
        o.probability = o.stage.default_probability
        if not o.stage.is_open:
            o.closed_on = closed_on or timezone.localdate()
            o.close_reason = str(close_reason or "").strip()
            if o.stage.kind != StageKind.WON and not o.close_reason:
                check.add("close_reason", "Give the reason it was closed.")
    changes = {
        **fields,
        "organisation": organisation,
        "title": title,
        "amount": amount,
        "currency": currency,
        "value_date": value_date,
        "probability": probability,
    }
    related = _apply(actor, o, changes, check)
    _stage_rules(o, check)
    check.raise_if_any()
    deny_unless(
        permissions.can_edit(actor, o), actor, "You may not record opportunities of this partner."
    )
    o.stage_changed_at = timezone.now()
    o.save()
    for field, objects in related.items():
        getattr(o, field).set(objects)
    after = {k: v for k, v in snapshot(o, HISTORY_FIELDS).items() if v not in (None, "")}
    after.update(_related_labels(related))
    record(obj=o, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return o


@transaction.atomic
def opportunity_update(
    *, actor, opportunity: Opportunity, expected_version: int | None = None, **changes
) -> Opportunity:
    """Change what an opportunity is about, its amount or its people; its stage changes only
    through `opportunity_move`. A changed amount, currency or value date is converted again."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"opportunity_update() got unknown field(s): {', '.join(sorted(unknown))}")
    o = opportunity
    deny_unless(permissions.can_edit(actor, o), actor, "You may not change this opportunity.")
    load_related(o, "organisation", "stage", "flagship", "owner", "region")
    current = {
        "co_funders": list(o.co_funders.all()),
        "outcomes": list(o.outcomes.all()),
        "countries": list(o.countries.all()),
        "strategies": list(o.strategies.select_related("category")),
    }
    before = {**snapshot(o, HISTORY_FIELDS), **_related_labels(current)}
    with restored_on_error(o):
        check = Collector()
        related = _apply(actor, o, changes, check)
        _stage_rules(o, check)
        if actor is not None and not check.errors and not permissions.can_edit(actor, o):
            check.add("organisation", "Choose a partner of your region(s).")
        check.raise_if_any()
        after = {**before, **snapshot(o, HISTORY_FIELDS), **_related_labels(related)}
        changed = diff(before, after)
        if not changed:
            return o
        check_and_bump_version(o, expected_version)
        scalars = [f for f in (*SCALAR_FIELDS, *COMPUTED_FIELDS) if f in changed]
        o.save(update_fields=[*scalars, "updated_at"])
        for field, objects in related.items():
            if field in changed:
                getattr(o, field).set(objects)
        record(obj=o, action="update", actor=actor, changes=changed)
    return o


@transaction.atomic
def opportunity_move(
    actor, opportunity: Opportunity, *, stage_code: str, version: int | None, note: str = ""
) -> Opportunity:
    """Move an opportunity to another stage along the pipeline's state machine
    (pipeline_states.py): the move must be allowed from its stage and pass its guards. The
    probability follows the new stage unless someone set their own; closing stamps the date."""
    o = opportunity
    deny_unless(permissions.can_edit(actor, o), actor, pipeline_states.MESSAGES["forbidden"])
    load_related(o, "stage")
    note = str(note or "").strip()
    moves, priced_from, _ = move_options(o)
    try:
        move = pipeline_states.find(moves, o, str(stage_code or ""))
        pipeline_states.check(move, pipeline_states.Context(o, move.target, note, priced_from))
    except pipeline_states.MoveError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    fields = ["stage", "probability", "closed_on", "close_reason"]
    with restored_on_error(o):
        before = snapshot(o, fields)
        check_and_bump_version(o, version)
        effects = pipeline_states.apply_effects(move, o, note)
        o.stage = move.target
        o.stage_changed_at = timezone.now()
        o.save(update_fields=["stage", "stage_changed_at", *effects, "updated_at"])
    label = f"{move.label}: {note}" if note else move.label
    record(
        obj=o, action="update", actor=actor, changes=diff(before, snapshot(o, fields)), note=label
    )
    return o

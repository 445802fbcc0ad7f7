"""Writes of the engagement log: engagements and their follow-ups. Each service is one
transaction: it validates everything first (every wrong field reported at once, nothing
stored), writes, and records the change in the history with {field: [old, new]}.

`actor=None` means the system (commands, demo data, benchmarks): no permission check, history
without a person. Governance bodies and the plan have their own modules
(governance_services.py, plan_services.py)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import Region
from accord.accounts.roles import region_scope
from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement import permissions, scorecard
from accord.engagement.models import (
    Engagement,
    EngagementKind,
    EngagementPartner,
    EngagementStatus,
    EngagementStrategyLine,
    FollowUp,
)
from accord.engagement.resolve import (
    Collector,
    resolve_contacts,
    resolve_country,
    resolve_flagship,
    resolve_organisations,
    resolve_outcomes,
    resolve_region,
    resolve_sdgs,
    resolve_staff,
    resolve_strategies,
    resolve_user,
)
from accord.engagement.selectors import HIDDEN_IDS
from accord.partners.contact_services import load_related, restored_on_error

SCALAR_FIELDS = [
    "kind",
    "status",
    "title",
    "summary",
    "start_date",
    "end_date",
    "lead_region",
    "office",
    "country",
    "flagship",
]
RELATED_FIELDS = ["organisations", "contacts", "staff", "strategies", "outcomes", "sdgs"]
EDITABLE_FIELDS = frozenset(SCALAR_FIELDS + RELATED_FIELDS)
_RESOLVERS = {
    "lead_region": resolve_region,
    "country": resolve_country,
    "flagship": resolve_flagship,
}


def deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def _history_values(related: dict[str, list]) -> dict[str, list]:
    """How related records read in the history: codes for strategy lines and outcomes, SDG
    numbers, names for the rest (sorted)."""
    values: dict[str, list] = {}
    for name, objects in related.items():
        if name in ("strategies", "outcomes"):
            values[name] = sorted(o.code for o in objects)
        elif name == "sdgs":
            values[name] = sorted(g.pk for g in objects)
        else:
            pairs = sorted((str(o), o.pk) for o in objects)
            values[name] = [label for label, _ in pairs]
            if name in HIDDEN_IDS:
                values[HIDDEN_IDS[name]] = [pk for _, pk in pairs]
    return values


def _current_related(engagement: Engagement) -> dict[str, list]:
    return {
        "organisations": list(engagement.organisations.all()),
        "contacts": list(engagement.contacts.all()),
        "staff": list(engagement.staff.all()),
        "strategies": list(engagement.strategies.select_related("category")),
        "outcomes": list(engagement.outcomes.all()),
        "sdgs": list(engagement.sdgs.all()),
    }


def _clean_scalars(e: Engagement, changes: dict, check: Collector) -> None:
    for field in ("title", "summary", "office"):
        if field in changes:
            text = str(changes[field] or "")
            setattr(e, field, " ".join(text.split()) if field != "summary" else text.strip())
    for field in ("kind", "status", "start_date", "end_date"):
        if field in changes:
            setattr(e, field, changes[field])
    for field, resolver in _RESOLVERS.items():
        if field in changes:
            setattr(e, field, check.run(resolver, changes[field]))
    if not e.title:
        check.add("title", "Give the engagement a title.")
    if e.kind not in EngagementKind.values:
        check.add("kind", f"Unknown kind {e.kind!r}. Choose from: {', '.join(EngagementKind)}.")
    if e.status not in EngagementStatus.values:
        check.add("status", f"Unknown status {e.status!r}. Choose planned, held or cancelled.")
    if not isinstance(e.start_date, date):
        check.add("start_date", "Give the date it started (or will start).")
    elif e.end_date and isinstance(e.end_date, date) and e.end_date < e.start_date:
        check.add("end_date", "The end date is before the start date.")
    elif e.status == EngagementStatus.HELD and e.start_date > timezone.localdate():
        check.add(
            "status",
            "An engagement that starts in the future cannot have been held yet: mark it planned.",
        )
    check.run(
        e.full_clean,
        exclude=[*check.errors, *RELATED_FIELDS, "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )


def _resolve_related(actor, changes: dict, current: dict, check: Collector) -> dict[str, list]:
    """The new value of every related field given in `changes`. A regional focal point's list
    of partners cannot drop the partners they do not see: those stay. When the partners change
    and the contacts are not given, contacts of partners no longer involved are dropped."""
    related: dict[str, list] = {}
    linked = current.get("organisations", [])
    if "organisations" in changes:
        orgs = check.run(
            resolve_organisations, actor, changes["organisations"], keep=[o.pk for o in linked]
        )
        scope = region_scope(actor) if actor is not None else None
        if orgs is not None and scope is not None:
            orgs += [o for o in linked if o.region_id not in scope and o not in orgs]
        if orgs is not None:
            related["organisations"] = orgs
        if orgs == []:
            check.add("organisations", "Choose at least one partner.")
    org_ids = {o.pk for o in related.get("organisations", linked)}
    if "contacts" in changes:
        if "organisations" not in check.errors:
            contacts = check.run(resolve_contacts, changes["contacts"], organisation_ids=org_ids)
            related["contacts"] = contacts or []
    elif "organisations" in related and current.get("contacts"):
        related["contacts"] = [c for c in current["contacts"] if c.organisation_id in org_ids]
    simple = {
        "staff": resolve_staff,
        "strategies": resolve_strategies,
        "outcomes": resolve_outcomes,
        "sdgs": resolve_sdgs,
    }
    for field, resolver in simple.items():
        if field in changes:
            related[field] = check.run(resolver, changes[field]) or []
    return related


def _check_scope(actor, e: Engagement, organisations: list, check: Collector) -> None:
    """A regional focal point must still see the engagement after their change."""
    scope = region_scope(actor) if actor is not None else None
    if scope is None or check.errors:
        return
    if e.lead_region_id not in scope and not any(o.region_id in scope for o in organisations):
        check.add(
            "organisations",
            "Involve at least one partner of your region(s), or lead the "
            "engagement from your region.",
        )


def _write_related(e: Engagement, related: dict[str, list]) -> None:
    through = {"start_date": e.start_date, "status": e.status}
    for field, objects in related.items():
        manager = getattr(e, field)
        if field in ("organisations", "strategies"):
            manager.set(objects, through_defaults=through)
        else:
            manager.set(objects)


def _sync_links(e: Engagement) -> None:
    """Keep the copies of date and status on the partner and strategy-line links in step."""
    values = {"start_date": e.start_date, "status": e.status}
    EngagementPartner.objects.filter(engagement=e).update(**values)
    EngagementStrategyLine.objects.filter(engagement=e).update(**values)


def _default_region(actor) -> Region | None:
    """A regional focal point of one region leads from it; others lead from headquarters."""
    scope = region_scope(actor) if actor is not None else None
    if scope and len(scope) == 1:
        return Region.objects.get(pk=next(iter(scope)))
    return None


@transaction.atomic
def engagement_create(
    *,
    actor,
    title: str,
    kind: str,
    start_date,
    organisations,
    status: str | None = None,
    end_date=None,
    summary: str = "",
    contacts=(),
    staff=(),
    lead_region=None,
    office: str = "",
    country=None,
    strategies=(),
    outcomes=(),
    flagship=None,
    sdgs=(),
    is_demo: bool = False,
    batch: str = "",
) -> Engagement:
    """Log something done or planned with one or more partners, tagged with the strategy lines,
    outcomes, flagship programme and SDGs it serves. Without a status it is "held" when it has
    started and "planned" when it lies ahead; a regional focal point's engagement is led by
    their region unless they say otherwise."""
    deny_unless(permissions.can_log(actor), actor, "You may not log engagements.")
    changes = {k: v for k, v in locals().items() if k in EDITABLE_FIELDS}
    if status is None and isinstance(start_date, date):
        ahead = start_date > timezone.localdate()
        changes["status"] = EngagementStatus.PLANNED if ahead else EngagementStatus.HELD
    if lead_region is None:
        changes["lead_region"] = _default_region(actor)
    e = Engagement(created_by=actor, is_demo=is_demo)
    check = Collector()
    _clean_scalars(e, changes, check)
    related = _resolve_related(actor, changes, {}, check)
    _check_scope(actor, e, related.get("organisations", []), check)
    check.raise_if_any()
    e.save()
    _write_related(e, related)
    after = {k: v for k, v in snapshot(e, SCALAR_FIELDS).items() if v not in (None, "")}
    after.update(_history_values({k: v for k, v in related.items() if v}))
    record(obj=e, action="create", actor=actor, changes=diff({}, after), batch=batch)
    scorecard.invalidate()
    return e


@transaction.atomic
def engagement_update(
    *,
    actor,
    engagement: Engagement,
    expected_version: int | None = None,
    batch: str = "",
    **changes,
) -> Engagement:
    """Change an engagement, only the fields given. A stale edit (someone saved since
    `expected_version`) is refused; a call that changes nothing records nothing."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"engagement_update() got unknown field(s): {', '.join(sorted(unknown))}")
    e = engagement
    deny_unless(
        actor is None or permissions.can_edit(actor, e), actor, "You may not edit this engagement."
    )
    load_related(e, "lead_region", "country", "flagship")
    current = _current_related(e)
    before = {**snapshot(e, SCALAR_FIELDS), **_history_values(current)}
    with restored_on_error(e):
        check = Collector()
        _clean_scalars(e, changes, check)
        related = _resolve_related(actor, changes, current, check)
        _check_scope(actor, e, related.get("organisations", current["organisations"]), check)
        check.raise_if_any()
        after = {**snapshot(e, SCALAR_FIELDS), **_history_values({**current, **related})}
        changed = diff(before, after)
        if not changed:
            return e
        check_and_bump_version(e, expected_version)
        fields = [f for f in SCALAR_FIELDS if f in changed]
        e.save(update_fields=[*fields, "updated_at"])
        _write_related(
            e, {k: v for k, v in related.items() if k in changed or HIDDEN_IDS.get(k) in changed}
        )
        if {"start_date", "status"} & set(changed):
            _sync_links(e)
        record(obj=e, action="update", actor=actor, changes=changed, batch=batch)
        scorecard.invalidate()
    return e


# --- follow-ups ---


@transaction.atomic
def follow_up_create(
    *,
    actor,
    engagement: Engagement,
    description: str,
    owner,
    due_date,
    is_demo: bool = False,
    batch: str = "",
) -> FollowUp:
    """Record an action the engagement calls for: what, who does it, by when."""
    deny_unless(
        actor is None or permissions.can_edit(actor, engagement),
        actor,
        "You may not add follow-ups to this engagement.",
    )
    check = Collector()
    description = " ".join(str(description or "").split())
    if not description:
        check.add("description", "Say what needs to be done.")
    elif len(description) > 500:
        check.add("description", "Keep the description under 500 characters.")
    owner = check.run(resolve_user, owner, what="The owner")
    if owner is None and "owner" not in check.errors:
        check.add("owner", "Choose who will do it.")
    if not isinstance(due_date, date):
        check.add("due_date", "Give the date it is due.")
    check.raise_if_any()
    follow_up = FollowUp.objects.create(
        engagement=engagement,
        description=description,
        owner=owner,
        due_date=due_date,
        is_demo=is_demo,
    )
    after = {"description": description, "owner": str(owner), "due_date": due_date}
    record(obj=follow_up, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return follow_up


@transaction.atomic
def follow_up_complete(*, actor, follow_up: FollowUp) -> FollowUp:
    """Mark a follow-up done (its owner, or whoever may edit the engagement)."""
    deny_unless(
        actor is None or permissions.can_complete_follow_up(actor, follow_up),
        actor,
        "You may not complete this follow-up.",
    )
    if follow_up.done_at is not None:
        raise ValidationError("This follow-up is already done.")
    follow_up.done_at = timezone.now()
    follow_up.done_by = actor if actor is not None and actor.is_authenticated else None
    follow_up.save(update_fields=["done_at", "done_by"])
    record(
        obj=follow_up,
        action="update",
        actor=actor,
        changes=diff({"done_at": None}, {"done_at": follow_up.done_at}),
    )
    return follow_up

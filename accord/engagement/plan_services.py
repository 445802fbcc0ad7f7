"""Writes of the implementation plan: actions, their status changes (through the state machine
in plan_states.py) and progress notes. Same rules as accord.engagement.services: one
transaction, every field checked, history recorded, `actor=None` is the system."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement import permissions, plan_states, scorecard
from accord.engagement.models import PlanAction, ProgressNote
from accord.engagement.resolve import (
    Collector,
    resolve_category,
    resolve_engagements,
    resolve_region,
    resolve_strategies,
    resolve_user,
)
from accord.engagement.services import deny_unless
from accord.partners.contact_services import load_related, restored_on_error

ACTION_FIELDS = ["title", "description", "category", "owner", "office", "region", "due_date"]
RELATED_FIELDS = ["strategies", "engagements"]
EDITABLE_FIELDS = frozenset(ACTION_FIELDS + RELATED_FIELDS)


def _related_labels(related: dict) -> dict[str, list[str]]:
    labels = {}
    if "strategies" in related:
        labels["strategies"] = sorted(s.code for s in related["strategies"])
    if "engagements" in related:
        labels["engagements"] = sorted(str(e) for e in related["engagements"])
    return labels


def _apply(actor, action: PlanAction, changes: dict, check: Collector) -> dict[str, list]:
    for field in ("title", "office"):
        if field in changes:
            setattr(action, field, " ".join(str(changes[field] or "").split()))
    if "description" in changes:
        action.description = str(changes["description"] or "").strip()
    if "due_date" in changes:
        action.due_date = changes["due_date"] or None
        if action.due_date is not None and not isinstance(action.due_date, date):
            check.add("due_date", "Give a date.")
    if "category" in changes:
        action.category = check.run(resolve_category, changes["category"])
    if "owner" in changes:
        action.owner = check.run(resolve_user, changes["owner"])
    if "region" in changes:
        action.region = check.run(resolve_region, changes["region"], field="region")
    if not action.title:
        check.add("title", "Give the action a title.")
    related: dict[str, list] = {}
    if "strategies" in changes:
        related["strategies"] = check.run(resolve_strategies, changes["strategies"]) or []
    if "engagements" in changes:
        linked = check.run(resolve_engagements, actor, changes["engagements"])
        if linked is not None and actor is not None and action.pk:
            # Links to engagements the actor cannot see are not theirs to remove.
            seen = permissions.visible_engagements(actor, action.engagements.all())
            linked += list(action.engagements.exclude(pk__in=seen.values("pk")))
        related["engagements"] = linked or []
    category_id = action.category_id if "category" not in check.errors else None
    lines = related.get("strategies")
    if lines is None and action.pk and "category" in changes:
        lines = list(action.strategies.select_related("category"))
    foreign = [s.code for s in lines or () if category_id and s.category_id != category_id]
    if foreign:
        check.add(
            "strategies",
            f"Strategy line(s) {', '.join(foreign)} belong to another "
            "partner category than the action's.",
        )
    check.run(
        action.full_clean,
        exclude=[*check.errors, "strategies", "engagements", "status"],
        validate_unique=False,
        validate_constraints=False,
    )
    return related


@transaction.atomic
def action_create(
    *,
    actor,
    title: str,
    category,
    description: str = "",
    strategies=(),
    owner=None,
    office: str = "",
    region=None,
    due_date=None,
    engagements=(),
    is_demo: bool = False,
    batch: str = "",
) -> PlanAction:
    """Add an action to the implementation plan, derived from one or more lines of a partner
    category's strategy. It starts "planned"."""
    deny_unless(permissions.can_create_action(actor), actor, "You may not add plan actions.")
    changes = {k: v for k, v in locals().items() if k in EDITABLE_FIELDS}
    action = PlanAction(created_by=actor, is_demo=is_demo)
    check = Collector()
    related = _apply(actor, action, changes, check)
    check.raise_if_any()
    allowed = permissions.can_plan_for(actor, region=action.region, owner=action.owner)
    deny_unless(
        allowed,
        actor,
        "You may not add this action to the plan: plan for your "
        "region(s), or make yourself its owner.",
    )
    action.save()
    for field, objects in related.items():
        getattr(action, field).set(objects)
    after = {k: v for k, v in snapshot(action, ACTION_FIELDS).items() if v not in (None, "")}
    after.update({"status": action.status, **_related_labels(related)})
    record(obj=action, action="create", actor=actor, changes=diff({}, after), batch=batch)
    scorecard.invalidate()
    return action


@transaction.atomic
def action_update(
    *, actor, action: PlanAction, expected_version: int | None = None, **changes
) -> PlanAction:
    """Change an action's description, owner, lines or links; its status changes only through
    `action_transition`."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"action_update() got unknown field(s): {', '.join(sorted(unknown))}")
    deny_unless(
        actor is None or permissions.can_edit_action(actor, action),
        actor,
        "You may not change this plan action.",
    )
    load_related(action, "category", "owner", "region")
    before = {
        **snapshot(action, ACTION_FIELDS),
        **_related_labels(
            {
                "strategies": action.strategies.select_related("category"),
                "engagements": action.engagements.all(),
            }
        ),
    }
    with restored_on_error(action):
        check = Collector()
        related = _apply(actor, action, changes, check)
        if (
            actor is not None
            and not check.errors
            and not permissions.can_plan_for(actor, region=action.region, owner=action.owner)
        ):
            check.add(
                "region",
                "You would no longer be able to change this action: keep it "
                "in your region(s), or make yourself its owner.",
            )
        check.raise_if_any()
        after = {**before, **snapshot(action, ACTION_FIELDS), **_related_labels(related)}
        changed = diff(before, after)
        if not changed:
            return action
        check_and_bump_version(action, expected_version)
        action.save(update_fields=[*(f for f in ACTION_FIELDS if f in changed), "updated_at"])
        for field, objects in related.items():
            if field in changed:
                getattr(action, field).set(objects)
        record(obj=action, action="update", actor=actor, changes=changed)
        scorecard.invalidate()
    return action


@transaction.atomic
def action_transition(
    *,
    actor,
    action: PlanAction,
    transition: str,
    note: str = "",
    expected_version: int | None = None,
) -> PlanAction:
    """Move an action to another status along the plan's state machine (plan_states.py): the
    change must be in the table from the current status and pass its guards; the note typed
    with it is kept as a progress note naming the change."""
    deny_unless(
        actor is None or permissions.can_edit_action(actor, action),
        actor,
        plan_states.MESSAGES["forbidden"],
    )
    note = str(note or "").strip()
    try:
        step = plan_states.find(action, transition)
        has_notes = action.notes.exists()
        plan_states.check(step, plan_states.Context(action=action, note=note, has_notes=has_notes))
    except plan_states.TransitionError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    with restored_on_error(action):
        before = {"status": action.status, "completed_on": action.completed_on}
        check_and_bump_version(action, expected_version)
        action.status = step.target
        action.status_changed_at = timezone.now()
        effects = plan_states.apply_effects(step, action)
        action.save(update_fields=["status", "status_changed_at", *effects, "updated_at"])
    if note:
        ProgressNote.objects.create(
            action=action,
            text=note,
            transition=step.name,
            author=actor if actor is not None else None,
        )
    after = {"status": action.status, "completed_on": action.completed_on}
    record(
        obj=action,
        action="update",
        actor=actor,
        changes=diff(before, after),
        note=f"{step.label}: {note}" if note else step.label,
    )
    scorecard.invalidate()
    return action


@transaction.atomic
def progress_note_add(
    *, actor, action: PlanAction, text: str, is_demo: bool = False
) -> ProgressNote:
    """Report progress on an action in a few words."""
    deny_unless(
        actor is None or permissions.can_edit_action(actor, action),
        actor,
        "You may not report progress on this action.",
    )
    text = str(text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the progress note."})
    if len(text) > 5000:
        raise ValidationError({"text": "Keep a progress note under 5,000 characters."})
    note = ProgressNote.objects.create(action=action, text=text, author=actor, is_demo=is_demo)
    record(obj=action, action="update", actor=actor, note=f"Progress note: {text}")
    return note

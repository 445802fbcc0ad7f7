"""Writes of calls: create and edit (with criteria, questions and reviewers), and the life-cycle
steps through states.py. Each service is one transaction, checks every field first (every
wrong field reported at once, nothing stored), and records the change in the history.

`actor=None` means the system (`accord send_reminders`, demo data): no permission check."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accord.accounts.models import Country, User
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector, resolve_category, resolve_outcomes
from accord.portal.calls import permissions, states
from accord.portal.calls.models import (
    SENT_STATUSES,
    ApplicationStatus,
    Call,
    CallKind,
    CallStatus,
    Criterion,
    DiligenceRequirement,
    Question,
)
from accord.portal.calls.scoring import weights_problem

SCALAR_FIELDS = ["kind", "title", "description", "diligence", "deadline", "clarification_deadline"]
RELATED_FIELDS = ["outcomes", "countries", "categories", "reviewers"]
# What only a draft may change: applicants must be judged by what was published.
DRAFT_ONLY = ["criteria", "questions", "kind", "diligence", "categories"]
EDITABLE = frozenset(SCALAR_FIELDS + RELATED_FIELDS + ["criteria", "questions"])


def _require_manage(actor) -> None:
    if actor is not None:
        permissions.deny_unless(permissions.can_manage(actor), "You may not manage calls.")


# --- turning what callers give into records ---


def _aware(value, field: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, datetime):
        raise ValidationError({field: "Give a date and time."})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _countries(values) -> list[Country]:
    items = list(values or ())
    objects = [v for v in items if isinstance(v, Country)]
    codes = [str(v).strip().upper() for v in items if not isinstance(v, Country)]
    found = Country.objects.in_bulk(codes)
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({"countries": f"Unknown country code(s): {', '.join(unknown)}."})
    return list({c.pk: c for c in [*objects, *(found[c] for c in codes)]}.values())


def _categories(values) -> list:
    found = []
    for value in values or ():
        try:
            found.append(resolve_category(value))
        except ValidationError as exc:
            raise ValidationError({"categories": exc.message_dict["category"]}) from None
    return list({c.pk: c for c in found}.values())


def _reviewers(values) -> list[User]:
    items = list(values or ())
    objects = [v for v in items if isinstance(v, User)]
    ids = [int(v) for v in items if not isinstance(v, User) and str(v).strip().isdigit()]
    bad = [str(v) for v in items if not isinstance(v, User) and not str(v).strip().isdigit()]
    users = objects + list(User.objects.filter(pk__in=ids))
    bad += [str(i) for i in ids if i not in {u.pk for u in users}]
    bad += [str(u) for u in users if not u.is_active or not permissions.can_review(u)]
    if bad:
        raise ValidationError({"reviewers": f"Not a user who may review calls: {', '.join(bad)}."})
    return list({u.pk: u for u in users}.values())


def _criteria(values) -> list[dict]:
    rows, errors = [], []
    for n, item in enumerate(values or (), start=1):
        name = " ".join(str(item.get("name") or "").split())[:200]
        try:
            weight = int(item.get("weight"))
        except (TypeError, ValueError):
            weight = None
        if not name:
            errors.append(f"Criterion {n}: give its name.")
        if weight is None or not 1 <= weight <= 100:
            errors.append(f"Criterion {n}: the weight must be a whole number from 1 to 100.")
        rows.append(
            {
                "name": name,
                "weight": weight or 0,
                "description": str(item.get("description") or "").strip(),
            }
        )
    if not errors and rows:
        problem = weights_problem(r["weight"] for r in rows)
        if problem:
            errors.append(problem)
    if errors:
        raise ValidationError({"criteria": errors})
    return rows


def _questions(values) -> list[dict]:
    rows = []
    for item in values or ():
        data = item if isinstance(item, dict) else {"text": item}
        text = " ".join(str(data.get("text") or "").split())
        if text:
            rows.append({"text": text[:500], "required": bool(data.get("required", True))})
    return rows


def _apply(call: Call, changes: dict, check: Collector) -> dict:
    """Set the scalar fields on `call` and return the resolved related values."""
    if "title" in changes:
        call.title = " ".join(str(changes["title"] or "").split())[:200]
        if not call.title:
            check.add("title", "Give the call a title.")
    if "description" in changes:
        call.description = str(changes["description"] or "").strip()
    if "kind" in changes:
        if changes["kind"] not in CallKind.values:
            check.add("kind", f"Choose the kind of call: {', '.join(CallKind.values)}.")
        call.kind = changes["kind"]
    if "diligence" in changes:
        if changes["diligence"] not in DiligenceRequirement.values:
            check.add("diligence", f"Choose from: {', '.join(DiligenceRequirement.values)}.")
        call.diligence = changes["diligence"]
    for field in ("deadline", "clarification_deadline"):
        if field in changes:
            setattr(call, field, check.run(_aware, changes[field], field))
    if call.deadline is None:
        check.add("deadline", "Give the deadline for applications.")
    elif call.clarification_deadline and call.clarification_deadline > call.deadline:
        check.add(
            "clarification_deadline",
            "The clarification deadline must not be after the deadline for applications.",
        )
    related = {}
    resolvers = {
        "outcomes": resolve_outcomes,
        "countries": _countries,
        "categories": _categories,
        "reviewers": _reviewers,
        "criteria": _criteria,
        "questions": _questions,
    }
    for name, resolve in resolvers.items():
        if name in changes:
            related[name] = check.run(resolve, changes[name])
    return related


def _save_related(call: Call, related: dict) -> dict:
    """Store the related values; return their history form."""
    shown = {}
    for name in ("outcomes", "countries", "categories", "reviewers"):
        if name in related:
            getattr(call, name).set(related[name])
            shown[name] = sorted(str(v) for v in related[name])
    if "criteria" in related:
        call.criteria.all().delete()
        Criterion.objects.bulk_create(
            Criterion(call=call, order=n, **row) for n, row in enumerate(related["criteria"])
        )
        shown["criteria"] = [f"{r['name']} ({r['weight']}%)" for r in related["criteria"]]
    if "questions" in related:
        call.questions.all().delete()
        Question.objects.bulk_create(
            Question(call=call, order=n, **row) for n, row in enumerate(related["questions"])
        )
        shown["questions"] = [r["text"] for r in related["questions"]]
    return shown


@transaction.atomic
def call_create(*, actor, title: str, deadline, is_demo: bool = False, **fields) -> Call:
    """Open a draft call. Criteria (name, weight, description) must add up to 100 when given."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"call_create() got unknown field(s): {', '.join(sorted(unknown))}")
    _require_manage(actor)
    call = Call(created_by=actor, is_demo=is_demo, deadline=None)
    check = Collector()
    related = _apply(call, {**fields, "title": title, "deadline": deadline}, check)
    check.raise_if_any()
    call.save()
    shown = _save_related(call, related)
    record(
        obj=call,
        action="create",
        actor=actor,
        changes={
            **diff({}, snapshot(call, SCALAR_FIELDS)),
            **{k: [None, v] for k, v in shown.items()},
        },
        batch="demo" if is_demo else "",
    )
    return call


@transaction.atomic
def call_update(*, actor, call: Call, expected_version: int | None = None, **changes) -> Call:
    """Edit a call. Once published, its criteria, questions, kind, categories and diligence
    condition are fixed (applicants are judged by what was published)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"call_update() got unknown field(s): {', '.join(sorted(unknown))}")
    _require_manage(actor)
    if call.status == CallStatus.FINALISED:
        raise ValidationError({"__all__": "A finalised call can no longer be changed."})
    if call.status != CallStatus.DRAFT:
        fixed = [f for f in DRAFT_ONLY if f in changes]
        if fixed:
            raise ValidationError(dict.fromkeys(fixed, "Fixed once the call is published."))
    before = snapshot(call, SCALAR_FIELDS)
    check = Collector()
    related = _apply(call, changes, check)
    if check.errors:
        call.refresh_from_db()
        check.raise_if_any()
    check_and_bump_version(call, expected_version)
    call.save(update_fields=[*SCALAR_FIELDS, "updated_at"])
    shown = _save_related(call, related)
    changed = diff(before, snapshot(call, SCALAR_FIELDS)) | {k: [None, v] for k, v in shown.items()}
    record(obj=call, action="update", actor=actor, changes=changed)
    return call


# --- the life cycle ---


def transition_context(call: Call, now: datetime | None = None) -> states.Context:
    """What the guards look at, in a fixed number of queries."""
    now = now or timezone.now()
    counts = call.applications.aggregate(
        submitted=Count("id", filter=Q(status__in=SENT_STATUSES)),
        selected=Count("id", filter=Q(status=ApplicationStatus.SELECTED)),
    )
    from accord.portal.calls.review_selectors import missing_reviews

    return states.Context(
        call=call,
        now=now,
        weights=tuple(call.criteria.values_list("weight", flat=True)),
        reviewers=call.reviewers.count(),
        questions=call.questions.count(),
        submitted=counts["submitted"],
        selected=counts["selected"],
        missing_reviews=missing_reviews(call) if call.status == CallStatus.UNDER_REVIEW else 0,
    )


@transaction.atomic
def call_transition(
    *,
    actor,
    call: Call,
    transition: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    note: str = "",
) -> Call:
    """Move the call along its life cycle when every guard agrees (states.py)."""
    _require_manage(actor)
    now = now or timezone.now()
    try:
        step = states.find(call, transition)
        states.check(step, transition_context(call, now))
    except states.CallTransitionError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    before = snapshot(call, ["status"])
    check_and_bump_version(call, expected_version)
    call.status = step.target
    fields = ["status", "updated_at"]
    stamp = states.STAMPS.get(step.target)
    if stamp:
        setattr(call, stamp, now)
        fields.append(stamp)
    call.save(update_fields=fields)
    record(
        obj=call,
        action="update",
        actor=actor,
        changes=diff(before, snapshot(call, ["status"])),
        note=note,
    )
    if step.target == CallStatus.FINALISED:
        from accord.portal.calls.selection_services import notify_applicants

        notify_applicants(actor=actor, call=call, now=now)
    return call


def close_due_calls(*, now: datetime | None = None, dry_run: bool = False) -> int:
    """Close every published call whose deadline has passed (run by `accord send_reminders`)."""
    now = now or timezone.now()
    due = Call.objects.filter(status=CallStatus.PUBLISHED, deadline__lte=now).order_by("id")
    if dry_run:
        return due.count()
    closed = 0
    for call in due:
        call_transition(
            actor=None,
            call=call,
            transition="close",
            now=now,
            note="Deadline passed: closed by date.",
        )
        closed += 1
    return closed

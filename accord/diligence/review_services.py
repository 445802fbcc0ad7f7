"""Writes of due-diligence reviews and of the policy. Each service is one transaction: every
field checked first (all errors at once, nothing stored), then the write with its history;
edits carry a version (a stale one raises ConflictError). `actor=None` is the system (demo
data): no permission check — but a decision always needs a person (four eyes)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.models import HistoryEntry
from accord.core.versioning import check_and_bump_version
from accord.diligence import checklist, permissions, review_states
from accord.diligence.models import (
    BLOCKING_HITS,
    DiligencePolicy,
    DiligenceReview,
    HitStatus,
    ListVersion,
    ReviewStatus,
    RiskRating,
    ScreeningHit,
)
from accord.diligence.selectors import current_policy
from accord.partners.contact_services import restored_on_error

CONTENT_FIELDS = ["checklist", "global_compact", "evidence", "notes", "risk_rating"]
DECISION_FIELDS = ["status", "valid_until", "decided_by", "conditions", "decision_reason"]
OPEN = (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED)
MAX_TEXT = 20_000


def _readable(review: DiligenceReview) -> dict:
    """The review's content as its history shows it: the checklist as one line per answer."""
    values = snapshot(review, CONTENT_FIELDS)
    values["checklist"] = [
        f"{r['criterion'].label}: {r['answer_label']}" + (f" — {r['note']}" if r["note"] else "")
        for r in checklist.rows(review.checklist)
        if r["answer"] or r["note"]
    ]
    return values


def _deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def sanctions_status(organisation_id: int) -> dict:
    """The sanctions criterion from the screening of the organisation and its contacts."""
    counts = ScreeningHit.objects.filter(
        Q(organisation_id=organisation_id)
        | Q(contact__organisation_id=organisation_id, contact__archived_at__isnull=True),
        status__in=BLOCKING_HITS,
    ).aggregate(
        blocking=Count("id"), confirmed=Count("id", filter=Q(status=HitStatus.CONFIRMED))
    )
    screened = ListVersion.objects.filter(is_current=True, sanctions_list__is_active=True).exists()
    return checklist.sanctions_answer(screened=screened, **counts)


def _clean_checklist(value, errors: dict) -> dict:
    """The hand-answered criteria of `value`, checked; the sanctions one is filled later."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors["checklist"] = ["Give the checklist as {criterion: {answer, note}}."]
        return {}
    clean, wrong = {}, []
    for code, given in value.items():
        criterion = checklist.BY_CODE.get(code)
        if criterion is None:
            wrong.append(f"There is no criterion “{code}”.")
            continue
        if criterion.automatic:
            continue
        given = given if isinstance(given, dict) else {"answer": given}
        answer = str(given.get("answer") or "").strip()
        note = str(given.get("note") or "").strip()
        if answer and answer not in checklist.ANSWER_CODES:
            wrong.append(f"“{criterion.label}”: answer clear, concern or unknown.")
        elif len(note) > 2000:
            wrong.append(f"“{criterion.label}”: keep the note under 2,000 characters.")
        elif answer or note:
            clean[code] = {"answer": answer, "note": note}
    if wrong:
        errors["checklist"] = wrong
    return clean


def _apply(review: DiligenceReview, changes: dict) -> None:
    errors: dict[str, list[str]] = {}
    if "checklist" in changes:
        review.checklist = _clean_checklist(changes["checklist"], errors)
    if "global_compact" in changes:
        value = str(changes["global_compact"] or "")
        if value and value not in dict(checklist.GLOBAL_COMPACT):
            errors["global_compact"] = ["Choose participant, not or unknown."]
        review.global_compact = value
    if "risk_rating" in changes:
        value = str(changes["risk_rating"] or "")
        if value and value not in RiskRating.values:
            errors["risk_rating"] = ["Choose low, medium or high."]
        review.risk_rating = value
    for name in ("evidence", "notes"):
        if name in changes:
            value = str(changes[name] or "").strip()
            if len(value) > MAX_TEXT:
                errors[name] = ["Keep this under 20,000 characters."]
            setattr(review, name, value)
    if errors:
        raise ValidationError(errors)
    review.checklist = {
        **{k: v for k, v in review.checklist.items() if k != checklist.SANCTIONS},
        checklist.SANCTIONS: sanctions_status(review.organisation_id),
    }


@transaction.atomic
def review_create(
    *, actor, organisation, checklist: dict | None = None, global_compact: str = "",
    evidence: str = "", notes: str = "", risk_rating: str = "", is_demo: bool = False,
    batch: str = "",
) -> DiligenceReview:
    """Start a due-diligence review of a partner (a draft). One review at a time is prepared
    for a partner; the sanctions criterion is filled from its screening."""
    _deny_unless(
        permissions.can_prepare(actor) and permissions.in_region(actor, organisation), actor,
        "You may not prepare due-diligence reviews of this partner.",
    )
    ongoing = DiligenceReview.objects.filter(organisation=organisation, status__in=OPEN).first()
    if ongoing is not None:
        raise ValidationError({
            "organisation": [f"A review of this partner is already open (review {ongoing.pk}, "
                             f"{ongoing.get_status_display().lower()}): continue that one."]
        })
    review = DiligenceReview(organisation=organisation, prepared_by=actor, is_demo=is_demo)
    _apply(review, {"checklist": checklist, "global_compact": global_compact,
                    "evidence": evidence, "notes": notes, "risk_rating": risk_rating})
    review.save()
    after = {k: v for k, v in {"status": review.status, **_readable(review)}.items() if v}
    record(obj=review, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return review


@transaction.atomic
def review_update(
    *, actor, review: DiligenceReview, expected_version: int | None = None, **changes
) -> DiligenceReview:
    """Change a review being prepared (a draft): checklist, evidence, notes, risk rating."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"review_update() got unknown field(s): {', '.join(sorted(unknown))}")
    _deny_unless(
        permissions.can_prepare(actor) and permissions.in_region(actor, review.organisation),
        actor, "You may not change due-diligence reviews of this partner.",
    )
    if review.status != ReviewStatus.DRAFT:
        raise ValidationError(
            {"__all__": [f"A review that is “{review.get_status_display()}” cannot be changed."]}
        )
    before = _readable(review)
    with restored_on_error(review):
        _apply(review, changes)
        changed = diff(before, _readable(review))
        if not changed:
            return review
        check_and_bump_version(review, expected_version)
        review.save(update_fields=[*CONTENT_FIELDS, "updated_at"])
    record(obj=review, action="update", actor=actor, changes=changed)
    return review


def preparers(review: DiligenceReview) -> frozenset:
    """Who prepared or edited the review: they may not decide it (four eyes)."""
    actors = HistoryEntry.objects.filter(
        model="diligence.diligencereview", object_id=review.pk, actor__isnull=False
    ).values_list("actor_id", flat=True)
    return frozenset({review.prepared_by_id, *actors} - {None})


@transaction.atomic
def review_transition(
    *, actor, review: DiligenceReview, transition: str, reason: str = "",
    conditions: str = "", valid_until: date | None = None, expected_version: int | None = None,
) -> DiligenceReview:
    """Move a review along its life (review_states.py): submit it, decide it (four eyes;
    an approval is valid until the decision date plus the policy's validity unless the decider
    gives another date, not in the past), or withdraw it."""
    _deny_unless(
        permissions.can_view(actor) and permissions.in_region(actor, review.organisation),
        actor, "You may not change due-diligence reviews of this partner.",
    )
    reason, conditions = str(reason or "").strip(), str(conditions or "").strip()
    try:
        step = review_states.find(review, transition)
        ctx = review_states.Context(
            review=review, actor=actor, reason=reason, conditions=conditions,
            valid_until=valid_until, preparers=preparers(review),
        )
        review_states.check(step, ctx)
    except review_states.TransitionError as exc:
        if exc.key == "forbidden":
            raise PermissionDeniedError(str(exc)) from None
        raise ValidationError({exc.field: str(exc)}) from None
    before = snapshot(review, DECISION_FIELDS)
    with restored_on_error(review):
        check_and_bump_version(review, expected_version)
        fields = _step_fields(review, step, actor, reason, conditions, valid_until)
        review.status = step.target
        review.save(update_fields=["status", *fields, "updated_at"])
    note = f"{step.label}: {reason}" if reason else step.label
    record(obj=review, action="update", actor=actor,
           changes=diff(before, snapshot(review, DECISION_FIELDS)), note=note)
    return review


def _step_fields(review, step, actor, reason, conditions, valid_until) -> list[str]:
    """The fields a transition sets besides the status."""
    now = timezone.now()
    if step.name == "submit":
        _apply(review, {})  # the sanctions criterion as screening says it now
        review.submitted_at = now
        return ["submitted_at", "checklist"]
    if not step.decision:
        return []
    review.decided_by, review.decided_at, review.decision_reason = actor, now, reason
    review.conditions = conditions if step.target == ReviewStatus.CONDITIONAL else ""
    if step.target == ReviewStatus.REJECTED:
        review.valid_until = None
    else:
        months = current_policy().validity_months
        review.valid_until = valid_until or review_states.add_months(now.date(), months)
    return ["decided_by", "decided_at", "decision_reason", "conditions", "valid_until"]


@transaction.atomic
def policy_update(
    *, actor, categories, validity_months: int, remind_days_before: int,
) -> DiligencePolicy:
    """Set which partner categories need a review, how long one is valid, and how many days
    before it expires its renewal is due."""
    _deny_unless(permissions.can_set_policy(actor), actor, "You may not change the policy.")
    errors = {}
    if not 1 <= int(validity_months) <= 120:
        errors["validity_months"] = ["Give between 1 and 120 months."]
    if not 1 <= int(remind_days_before) <= 365:
        errors["remind_days_before"] = ["Give between 1 and 365 days."]
    if errors:
        raise ValidationError(errors)
    policy = current_policy()
    if policy.pk is None:
        policy.save()
    categories = list(categories)
    before = {**snapshot(policy, ["validity_months", "remind_days_before"]),
              "categories": sorted(c.code for c in policy.categories.all())}
    policy.validity_months, policy.remind_days_before = validity_months, remind_days_before
    policy.updated_by = actor
    policy.save()
    policy.categories.set(categories)
    after = {**snapshot(policy, ["validity_months", "remind_days_before"]),
             "categories": sorted(c.code for c in categories)}
    record(obj=policy, action="update", actor=actor, changes=diff(before, after))
    return policy


def mark_reminded(reviews, *, day: date) -> None:
    """Note that the renewal reminder of these reviews went out (once per review)."""
    for review in reviews:
        DiligenceReview.objects.filter(pk=review.pk).update(reminded_on=day)
        record(obj=review, action="update", changes={"reminded_on": [None, day.isoformat()]},
               note="Renewal reminder sent.")

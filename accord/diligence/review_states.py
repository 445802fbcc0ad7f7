"""The life of a due-diligence review, as data.

    draft ──submit──▶ submitted ──approve──────────────────▶ approved
      │                  │  ├────approve_with_conditions───▶ conditional
      │                  │  └────reject────────────────────▶ rejected
      └──withdraw──▶ withdrawn ◀──withdraw──┘

A decision (approve, approve with conditions, reject) is taken by someone who may decide
reviews and who neither prepared nor edited this one (four eyes). An approval is valid until a
date: the decision date plus the policy's validity, or a later or earlier date the decider
gives (never in the past). Guards return the key of a message in MESSAGES, or None; services
run `find` and `check`; `review_selectors.available_transitions` tells pages and the API what
the user may do now."""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from accord.accounts.roles import can
from accord.diligence import checklist
from accord.diligence.models import DiligenceReview, ReviewStatus

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "A review that is “{status}” cannot be {verb}.",
    "forbidden": "You may not {verb} due-diligence reviews.",
    "four_eyes": "Four eyes: you prepared or edited this review, so another person must decide "
    "it.",
    "decider_required": "A decision must be taken by a person.",
    "checklist_incomplete": "Answer every criterion of the checklist (and say what each concern "
    "is) before submitting.",
    "risk_required": "Give the risk rating before submitting.",
    "global_compact_required": "Say whether the partner participates in the UN Global Compact "
    "before submitting.",
    "conditions_required": "Write the conditions of the approval.",
    "reason_required": "Give the reason for rejecting the review.",
    "valid_until_past": "The review cannot be valid until a date in the past.",
}
# Which field shows each message on a page or in the API's errors.
FIELDS = {
    "checklist_incomplete": "checklist",
    "risk_required": "risk_rating",
    "global_compact_required": "global_compact",
    "conditions_required": "conditions",
    "reason_required": "reason",
    "valid_until_past": "valid_until",
}


@dataclass(frozen=True)
class Context:
    """What a guard looks at: the review, who acts, what they typed, and who prepared or
    edited the review (user ids)."""

    review: DiligenceReview
    actor: object
    reason: str = ""
    conditions: str = ""
    valid_until: date | None = None
    preparers: frozenset = frozenset()
    today: date = field(default_factory=timezone.localdate)


Guard = Callable[[Context], str | None]


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- guards ---


def decided_by_a_person(ctx: Context) -> str | None:
    return None if ctx.actor is not None else "decider_required"


def four_eyes(ctx: Context) -> str | None:
    if ctx.actor is None:
        return None
    return "four_eyes" if ctx.actor.pk in ctx.preparers else None


def checklist_complete(ctx: Context) -> str | None:
    return "checklist_incomplete" if checklist.problems(ctx.review.checklist) else None


def risk_rated(ctx: Context) -> str | None:
    return None if ctx.review.risk_rating else "risk_required"


def global_compact_known(ctx: Context) -> str | None:
    return None if ctx.review.global_compact else "global_compact_required"


def conditions_written(ctx: Context) -> str | None:
    return None if ctx.conditions.strip() else "conditions_required"


def reason_given(ctx: Context) -> str | None:
    return None if ctx.reason.strip() else "reason_required"


def validity_not_past(ctx: Context) -> str | None:
    return "valid_until_past" if ctx.valid_until and ctx.valid_until < ctx.today else None


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    label: str  # the button
    verb: str  # "… cannot be <verb>"
    action: str  # the named action in accord/accounts/roles.py
    guards: tuple[Guard, ...] = ()
    decision: bool = False  # stamps decided_by / decided_at
    asks: tuple[str, ...] = ()  # inputs the form shows: reason, conditions, valid_until
    reason_label: str = "Reason"


S = ReviewStatus
DECISION_GUARDS = (decided_by_a_person, four_eyes)
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit", S.DRAFT, S.SUBMITTED, "Submit for decision", "submitted", "diligence.prepare",
        guards=(checklist_complete, risk_rated, global_compact_known),
    ),
    Transition(
        "approve", S.SUBMITTED, S.APPROVED, "Approve", "approved", "diligence.decide_review",
        guards=(*DECISION_GUARDS, validity_not_past), decision=True,
        asks=("reason", "valid_until"), reason_label="Note (optional)",
    ),
    Transition(
        "approve_with_conditions", S.SUBMITTED, S.CONDITIONAL, "Approve with conditions",
        "approved with conditions", "diligence.decide_review",
        guards=(*DECISION_GUARDS, conditions_written, validity_not_past), decision=True,
        asks=("conditions", "reason", "valid_until"), reason_label="Note (optional)",
    ),
    Transition(
        "reject", S.SUBMITTED, S.REJECTED, "Reject", "rejected", "diligence.decide_review",
        guards=(*DECISION_GUARDS, reason_given), decision=True, asks=("reason",),
    ),
    *(
        Transition(
            "withdraw", source, S.WITHDRAWN, "Withdraw", "withdrawn", "diligence.prepare",
            asks=("reason",), reason_label="Why (optional)",
        )
        for source in (S.DRAFT, S.SUBMITTED)
    ),
)
NAMES = tuple(dict.fromkeys(t.name for t in TRANSITIONS))


class TransitionError(Exception):
    """A refused status change; `field` says where the page or API shows the message."""

    def __init__(self, key: str, *, field: str = "transition", **values) -> None:
        self.key, self.field = key, field
        super().__init__(MESSAGES[key].format(**values))


def find(review: DiligenceReview, name: str) -> Transition:
    if name not in NAMES:
        raise TransitionError("unknown", name=name)
    for transition in TRANSITIONS:
        if transition.name == name and transition.source == review.status:
            return transition
    verb = next(t.verb for t in TRANSITIONS if t.name == name)
    raise TransitionError("not_from_here", status=review.get_status_display(), verb=verb)


def allowed(transition: Transition, actor) -> bool:
    return actor is None or can(actor, transition.action)


def check(transition: Transition, ctx: Context) -> None:
    """Permission first, then the guards in order: the first that objects decides."""
    if not allowed(transition, ctx.actor):
        raise TransitionError("forbidden", verb=transition.label.lower())
    for guard in transition.guards:
        key = guard(ctx)
        if key is not None:
            raise TransitionError(key, field=FIELDS.get(key, "transition"))


def from_status(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def blocked_by(transition: Transition, ctx: Context) -> str:
    """The message of a guard no typed input can satisfy (four eyes, an incomplete
    checklist), or "" — so a page can say why a button is disabled."""
    typed = Context(
        review=ctx.review, actor=ctx.actor, reason="x", conditions="x", valid_until=None,
        preparers=ctx.preparers, today=ctx.today,
    )
    for guard in transition.guards:
        key = guard(typed)
        if key is not None:
            return MESSAGES[key]
    return ""

"""The life of a call, as data (the pattern of accord/agreements/states.py).

    draft ──publish──▶ published ──close──▶ closed ──start review──▶ under review
                                                                       │
                                                            finalise ──▶ finalised

Publishing needs criteria whose weights add up to 100, a deadline in the future (and a
clarification deadline no later than it), at least one reviewer and at least one question.
A published call closes once its deadline has passed — by `accord send_reminders`
(reminders.py) or by staff — and accepts no application after the deadline even before that.
Review starts with at least one submitted application; finalising needs at least one selected
application and notifies every applicant (review_services.py)."""

from dataclasses import dataclass
from datetime import datetime

from accord.agreements.states import Transition, TransitionError, find_transition
from accord.portal.calls.models import Call, CallStatus
from accord.portal.calls.scoring import weights_problem

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "A call that is “{status}” cannot be {verb}.",
    "weights": "{weights}",
    "deadline_past": "The deadline has passed: give a deadline in the future before publishing.",
    "clarification_after_deadline": "The clarification deadline must not be after the deadline.",
    "no_reviewers": "Name at least one reviewer before publishing.",
    "no_questions": "Add at least one question for applicants before publishing.",
    "deadline_not_passed": "The call is open until {deadline}: it closes after its deadline.",
    "no_applications": "No application was submitted: there is nothing to review.",
    "none_selected": "Select at least one application before finalising.",
    "unscored": "Every reviewer without a conflict must score every application first: "
    "{count} review(s) are missing.",
}


class CallTransitionError(TransitionError):
    messages = MESSAGES


@dataclass(frozen=True)
class Context:
    """What a guard may look at: the call, the time now, and counts the service gathered."""

    call: Call
    now: datetime
    weights: tuple[int, ...]
    reviewers: int
    questions: int
    submitted: int
    selected: int
    missing_reviews: int


def criteria_add_up(ctx: Context) -> str | None:
    return "weights" if weights_problem(ctx.weights) else None


def deadline_ahead(ctx: Context) -> str | None:
    return None if ctx.call.deadline > ctx.now else "deadline_past"


def clarification_in_time(ctx: Context) -> str | None:
    c = ctx.call
    if c.clarification_deadline and c.clarification_deadline > c.deadline:
        return "clarification_after_deadline"
    return None


def has_reviewers(ctx: Context) -> str | None:
    return None if ctx.reviewers else "no_reviewers"


def has_questions(ctx: Context) -> str | None:
    return None if ctx.questions else "no_questions"


def deadline_passed(ctx: Context) -> str | None:
    return None if ctx.call.deadline <= ctx.now else "deadline_not_passed"


def has_submissions(ctx: Context) -> str | None:
    return None if ctx.submitted else "no_applications"


def reviews_complete(ctx: Context) -> str | None:
    return "unscored" if ctx.missing_reviews else None


def has_selection(ctx: Context) -> str | None:
    return None if ctx.selected else "none_selected"


S = CallStatus
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "publish",
        S.DRAFT,
        S.PUBLISHED,
        "Publish",
        "published",
        guards=(
            criteria_add_up,
            deadline_ahead,
            clarification_in_time,
            has_reviewers,
            has_questions,
        ),
    ),
    Transition("close", S.PUBLISHED, S.CLOSED, "Close", "closed", guards=(deadline_passed,)),
    Transition(
        "start_review",
        S.CLOSED,
        S.UNDER_REVIEW,
        "Start the review",
        "put under review",
        guards=(has_submissions,),
    ),
    Transition(
        "finalise",
        S.UNDER_REVIEW,
        S.FINALISED,
        "Finalise and notify applicants",
        "finalised",
        guards=(has_selection, reviews_complete),
    ),
)
STAMPS = {S.PUBLISHED: "published_at", S.CLOSED: "closed_at", S.FINALISED: "finalised_at"}


def find(call: Call, name: str) -> Transition:
    return find_transition(call, name, TRANSITIONS, error=CallTransitionError)


def objection(transition: Transition, ctx: Context) -> str | None:
    return next((key for guard in transition.guards if (key := guard(ctx)) is not None), None)


def _values(ctx: Context) -> dict:
    return {
        "weights": weights_problem(ctx.weights) or "",
        "deadline": f"{ctx.call.deadline:%d %b %Y %H:%M %Z}",
        "count": ctx.missing_reviews,
    }


def blocked_by(transition: Transition, ctx: Context) -> str:
    """Why `transition` cannot go ahead now, or "" when it can."""
    key = objection(transition, ctx)
    return MESSAGES[key].format(**_values(ctx)) if key else ""


def check(transition: Transition, ctx: Context) -> None:
    key = objection(transition, ctx)
    if key is not None:
        raise CallTransitionError(key, **_values(ctx))


def from_status(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]

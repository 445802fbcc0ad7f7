"""The life of a measurement entered by hand, as data.

    draft ──submit──▶ submitted ──approve──▶ approved ──reopen──▶ draft
      ▲                 │   └────return────▶ returned ──submit──▶ submitted
      └────withdraw─────┘

Only approved values count. A decision (approve, return) is taken by someone who may approve
results and who neither entered, edited nor submitted the value (four eyes); returning needs a
reason, and so does reopening an approved value (it stops counting until approved again).
Guards return the key of a message in MESSAGES, or None; services run `find` and `check`;
`selectors.available_transitions` tells pages and the API what the user may do now."""

from collections.abc import Callable
from dataclasses import dataclass

from accord.accounts.roles import can
from accord.results.models import Measurement, MeasurementStatus, Source

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "A measurement that is “{status}” cannot be {verb}.",
    "forbidden": "You may not {verb} measurements.",
    "four_eyes": "Four eyes: you entered, edited or submitted this value, so another person "
    "must decide it.",
    "decider_required": "A decision must be taken by a person.",
    "reason_required": "Give the reason.",
    "computed": "A computed value is recalculated by Accord, not entered: it has no workflow.",
}
FIELDS = {"reason_required": "reason"}


@dataclass(frozen=True)
class Context:
    measurement: Measurement
    actor: object
    reason: str = ""
    preparers: frozenset = frozenset()


Guard = Callable[[Context], str | None]


def entered_by_hand(ctx: Context) -> str | None:
    return "computed" if ctx.measurement.source == Source.COMPUTED else None


def decided_by_a_person(ctx: Context) -> str | None:
    return None if ctx.actor is not None else "decider_required"


def four_eyes(ctx: Context) -> str | None:
    if ctx.actor is None:
        return None
    return "four_eyes" if ctx.actor.pk in ctx.preparers else None


def reason_given(ctx: Context) -> str | None:
    return None if ctx.reason.strip() else "reason_required"


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    label: str
    verb: str
    action: str
    guards: tuple[Guard, ...] = ()
    decision: bool = False  # stamps decided_by / decided_at
    asks_reason: bool = False


S = MeasurementStatus
DECISION = (entered_by_hand, decided_by_a_person, four_eyes)
TRANSITIONS: tuple[Transition, ...] = (
    *(
        Transition(
            "submit",
            source,
            S.SUBMITTED,
            "Submit for approval",
            "submitted",
            "results.enter",
            guards=(entered_by_hand,),
        )
        for source in (S.DRAFT, S.RETURNED)
    ),
    Transition(
        "approve",
        S.SUBMITTED,
        S.APPROVED,
        "Approve",
        "approved",
        "results.approve",
        guards=DECISION,
        decision=True,
    ),
    Transition(
        "return",
        S.SUBMITTED,
        S.RETURNED,
        "Return",
        "returned",
        "results.approve",
        guards=(*DECISION, reason_given),
        decision=True,
        asks_reason=True,
    ),
    Transition(
        "withdraw",
        S.SUBMITTED,
        S.DRAFT,
        "Withdraw",
        "withdrawn",
        "results.enter",
        guards=(entered_by_hand,),
    ),
    Transition(
        "reopen",
        S.APPROVED,
        S.DRAFT,
        "Reopen",
        "reopened",
        "results.approve",
        guards=(entered_by_hand, decided_by_a_person, reason_given),
        asks_reason=True,
    ),
)
NAMES = tuple(dict.fromkeys(t.name for t in TRANSITIONS))


class TransitionError(Exception):
    """A refused status change; `field` says where the page or API shows the message."""

    def __init__(self, key: str, *, field: str = "transition", **values) -> None:
        self.key, self.field = key, field
        super().__init__(MESSAGES[key].format(**values))


def find(measurement: Measurement, name: str) -> Transition:
    if name not in NAMES:
        raise TransitionError("unknown", name=name)
    for transition in TRANSITIONS:
        if transition.name == name and transition.source == measurement.status:
            return transition
    verb = next(t.verb for t in TRANSITIONS if t.name == name)
    raise TransitionError("not_from_here", status=measurement.get_status_display(), verb=verb)


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
    """The message of a guard no typed reason can satisfy (four eyes), or ""."""
    typed = Context(
        measurement=ctx.measurement, actor=ctx.actor, reason="x", preparers=ctx.preparers
    )
    for guard in transition.guards:
        key = guard(typed)
        if key is not None:
            return MESSAGES[key]
    return ""

"""The life of an opportunity, as data computed from the configurable Stage rows.

    open stage ──advance / move back──▶ another active open stage
    open stage ──mark won──▶ won          (amount > 0 with a rate, a decision date)
    any move into a committed stage: the partner not blocked by due diligence
    open stage ──mark lost / withdrawn──▶ (a reason)
    closed     ──reopen──▶ the open stage it was closed from (a reason)

RULES says, per (kind of the current stage, kind of the target), which move it is and its guards
(small functions returning a MESSAGES key, or None) and side effects. Stages from "proposal" on
(by order) need a priced amount: `stage_requirements` applies the same rule when an opportunity
is created or edited in such a stage. Services call `find` and `check`;
`accord.funding.pipeline_selectors.available_moves` tells pages and the API what a user may do."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from accord.funding.models import Opportunity, Reporting, Stage, StageKind

PRICED_FROM = "proposal"  # this stage and every later open stage need a priced amount

MESSAGES = {
    "unknown_stage": "There is no active stage “{code}”.",
    "not_from_here": "An opportunity in “{current}” cannot move to “{target}”.",
    "same_stage": "The opportunity is already in “{current}”.",
    "forbidden": "You may not move this opportunity.",
    "amount_required": "Give the expected amount (more than zero) before moving it to “{target}”.",
    "rate_required": "The amount has no USD value: add the exchange rate of its currency and "
    "month, then save the opportunity again.",
    "decision_date_required": "Give the expected decision date before marking it won.",
    "reason_required": "Give the reason it was {verb}.",
    "reopen_reason_required": "Say why this opportunity is reopened.",
    "partner_blocked": "The partner cannot be committed to while due diligence blocks it: "
    "{reasons}",
}
# Which field of a form or API request each message belongs on.
FIELDS = {
    "amount_required": "amount",
    "rate_required": "currency",
    "decision_date_required": "expected_decision_date",
    "reason_required": "note",
    "reopen_reason_required": "note",
}


@dataclass(frozen=True)
class Context:
    """What a guard may look at: the opportunity (with its current values), the target stage,
    the note typed with the move, and the stage "proposal" (None when retired or absent)."""

    opportunity: Opportunity
    target: Stage
    note: str
    priced_from: Stage | None


Guard = Callable[[Context], str | None]
Effect = Callable[[Opportunity, Stage, str], list[str]]


# --- guards: each returns a MESSAGES key when the move may not go ahead ---


def needs_priced_amount(ctx: Context) -> str | None:
    needed = ctx.target.kind == StageKind.WON or (
        ctx.priced_from is not None and ctx.target.order >= ctx.priced_from.order
    )
    if not needed:
        return None
    if not ctx.opportunity.amount or ctx.opportunity.amount <= 0:
        return "amount_required"
    return None if ctx.opportunity.rate_source else "rate_required"


def partner_cleared(ctx: Context) -> str | None:
    """Nothing is committed with a partner that sanctions screening or due diligence blocks
    (an unreviewed or confirmed hit, a missing, expired or rejected review)."""
    if ctx.target.reporting != Reporting.COMMITTED:
        return None
    return "partner_blocked" if blocking_reasons(ctx.opportunity) else None


def blocking_reasons(opportunity: Opportunity) -> list[str]:
    from accord.diligence.selectors import blocking_reasons_for

    return blocking_reasons_for(opportunity.organisation)


def needs_decision_date(ctx: Context) -> str | None:
    return None if ctx.opportunity.expected_decision_date else "decision_date_required"


def needs_reason(ctx: Context) -> str | None:
    return None if ctx.note else "reason_required"


def needs_reopen_reason(ctx: Context) -> str | None:
    return None if ctx.note else "reopen_reason_required"


# --- side effects: each changes the opportunity and returns the fields it changed ---


def follow_probability(opportunity: Opportunity, target: Stage, note: str) -> list[str]:
    """The probability follows the new stage's default unless someone set their own (one that
    differs from the current stage's default); closing always sets won 100, lost/withdrawn 0."""
    current = opportunity.stage
    if target.kind != StageKind.OPEN or opportunity.probability == current.default_probability:
        opportunity.probability = target.default_probability
    return ["probability"]


def close(opportunity: Opportunity, target: Stage, note: str) -> list[str]:
    opportunity.closed_on = timezone.localdate()
    opportunity.close_reason = note
    return ["closed_on", "close_reason"]


def clear_closure(opportunity: Opportunity, target: Stage, note: str) -> list[str]:
    opportunity.closed_on = None
    opportunity.close_reason = ""
    return ["closed_on", "close_reason"]


@dataclass(frozen=True)
class Rule:
    name: str
    label: str  # the button, with the target stage's name after it
    verb: str  # "reason it was <verb>"
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = (follow_probability,)
    note_label: str = "Note (optional)"
    note_required: bool = False


OPEN, W, L, X = StageKind.OPEN, StageKind.WON, StageKind.LOST, StageKind.WITHDRAWN
ADVANCE = Rule(
    "advance", "Advance to", "advanced", guards=(needs_priced_amount, partner_cleared)
)
MOVE_BACK = Rule(
    "move_back", "Move back to", "moved back", guards=(needs_priced_amount, partner_cleared)
)
REOPEN = Rule(
    "reopen",
    "Reopen in",
    "reopened",
    guards=(needs_reopen_reason, partner_cleared),
    effects=(follow_probability, clear_closure),
    note_label="Why it is reopened",
    note_required=True,
)
RULES: dict[tuple[str, str], Rule] = {
    (OPEN, W): Rule(
        "win",
        "Mark",
        "won",
        guards=(needs_priced_amount, needs_decision_date, partner_cleared),
        effects=(follow_probability, close),
    ),
    **{
        (OPEN, kind): Rule(
            name,
            "Mark",
            verb,
            guards=(needs_reason,),
            effects=(follow_probability, close),
            note_label="Reason",
            note_required=True,
        )
        for kind, name, verb in ((L, "lose", "lost"), (X, "withdraw", "withdrawn"))
    },
    **{(closed, OPEN): REOPEN for closed in (W, L, X)},
}


@dataclass(frozen=True)
class Move:
    rule: Rule
    target: Stage

    @property
    def label(self) -> str:
        return f"{self.rule.label} {self.target.name}"


def rule_for(current: Stage, target: Stage) -> Rule | None:
    if current.kind == OPEN and target.kind == OPEN:
        return ADVANCE if target.order > current.order else MOVE_BACK
    return RULES.get((current.kind, target.kind))


def moves_from(
    opportunity: Opportunity, stages: Sequence[Stage], reopen_to: Stage | None
) -> list[Move]:
    """Every move from the opportunity's stage to one of the active `stages`, in stage order;
    a closed opportunity has one: reopen to `reopen_to` (the open stage it was closed from)."""
    current = opportunity.stage
    if current.kind != OPEN:
        return [Move(REOPEN, reopen_to)] if reopen_to is not None else []
    moves = []
    for target in stages:
        rule = rule_for(current, target) if target.pk != current.pk else None
        if rule is not None and target.is_active:
            moves.append(Move(rule, target))
    return moves


class MoveError(Exception):
    """A refused move; `field` says where the page or API shows the message."""

    def __init__(self, key: str, **values) -> None:
        self.key, self.field = key, FIELDS.get(key, "stage")
        super().__init__(MESSAGES[key].format(**values))


def find(moves: Sequence[Move], opportunity: Opportunity, code: str) -> Move:
    """The move to the stage `code` among `moves`, or a MoveError saying why there is none."""
    for move in moves:
        if move.target.code == code:
            return move
    current = opportunity.stage
    if code == current.code:
        raise MoveError("same_stage", current=current.name)
    target = Stage.objects.filter(code=code, is_active=True).first()
    if target is None:
        raise MoveError("unknown_stage", code=code)
    raise MoveError("not_from_here", current=current.name, target=target.name)


def objection(move: Move, ctx: Context) -> str | None:
    """The key of the first guard that objects, or None."""
    return next((key for guard in move.rule.guards if (key := guard(ctx)) is not None), None)


def _message_values(key: str, move: Move, opportunity: Opportunity) -> dict:
    values = {"target": move.target.name, "verb": move.rule.verb}
    if key == "partner_blocked":
        values["reasons"] = " ".join(blocking_reasons(opportunity))
    return values


def check(move: Move, ctx: Context) -> None:
    key = objection(move, ctx)
    if key is not None:
        raise MoveError(key, **_message_values(key, move, ctx.opportunity))


def apply_effects(move: Move, opportunity: Opportunity, note: str) -> list[str]:
    changed: list[str] = []
    for effect in move.rule.effects:
        changed += effect(opportunity, move.target, note)
    return changed


def blocked_by(move: Move, opportunity: Opportunity, priced_from: Stage | None) -> str:
    """The message of a guard that no note can satisfy (e.g. the amount is missing), or ""."""
    ctx = Context(opportunity, move.target, "a note", priced_from)
    key = objection(move, ctx)
    return MESSAGES[key].format(**_message_values(key, move, opportunity)) if key else ""


def stage_requirements(
    opportunity: Opportunity, stage: Stage, priced_from: Stage | None
) -> dict[str, str]:
    """What an opportunity created or edited in `stage` must have, as {field: message}: the
    same priced-amount rule as moving into it (and a decision date when won)."""
    ctx = Context(opportunity, stage, "", priced_from)
    guards: tuple[Guard, ...] = (needs_priced_amount,)
    if stage.kind == W:
        guards += (needs_decision_date,)
    errors = {}
    for guard in guards:
        key = guard(ctx)
        if key is not None:
            errors[FIELDS[key]] = MESSAGES[key].format(target=stage.name, verb="")
    return errors

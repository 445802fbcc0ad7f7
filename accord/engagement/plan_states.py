"""The life of an implementation-plan action, as data.

    planned ──start──▶ in progress ──complete──▶ done
       │  ▲                │    │
       │  └───postpone─────┘    └──drop──▶ dropped
       └──────────drop─────────────────────▶ dropped
    done ──reopen──▶ in progress        dropped ──revive──▶ planned

Each transition names its guards (small functions that return the key of an error message, or
None when the transition may go ahead) and its side effects. Every message is in MESSAGES.
Services run `find` and `check`; `accord.engagement.plan_selectors.available_transitions`
tells pages and the API which transitions the user may take now."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from accord.engagement.models import ActionStatus, PlanAction

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "An action that is “{status}” cannot be {verb}.",
    "forbidden": "You may not change the status of this action.",
    "owner_required": "Give the action an owner before starting it.",
    "progress_note_required": "Add a progress note saying what was achieved before marking "
    "the action done.",
    "reason_required": "Give the reason for dropping this action.",
    "postpone_reason_required": "Say why the action goes back to planned.",
    "reopen_reason_required": "Say why this action is reopened.",
}
# Messages about the note typed with the change are shown on the note field.
NOTE_MESSAGES = frozenset(
    {
        "progress_note_required",
        "reason_required",
        "postpone_reason_required",
        "reopen_reason_required",
    }
)


@dataclass(frozen=True)
class Context:
    """What a guard may look at: the action, the note typed with the change, and whether the
    action already has progress notes."""

    action: PlanAction
    note: str
    has_notes: bool


Guard = Callable[[Context], str | None]
Effect = Callable[[PlanAction], list[str]]


# --- guards: each returns a MESSAGES key when the change may not go ahead ---


def owner_is_set(ctx: Context) -> str | None:
    return None if ctx.action.owner_id else "owner_required"


def done_needs_a_progress_note(ctx: Context) -> str | None:
    return None if ctx.note or ctx.has_notes else "progress_note_required"


def dropped_needs_a_reason(ctx: Context) -> str | None:
    return None if ctx.note else "reason_required"


def postponing_needs_a_reason(ctx: Context) -> str | None:
    return None if ctx.note else "postpone_reason_required"


def reopening_needs_a_reason(ctx: Context) -> str | None:
    return None if ctx.note else "reopen_reason_required"


# --- side effects: each changes the action and returns the fields it changed ---


def stamp_completion(action: PlanAction) -> list[str]:
    action.completed_on = timezone.localdate()
    return ["completed_on"]


def clear_completion(action: PlanAction) -> list[str]:
    action.completed_on = None
    return ["completed_on"]


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    label: str  # the button
    verb: str  # "… cannot be <verb>"
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = ()
    note_label: str = ""  # what the note field asks for; empty when no note is asked
    note_required: bool = False


S = ActionStatus
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "start",
        S.PLANNED,
        S.IN_PROGRESS,
        "Start",
        "started",
        guards=(owner_is_set,),
        note_label="Note (optional)",
    ),
    Transition(
        "complete",
        S.IN_PROGRESS,
        S.DONE,
        "Mark done",
        "marked done",
        guards=(done_needs_a_progress_note,),
        effects=(stamp_completion,),
        note_label="What was achieved",
    ),
    Transition(
        "postpone",
        S.IN_PROGRESS,
        S.PLANNED,
        "Back to planned",
        "moved back to planned",
        guards=(postponing_needs_a_reason,),
        note_label="Why",
        note_required=True,
    ),
    *(
        Transition(
            "drop",
            source,
            S.DROPPED,
            "Drop",
            "dropped",
            guards=(dropped_needs_a_reason,),
            note_label="Reason",
            note_required=True,
        )
        for source in (S.PLANNED, S.IN_PROGRESS)
    ),
    Transition(
        "reopen",
        S.DONE,
        S.IN_PROGRESS,
        "Reopen",
        "reopened",
        guards=(reopening_needs_a_reason,),
        effects=(clear_completion,),
        note_label="Why",
        note_required=True,
    ),
    Transition(
        "revive",
        S.DROPPED,
        S.PLANNED,
        "Revive",
        "revived",
        guards=(reopening_needs_a_reason,),
        note_label="Why",
        note_required=True,
    ),
)
NAMES = tuple(dict.fromkeys(t.name for t in TRANSITIONS))


class TransitionError(Exception):
    """A refused status change; `field` says where the page or API shows the message."""

    def __init__(self, key: str, *, field: str = "transition", **values) -> None:
        self.key, self.field = key, field
        super().__init__(MESSAGES[key].format(**values))


def find(action: PlanAction, name: str) -> Transition:
    """The transition `name` from the action's current status, or a TransitionError."""
    if name not in NAMES:
        raise TransitionError("unknown", name=name)
    for transition in TRANSITIONS:
        if transition.name == name and transition.source == action.status:
            return transition
    verb = next(t.verb for t in TRANSITIONS if t.name == name)
    raise TransitionError("not_from_here", status=action.get_status_display(), verb=verb)


def objection(transition: Transition, ctx: Context) -> str | None:
    """The key of the first guard that objects, or None."""
    return next((key for guard in transition.guards if (key := guard(ctx)) is not None), None)


def check(transition: Transition, ctx: Context) -> None:
    """Run the guards in order; the first that objects decides the message."""
    key = objection(transition, ctx)
    if key is not None:
        raise TransitionError(key, field="note" if key in NOTE_MESSAGES else "transition")


def apply_effects(transition: Transition, action: PlanAction) -> list[str]:
    changed: list[str] = []
    for effect in transition.effects:
        changed += effect(action)
    return changed


def from_status(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def blocked_by(transition: Transition, action: PlanAction) -> str:
    """The message of a guard that no note can satisfy (e.g. an owner is missing), or ""."""
    key = objection(transition, Context(action=action, note="a note", has_notes=True))
    return MESSAGES[key] if key else ""

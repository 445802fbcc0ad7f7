"""The life of an obligation, as a small table:

    open ──submit──▶ submitted ──complete──▶ done
      │  └──────────complete───────────────▶ done
      └──waive (reason)──▶ waived        done / waived ──reopen (reason)──▶ open

Services run `find` and `check`; pages and the API list what the user may do now."""

from dataclasses import dataclass
from datetime import date

from accord.agreements import states
from accord.agreements.models import Obligation, ObligationStatus

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "An obligation that is “{status}” cannot be {verb}.",
    "forbidden": "You may not change this obligation.",
    "reason_required": "Give the reason.",
}


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    label: str
    verb: str
    note_label: str = ""
    note_required: bool = False
    completes: bool = False  # stamps completed_on
    reopens: bool = False  # clears completed_on and the reminders sent


S = ObligationStatus
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        S.OPEN,
        S.SUBMITTED,
        "Mark submitted",
        "marked submitted",
        note_label="Note (optional)",
    ),
    *(
        Transition(
            "complete",
            source,
            S.DONE,
            "Mark done",
            "marked done",
            note_label="Note (optional)",
            completes=True,
        )
        for source in (S.OPEN, S.SUBMITTED)
    ),
    *(
        Transition(
            "waive",
            source,
            S.WAIVED,
            "Waive",
            "waived",
            note_label="Why it is waived",
            note_required=True,
            completes=True,
        )
        for source in (S.OPEN, S.SUBMITTED)
    ),
    *(
        Transition(
            "reopen",
            source,
            S.OPEN,
            "Reopen",
            "reopened",
            note_label="Why",
            note_required=True,
            reopens=True,
        )
        for source in (S.DONE, S.WAIVED)
    ),
)
NAMES = tuple(dict.fromkeys(t.name for t in TRANSITIONS))


class TransitionError(states.TransitionError):
    messages = MESSAGES


def find(obligation: Obligation, name: str) -> Transition:
    return states.find_transition(obligation, name, TRANSITIONS, TransitionError)


def check(transition: Transition, note: str) -> None:
    if transition.note_required and not note:
        raise TransitionError("reason_required", field="note")


def apply(transition: Transition, obligation: Obligation, *, note: str, day: date) -> list[str]:
    """Move the obligation; returns the fields changed."""
    obligation.status = transition.target
    changed = ["status"]
    if transition.completes:
        obligation.completed_on = day
        changed.append("completed_on")
    if transition.reopens:
        obligation.completed_on = None
        obligation.escalated_on = None
        changed += ["completed_on", "escalated_on"]
    if note:
        obligation.note = note
        changed.append("note")
    return changed


def from_status(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]

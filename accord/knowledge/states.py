"""The publishing life of a knowledge item, as data.

    draft ──submit──▶ in review ──publish──▶ published ──archive──▶ archived
      ▲                   │                      ▲                      │
      └──return for changes┘                     └───────restore────────┘

Each transition names the action it needs (accounts/roles.py), its guards (small functions
returning the key of a message in MESSAGES, or None when it may go ahead) and its side
effects. Services call `find` and `check`; `available` tells pages and the API which changes
the user may make now."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from accord.accounts.roles import can
from accord.knowledge.html import plain_text
from accord.knowledge.models import LINKED_KINDS, Item, State

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "An item that is “{state}” cannot be {verb}.",
    "summary_required": "Write a summary before the item is {verb}.",
    "body_required": "Write the story (the body) before it is {verb}.",
    "url_required": "Give the address of the publication or data set before it is {verb}.",
    "reason_required": "Give the reason for this change.",
}
# Messages about what the item lacks are shown on that field; the others on the change itself.
FIELD_OF = {
    "summary_required": "summary",
    "body_required": "body",
    "url_required": "url",
    "reason_required": "note",
}

Guard = Callable[[Item, str], str | None]
Effect = Callable[[Item], list[str]]


# --- guards ---


def has_summary(item: Item, note: str) -> str | None:
    return None if item.summary.strip() else "summary_required"


def has_content(item: Item, note: str) -> str | None:
    """A story or practice is told in its body; a publication or data set points to itself."""
    if item.kind in LINKED_KINDS:
        return None if item.url else "url_required"
    return None if plain_text(item.body) else "body_required"


def has_reason(item: Item, note: str) -> str | None:
    return None if note.strip() else "reason_required"


# --- side effects ---


def stamp_publication(item: Item) -> list[str]:
    if item.published_at is None:
        item.published_at = timezone.now()
    return ["published_at"]


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    action: str  # the named action of accounts/roles.py it needs
    label: str  # the button
    verb: str  # "… cannot be <verb>"
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = ()
    note_label: str = "Note (optional)"
    note_required: bool = False


S = State
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        S.DRAFT,
        S.IN_REVIEW,
        "knowledge.edit",
        "Submit for review",
        "submitted for review",
        guards=(has_summary, has_content),
    ),
    Transition(
        "return",
        S.IN_REVIEW,
        S.DRAFT,
        "knowledge.publish",
        "Return for changes",
        "returned for changes",
        guards=(has_reason,),
        note_label="What needs changing",
        note_required=True,
    ),
    Transition(
        "publish",
        S.IN_REVIEW,
        S.PUBLISHED,
        "knowledge.publish",
        "Publish",
        "published",
        guards=(has_summary, has_content),
        effects=(stamp_publication,),
    ),
    Transition(
        "archive",
        S.PUBLISHED,
        S.ARCHIVED,
        "knowledge.publish",
        "Archive",
        "archived",
        guards=(has_reason,),
        note_label="Why it is archived",
        note_required=True,
    ),
    Transition(
        "restore",
        S.ARCHIVED,
        S.PUBLISHED,
        "knowledge.publish",
        "Publish again",
        "published again",
    ),
)
NAMES = tuple(t.name for t in TRANSITIONS)


class TransitionError(Exception):
    """A refused change of state; `field` says where the page or API shows the message."""

    def __init__(self, key: str, **values) -> None:
        self.key, self.field = key, FIELD_OF.get(key, "transition")
        super().__init__(MESSAGES[key].format(**values))


def find(item: Item, name: str) -> Transition:
    """The transition `name` from the item's state, or a TransitionError saying why not."""
    if name not in NAMES:
        raise TransitionError("unknown", name=name)
    for transition in TRANSITIONS:
        if transition.name == name and transition.source == item.state:
            return transition
    verb = next(t.verb for t in TRANSITIONS if t.name == name)
    raise TransitionError("not_from_here", state=item.get_state_display(), verb=verb)


def check(transition: Transition, item: Item, note: str) -> None:
    for guard in transition.guards:
        key = guard(item, note)
        if key is not None:
            raise TransitionError(key, verb=transition.verb)


def apply_effects(transition: Transition, item: Item) -> list[str]:
    changed: list[str] = []
    for effect in transition.effects:
        changed += effect(item)
    return changed


def available(user, item: Item) -> list[Transition]:
    """The changes `user` may make to the item now (guards that a note could satisfy are left
    to the form; a missing summary or body shows as the change's refusal)."""
    return [t for t in TRANSITIONS if t.source == item.state and can(user, t.action)]

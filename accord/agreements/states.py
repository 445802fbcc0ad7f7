"""The life of an agreement, as data.

    draft ──submit──▶ under review ──sign──▶ signed ──activate──▶ active ──expire──▶ expired
      ▲                    │                    │                   │                  │
      └──return for changes┘                    └─terminate─▶ terminated ◀─terminate───┘  │
    closed ◀──close── active / expired / terminated (every obligation done or waived) ◀───┘

Signing needs every party cleared by due diligence (accord.diligence.selectors).
Each transition names its guards (small functions returning the key of an error message, or
None when it may go ahead) and its side effects. Every message is in MESSAGES. signed → active
(on the start date) and active → expired (after the end date) also run by date from
`accord send_reminders` (accord/agreements/reminders.py), through the same guards."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from accord.agreements.models import Agreement, AgreementStatus

MESSAGES = {
    "unknown": "There is no status change called “{name}”.",
    "not_from_here": "An agreement that is “{status}” cannot be {verb}.",
    "forbidden": "You may not change the status of this agreement.",
    "parties_required": "Add at least one party before this step.",
    "signed_on_required": "Give the date of the last signature (signed on).",
    "signed_on_future": "The signature date cannot be in the future.",
    "value_required": "Agreements of this type carry a value: give the amount, currency and "
    "value date before signing.",
    "start_required": "Give the start date before activating the agreement.",
    "not_started": "The agreement starts on {start}: it can be activated from that day.",
    "end_required": "The agreement has no end date, so it cannot expire.",
    "not_ended": "The agreement runs until {end}: it expires after that day.",
    "reason_required": "Give the reason for this change.",
    "date_required": "Give the date it takes effect.",
    "obligations_open": "{count} obligation(s) are still open: complete or waive them first.",
    "party_blocked": "It cannot be signed while due diligence blocks a party: {reasons}",
}
# Messages about what is typed with the change are shown on that field.
FIELD_OF = {"reason_required": "note", "date_required": "date", "signed_on_future": "date"}


@dataclass(frozen=True)
class Context:
    """What a guard may look at: the agreement as it would be, the note and the date typed
    with the change, today, and how many parties and open obligations it has."""

    agreement: Agreement
    note: str
    day: date | None
    today: date
    parties: int
    open_obligations: int


Guard = Callable[[Context], str | None]
Effect = Callable[[Agreement, Context], list[str]]


# --- guards ---


def has_parties(ctx: Context) -> str | None:
    return None if ctx.parties else "parties_required"


def has_signature_date(ctx: Context) -> str | None:
    signed_on = ctx.day or ctx.agreement.signed_on
    if signed_on is None:
        return "signed_on_required"
    return "signed_on_future" if signed_on > ctx.today else None


def has_value_when_the_type_needs_one(ctx: Context) -> str | None:
    a = ctx.agreement
    if not a.type.has_value:
        return None
    return None if a.amount is not None and a.currency and a.value_date else "value_required"


def parties_cleared(ctx: Context) -> str | None:
    """Nothing is signed with a partner that sanctions screening or due diligence blocks."""
    return "party_blocked" if blocking_reasons(ctx.agreement) else None


def blocking_reasons(agreement: Agreement) -> list[str]:
    """Why due diligence blocks the agreement's parties (accord.diligence decides), each
    reason named after its party."""
    from accord.diligence.selectors import blocking_reasons as reasons_of

    names = dict(
        agreement.party_links.values_list("organisation_id", "organisation__name")
    )
    found = reasons_of(list(names))
    return [f"{names[pk]}: {reason}" for pk, reasons in found.items() for reason in reasons]


def has_started(ctx: Context) -> str | None:
    start = ctx.agreement.start_date
    if start is None:
        return "start_required"
    return None if start <= ctx.today else "not_started"


def has_ended(ctx: Context) -> str | None:
    end = ctx.agreement.end_date
    if end is None:
        return "end_required"
    return None if end < ctx.today else "not_ended"


def has_a_reason(ctx: Context) -> str | None:
    return None if ctx.note else "reason_required"


def has_a_date(ctx: Context) -> str | None:
    return None if ctx.day else "date_required"


def obligations_settled(ctx: Context) -> str | None:
    return "obligations_open" if ctx.open_obligations else None


# --- side effects: each changes the agreement and returns the fields it changed ---


def stamp_signature(a: Agreement, ctx: Context) -> list[str]:
    if ctx.day:
        a.signed_on = ctx.day
    return ["signed_on"]


def stamp_end(a: Agreement, ctx: Context) -> list[str]:
    a.ended_on = ctx.day or ctx.today
    a.end_reason = ctx.note
    return ["ended_on", "end_reason"]


def stamp_expiry(a: Agreement, ctx: Context) -> list[str]:
    a.ended_on = a.end_date
    return ["ended_on"]


def stamp_closure(a: Agreement, ctx: Context) -> list[str]:
    if a.ended_on is None:
        a.ended_on = ctx.day or ctx.today
    return ["ended_on"]


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
    date_label: str = ""  # what the date field asks for; empty when no date is asked


S = AgreementStatus
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        S.DRAFT,
        S.UNDER_REVIEW,
        "Submit for review",
        "submitted for review",
        guards=(has_parties,),
        note_label="Note (optional)",
    ),
    Transition(
        "return",
        S.UNDER_REVIEW,
        S.DRAFT,
        "Return for changes",
        "returned for changes",
        guards=(has_a_reason,),
        note_label="What needs changing",
        note_required=True,
    ),
    Transition(
        "sign",
        S.UNDER_REVIEW,
        S.SIGNED,
        "Record signature",
        "signed",
        guards=(
            has_parties, has_signature_date, has_value_when_the_type_needs_one, parties_cleared
        ),
        effects=(stamp_signature,),
        note_label="Note (optional)",
        date_label="Signed on (date of the last signature)",
    ),
    Transition(
        "activate",
        S.SIGNED,
        S.ACTIVE,
        "Activate",
        "activated",
        guards=(has_started,),
    ),
    Transition(
        "expire",
        S.ACTIVE,
        S.EXPIRED,
        "Mark expired",
        "marked expired",
        guards=(has_ended,),
        effects=(stamp_expiry,),
    ),
    *(
        Transition(
            "terminate",
            source,
            S.TERMINATED,
            "Terminate",
            "terminated",
            guards=(has_a_reason, has_a_date),
            effects=(stamp_end,),
            note_label="Reason for termination",
            note_required=True,
            date_label="Terminated on",
        )
        for source in (S.SIGNED, S.ACTIVE)
    ),
    *(
        Transition(
            "close",
            source,
            S.CLOSED,
            "Close",
            "closed",
            guards=(obligations_settled,),
            effects=(stamp_closure,),
            note_label="Note (optional)",
        )
        for source in (S.ACTIVE, S.EXPIRED, S.TERMINATED)
    ),
)
NAMES = tuple(dict.fromkeys(t.name for t in TRANSITIONS))


class TransitionError(Exception):
    """A refused status change; `field` says where the page or API shows the message."""

    messages = MESSAGES

    def __init__(self, key: str, *, field: str = "transition", **values) -> None:
        self.key, self.field = key, field
        super().__init__(self.messages[key].format(**values))


def find_transition(record, name: str, transitions, error=TransitionError):
    """The transition `name` of the table `transitions` from the record's current status, or
    an `error` saying the name is unknown or not allowed from here (shared by obligations)."""
    if name not in {t.name for t in transitions}:
        raise error("unknown", name=name)
    for transition in transitions:
        if transition.name == name and transition.source == record.status:
            return transition
    verb = next(t.verb for t in transitions if t.name == name)
    raise error("not_from_here", status=record.get_status_display(), verb=verb)


def find(agreement: Agreement, name: str) -> Transition:
    return find_transition(agreement, name, TRANSITIONS)


def _values(ctx: Context, key: str) -> dict:
    a = ctx.agreement
    values = {"start": a.start_date, "end": a.end_date, "count": ctx.open_obligations}
    if key == "party_blocked":
        values["reasons"] = " ".join(blocking_reasons(a))
    return values


def objection(transition: Transition, ctx: Context) -> str | None:
    """The key of the first guard that objects, or None."""
    return next((key for guard in transition.guards if (key := guard(ctx)) is not None), None)


def check(transition: Transition, ctx: Context) -> None:
    key = objection(transition, ctx)
    if key is not None:
        raise TransitionError(key, field=FIELD_OF.get(key, "transition"), **_values(ctx, key))


def apply_effects(transition: Transition, agreement: Agreement, ctx: Context) -> list[str]:
    changed: list[str] = []
    for effect in transition.effects:
        changed += effect(agreement, ctx)
    return changed


def from_status(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def blocked_by(transition: Transition, ctx: Context) -> str:
    """The message of a guard that nothing typed with the change can satisfy (no parties, not
    started yet, obligations open), or ""."""
    filled = Context(
        agreement=ctx.agreement,
        note="a note",
        day=ctx.day or ctx.today,
        today=ctx.today,
        parties=ctx.parties,
        open_obligations=ctx.open_obligations,
    )
    key = objection(transition, filled)
    return MESSAGES[key].format(**_values(filled, key)) if key else ""

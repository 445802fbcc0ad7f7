"""The life of the portal's records, as data: which transition leads from which status to
which, and the one message a refused transition shows.

    registration: unverified ──verify──▶ submitted ──approve──▶ approved
                                              └──────reject───▶ rejected
    change request: pending ──apply──▶ applied;  pending ──reject──▶ rejected
    expression of interest: submitted ──answer──▶ answered ──answer──▶ answered (a new answer)
                            submitted / answered ──withdraw──▶ withdrawn"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.core.history import record
from accord.portal.models import ChangeStatus, InterestStatus, RegistrationStatus

TRANSITIONS: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("registration", "verify"): (
        frozenset({RegistrationStatus.UNVERIFIED}),
        RegistrationStatus.SUBMITTED,
    ),
    ("registration", "approve"): (
        frozenset({RegistrationStatus.SUBMITTED}),
        RegistrationStatus.APPROVED,
    ),
    ("registration", "reject"): (
        frozenset({RegistrationStatus.SUBMITTED}),
        RegistrationStatus.REJECTED,
    ),
    ("change", "apply"): (frozenset({ChangeStatus.PENDING}), ChangeStatus.APPLIED),
    ("change", "reject"): (frozenset({ChangeStatus.PENDING}), ChangeStatus.REJECTED),
    ("interest", "answer"): (
        frozenset({InterestStatus.SUBMITTED, InterestStatus.ANSWERED}),
        InterestStatus.ANSWERED,
    ),
    ("interest", "withdraw"): (
        frozenset({InterestStatus.SUBMITTED, InterestStatus.ANSWERED}),
        InterestStatus.WITHDRAWN,
    ),
}

MESSAGES = {
    "not_from_here": "This {record} is “{status}”: it cannot be {verb} any more.",
}
_VERBS = {
    "verify": "verified",
    "approve": "approved",
    "reject": "rejected",
    "apply": "applied",
    "answer": "answered",
    "withdraw": "withdrawn",
}
_RECORDS = {
    "registration": "request",
    "change": "change request",
    "interest": "expression of interest",
}


def next_status(record: str, name: str, obj) -> str:
    """The status `obj` takes by transition `name`, or a ValidationError saying why not."""
    sources, target = TRANSITIONS[(record, name)]
    if obj.status not in sources:
        raise ValidationError(
            MESSAGES["not_from_here"].format(
                record=_RECORDS[record],
                status=obj.get_status_display().lower(),
                verb=_VERBS[name],
            )
        )
    return target


def available(record: str, obj) -> list[str]:
    """The transitions `obj` may take now (pages show only those buttons)."""
    return [
        name
        for (rec, name), (sources, _) in TRANSITIONS.items()
        if rec == record and obj.status in sources
    ]


def record_decision(
    obj,
    *,
    actor,
    before: str,
    reason: str,
    changes: dict | None = None,
    fields: tuple[str, ...] = (),
) -> None:
    """Store who decided, when and why (with the new status already set on `obj`), and put
    the decision in the record's history."""
    obj.decided_by, obj.decided_at, obj.reason = actor, timezone.now(), reason
    obj.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at", *fields])
    record(
        obj=obj,
        action="update",
        actor=actor,
        note=reason,
        changes={"status": [before, obj.status], **(changes or {})},
    )

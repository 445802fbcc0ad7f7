"""Duplicate candidates: the full scan that finds them, the review queue that lists them, and
the decision "not a duplicate".

A pair is stored once, lower id first. A scan adds the pairs it finds, refreshes the score of
the open ones and drops open pairs it no longer finds; it never touches a decided pair, so a
pair decided "not a duplicate" is never shown again, whatever later scans find."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.core.history import record
from accord.partners import permissions
from accord.partners.matching.blocking import Found, scan
from accord.partners.matching.registry import all_profiles
from accord.partners.models import DuplicateCandidate

Status = DuplicateCandidate.Status


def find_candidates(*, threshold: float | None = None) -> list[Found]:
    """Every pair of organisations in use whose score reaches `threshold` (default: the
    setting), best first; reads the registry, writes nothing."""
    return scan(all_profiles(), min_score=threshold)


@dataclass
class ScanResult:
    found: int
    created: int
    updated: int
    removed: int
    decided: int  # found again, but already decided: left as they are


@transaction.atomic
def duplicate_scan(
    *, threshold: float | None = None, found: list[Found] | None = None
) -> ScanResult:
    """Store the pairs a full scan finds as candidates (see the module's docstring)."""
    found = find_candidates(threshold=threshold) if found is None else found
    existing = {
        (c.first_id, c.second_id): c
        for c in DuplicateCandidate.objects.only(
            "id", "first_id", "second_id", "status", "score", "reasons"
        )
    }
    new, changed, seen = [], [], set()
    decided = 0
    for pair in found:
        key = (pair.first_id, pair.second_id)
        seen.add(key)
        candidate = existing.get(key)
        if candidate is None:
            new.append(
                DuplicateCandidate(
                    first_id=key[0], second_id=key[1], score=pair.score, reasons=pair.reasons
                )
            )
        elif candidate.status != Status.OPEN:
            decided += 1
        elif candidate.score != pair.score or candidate.reasons != pair.reasons:
            candidate.score, candidate.reasons = pair.score, pair.reasons
            changed.append(candidate)
    DuplicateCandidate.objects.bulk_create(new, batch_size=1000)
    DuplicateCandidate.objects.bulk_update(changed, ["score", "reasons"], batch_size=1000)
    stale = [c.pk for key, c in existing.items() if key not in seen and c.status == Status.OPEN]
    for start in range(0, len(stale), 1000):
        DuplicateCandidate.objects.filter(pk__in=stale[start : start + 1000]).delete()
    return ScanResult(len(found), len(new), len(changed), len(stale), decided)


# --- the review queue ---


def _require_reviewer(user) -> None:
    if not can(user, "partners.edit"):
        raise PermissionDeniedError("You may not review duplicates.")


def _visible(user) -> QuerySet[DuplicateCandidate]:
    """Candidates whose two organisations the user may both see."""
    first = permissions.organisation_scope(user, "first__")
    second = permissions.organisation_scope(user, "second__")
    if first is None or second is None:
        return DuplicateCandidate.objects.none()
    return DuplicateCandidate.objects.filter(first, second)


def duplicate_candidate_list(*, user, status: str = Status.OPEN) -> QuerySet[DuplicateCandidate]:
    """Open pairs (or those of `status`) the user may review, best first, both organisations
    joined; pairs with an archived or merged organisation are left out of the open queue."""
    _require_reviewer(user)
    qs = _visible(user).filter(status=status)
    if status == Status.OPEN:
        qs = qs.filter(
            first__archived_at__isnull=True,
            second__archived_at__isnull=True,
            first__merged_into__isnull=True,
            second__merged_into__isnull=True,
        )
    related = [f"{end}__{rel}" for end in ("first", "second") for rel in ("country", "category")]
    return qs.select_related("first", "second", *related).order_by("-score", "id")


def duplicate_candidate_for(*, user, pk) -> DuplicateCandidate:
    """One candidate through the door: 404 unless the user sees both organisations."""
    _require_reviewer(user)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    candidate = _visible(user).select_related("first", "second").filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


@transaction.atomic
def duplicate_mark_not_duplicate(
    *, actor, candidate: DuplicateCandidate, note: str = ""
) -> DuplicateCandidate:
    """Record that the two organisations are different: the pair is never proposed again."""
    if actor is not None:
        _require_reviewer(actor)
        for org in (candidate.first, candidate.second):
            if not permissions.can_edit(actor, org):
                raise PermissionDeniedError("You may not review this pair.")
    # Lock the row: two reviewers deciding at once must not both record the decision.
    status = (
        DuplicateCandidate.objects.select_for_update()
        .filter(pk=candidate.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != Status.OPEN:
        raise ValidationError({"status": "This pair has already been decided."})
    candidate.status = Status.NOT_DUPLICATE
    candidate.decided_by = actor if actor is not None and actor.is_authenticated else None
    candidate.decided_at = timezone.now()
    candidate.note = (note or "")[:300]
    candidate.save(update_fields=["status", "decided_by", "decided_at", "note"])
    for org, other in ((candidate.first, candidate.second), (candidate.second, candidate.first)):
        record(
            obj=org,
            action="not_duplicate",
            actor=actor,
            note=f"Not a duplicate of #{other.pk} {other.name}"[:300],
        )
    return candidate


def decided_pairs(ids: set[int]) -> set[tuple[int, int]]:
    """The pairs among these organisations already decided "not a duplicate"."""
    rows = DuplicateCandidate.objects.filter(
        Q(first_id__in=ids) | Q(second_id__in=ids), status=Status.NOT_DUPLICATE
    ).values_list("first_id", "second_id")
    return set(rows)

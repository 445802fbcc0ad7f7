"""Reads of due diligence: the blocking rule other apps ask (`blocking_reasons`), the policy,
the hits review queue, what a partner's page shows, and the sanctions lists.

The blocking rule: an organisation is blocked while it, or one of its (not archived) contacts,
has a screening hit that is open or confirmed; and, when its partner category needs a review
(the due-diligence policy), while its latest decided review is not an approval that is still
valid. The funding pipeline ("committed" stages) and agreement signing refuse blocked
organisations with these messages; see docs/diligence-interface.md."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from accord.core.fetch import guarded
from accord.diligence import permissions
from accord.diligence.models import (
    BLOCKING_HITS,
    DiligencePolicy,
    DiligenceReview,
    HitStatus,
    ReviewStatus,
    ScreeningHit,
)
from accord.partners.models import Organisation

APPROVED = (ReviewStatus.APPROVED, ReviewStatus.CONDITIONAL)
DECIDED = (*APPROVED, ReviewStatus.REJECTED)
# Ids per query of the blocking rule, well under every database's parameter limit.
CHUNK = 2000


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


# --- the policy ---


def current_policy() -> DiligencePolicy:
    """The due-diligence policy (one row, created by migration 0002)."""
    return DiligencePolicy.objects.order_by("id").first() or DiligencePolicy()


def categories_needing_review() -> set[int]:
    policy = current_policy()
    if policy.pk is None:
        return set()
    return set(policy.categories.values_list("id", flat=True))


# --- the blocking rule ---


def _hit_reason(status: str, entry: str, contact: str) -> str:
    who = f" of contact {contact}" if contact else ""
    if status == HitStatus.CONFIRMED:
        return f"Sanctions screening: a match{who} with {entry} is confirmed."
    return f"Sanctions screening: a possible match{who} with {entry} is not reviewed yet."


def _hit_reasons(ids: list[int], reasons: dict[int, list[str]]) -> None:
    rows = (
        ScreeningHit.objects.filter(status__in=BLOCKING_HITS)
        .filter(
            Q(organisation_id__in=ids)
            | Q(contact__organisation_id__in=ids, contact__archived_at__isnull=True)
        )
        .order_by("status", "-score", "id")  # confirmed matches first
        .values_list(
            "organisation_id", "contact__organisation_id", "contact__first_name",
            "contact__last_name", "entry__reference_number", "entry__name", "status",
        )
    )
    for org_id, contact_org_id, first, last, reference, name, status in rows:
        contact = f"{first} {last}".strip() if contact_org_id else ""
        entry = f"{reference} {name}".strip()
        reasons[org_id or contact_org_id].append(_hit_reason(status, entry, contact))


def _review_reason(review: dict | None, today: date) -> str | None:
    """Why the latest decided review does not clear the organisation, or None when it does."""
    if review is None:
        return "Due diligence: no valid approved review."
    if review["status"] == ReviewStatus.REJECTED:
        return f"Due diligence: the review was rejected on {_long(review['decided_at'].date())}."
    until = review["valid_until"]
    if until is not None and until < today:
        return f"Due diligence: the review expired on {_long(until)}."
    return None


def _review_reasons(ids: list[int], reasons: dict[int, list[str]], needing: set[int]) -> None:
    if not needing:
        return
    required = list(
        Organisation.objects.filter(pk__in=ids, category_id__in=needing).values_list(
            "id", flat=True
        )
    )
    if not required:
        return
    latest: dict[int, dict] = {}
    rows = (
        DiligenceReview.objects.filter(organisation_id__in=required, status__in=DECIDED)
        .order_by("organisation_id", "-decided_at", "-id")
        .values("organisation_id", "status", "decided_at", "valid_until")
    )
    for row in rows:
        latest.setdefault(row["organisation_id"], row)
    today = timezone.localdate()
    for org_id in required:
        reason = _review_reason(latest.get(org_id), today)
        if reason:
            reasons[org_id].append(reason)


def blocking_reasons(organisation_ids) -> dict[int, list[str]]:
    """For each organisation id, the reasons it may not be committed to or sign (empty when
    none), in a fixed number of queries per 2,000 ids."""
    ids = list(dict.fromkeys(int(i) for i in organisation_ids))
    reasons: dict[int, list[str]] = {i: [] for i in ids}
    needing = categories_needing_review()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        _hit_reasons(chunk, reasons)
        _review_reasons(chunk, reasons, needing)
    return reasons


def blocking_reasons_for(organisation) -> list[str]:
    """The reasons one organisation (or id) is blocked; empty when it is not."""
    pk = getattr(organisation, "pk", organisation)
    return blocking_reasons([pk])[pk]


# --- the hits review queue ---

HIT_RELATED = (
    "organisation__country", "organisation__category", "contact__organisation__country",
    "entry__sanctions_list", "entry__delisted_in__sanctions_list", "entry_name",
    "version__sanctions_list", "decided_by",
)

HIT_PREFETCH = ("entry__names", "organisation__names")


@dataclass
class HitFilters:
    """`status` a HitStatus value or "" for every status; `sanctions_list` a list code;
    `region` a region code; `min_score` 0–1; `organisation` the hits of one organisation
    and its contacts."""

    status: str = HitStatus.OPEN
    sanctions_list: str = ""
    region: str = ""
    min_score: float | None = None
    organisation: int | None = None


def hit_list(*, user, filters: HitFilters | None = None) -> QuerySet[ScreeningHit]:
    """Hits the user may see, strongest first; prefetch `HIT_PREFETCH` on a page's rows."""
    f = filters or HitFilters()
    qs = permissions.visible_hits(user).select_related(*HIT_RELATED)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.sanctions_list:
        qs = qs.filter(entry__sanctions_list__code=f.sanctions_list)
    if f.region:
        qs = qs.filter(
            Q(organisation__region__code=f.region) | Q(contact__organisation__region__code=f.region)
        )
    if f.min_score is not None:
        qs = qs.filter(score__gte=f.min_score)
    if f.organisation is not None:
        qs = qs.filter(
            Q(organisation_id=f.organisation) | Q(contact__organisation_id=f.organisation)
        )
    return guarded(qs.order_by("-score", "-id"))


def hit_detail(*, user, pk) -> ScreeningHit:
    qs = ScreeningHit.objects.select_related(*HIT_RELATED).prefetch_related(*HIT_PREFETCH)
    return permissions.hit_for(user, pk, qs=guarded(qs))


def hit_subject(hit: ScreeningHit):
    """The organisation or contact a hit is about."""
    return hit.organisation if hit.organisation_id else hit.contact

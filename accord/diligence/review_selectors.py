"""Reads of due-diligence reviews (filtered lists, due renewals, the status changes a user may
make now), of what a partner's due-diligence tab shows, and of the sanctions lists."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accord.core.fetch import guarded
from accord.core.text import fold
from accord.diligence import permissions, review_services, review_states
from accord.diligence.models import (
    DiligenceReview,
    Entry,
    EntryName,
    ListVersion,
    ReviewStatus,
    ScreeningRun,
)
from accord.diligence.selectors import (
    APPROVED,
    HitFilters,
    blocking_reasons_for,
    categories_needing_review,
    current_policy,
    hit_list,
)

RENEWAL_DAYS = 60
REVIEW_RELATED = ("organisation__category", "organisation__country", "prepared_by",
                  "decided_by")


@dataclass
class ReviewFilters:
    """`status` a ReviewStatus value; `due` approvals that expire within 60 days; `expired`
    approvals past their date; `organisation` the reviews of one partner."""

    status: str = ""
    due: bool = False
    expired: bool = False
    organisation: int | None = None


def review_list(*, user, filters: ReviewFilters | None = None) -> QuerySet[DiligenceReview]:
    f = filters or ReviewFilters()
    today = timezone.localdate()
    qs = permissions.visible_reviews(user).select_related(*REVIEW_RELATED)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.due:
        qs = qs.filter(
            status__in=APPROVED, valid_until__gte=today,
            valid_until__lte=today + timedelta(days=RENEWAL_DAYS),
        )
    if f.expired:
        qs = qs.filter(status__in=APPROVED, valid_until__lt=today)
    if f.organisation is not None:
        qs = qs.filter(organisation_id=f.organisation)
    if f.due or f.expired:
        return guarded(qs.order_by("valid_until", "id"))
    return guarded(qs.order_by("-updated_at", "-id"))


def is_expired(review: DiligenceReview) -> bool:
    return (
        review.status in APPROVED
        and review.valid_until is not None
        and review.valid_until < timezone.localdate()
    )


def available_transitions(*, user, review: DiligenceReview) -> list[dict]:
    """The status changes `user` may make now, each with what it asks for and, when a guard
    no input can satisfy objects (four eyes, an incomplete checklist), why it is disabled."""
    if not permissions.in_region(user, review.organisation):
        return []
    options = [t for t in review_states.from_status(review.status)
               if review_states.allowed(t, user)]
    if not options:
        return []
    ctx = review_states.Context(
        review=review, actor=user, preparers=review_services.preparers(review)
    )
    return [
        {
            "name": t.name, "label": t.label, "target": t.target,
            "target_label": ReviewStatus(t.target).label, "asks": list(t.asks),
            "reason_label": t.reason_label, "decision": t.decision,
            "blocked": review_states.blocked_by(t, ctx),
        }
        for t in options
    ]


def default_valid_until():
    """Until when an approval given today is valid, by the policy."""
    return review_states.add_months(timezone.localdate(), current_policy().validity_months)


# --- a partner's due diligence ---


def last_screening(organisation) -> ScreeningRun | None:
    """The latest run that screened this partner: one for everyone, one for this partner
    ("Screen now"), or one that found a match with it."""
    return (
        ScreeningRun.objects.filter(finished_at__isnull=False)
        .filter(
            Q(progress__has_key="total")
            | Q(progress__organisation=organisation.pk)
            | Q(hits__organisation=organisation.pk)
            | Q(hits__contact__organisation=organisation.pk)
        )
        .select_related("version__sanctions_list")
        .order_by("-started_at", "-id")
        .first()
    )


def partner_diligence(*, user, organisation, hits_limit: int = 50) -> dict:
    """What the partner's due-diligence tab shows: why it is blocked, its hits and those of
    its contacts, its reviews, and when it was last screened."""
    hits = hit_list(user=user, filters=HitFilters(status="", organisation=organisation.pk))
    reviews = review_list(user=user, filters=ReviewFilters(organisation=organisation.pk))
    return {
        "blocking": blocking_reasons_for(organisation),
        "hits": list(hits[:hits_limit]),
        "hit_count": hits.count(),
        "reviews": list(reviews[:20]),
        "needs_review": organisation.category_id in categories_needing_review(),
        "last_run": last_screening(organisation),
        "open_review": reviews.filter(
            status__in=(ReviewStatus.DRAFT, ReviewStatus.SUBMITTED)
        ).first(),
    }


# --- sanctions lists ---


def version_list() -> QuerySet[ListVersion]:
    return guarded(
        ListVersion.objects.select_related("sanctions_list", "loaded_by").order_by(
            "sanctions_list__name", "-loaded_at", "-id"
        )
    )


def entry_list(*, q: str = "", listed: str = "", kind: str = "") -> QuerySet[Entry]:
    """Entries whose reference number or one of whose names contains `q` (folded: case,
    accents, scripts); `listed` "listed" or "delisted"; `kind` individual or entity."""
    qs = Entry.objects.select_related("sanctions_list", "delisted_in")
    q = (q or "").strip()[:200]
    if q:
        key = fold(q)
        named = EntryName.objects.filter(entry_id=OuterRef("pk"), key__contains=key)
        qs = qs.filter(Q(reference_number__iexact=q) | Q(Exists(named)))
    if listed == "listed":
        qs = qs.filter(delisted_in__isnull=True)
    elif listed == "delisted":
        qs = qs.filter(delisted_in__isnull=False)
    if kind:
        qs = qs.filter(kind=kind)
    return guarded(qs.order_by("reference_number", "id"))

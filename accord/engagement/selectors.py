"""Reads of the engagement log, always through the acting user's scope.

Lists run a fixed number of queries whatever the number of rows: what a row shows is joined
(`select_related`) or prefetched once per page (`page_prefetch`). A partner's timeline and
last engagement read the partner links (EngagementPartner), which carry the engagement's date
and status, so they are index range scans at any size."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accord.accounts.models import Region
from accord.accounts.roles import region_scope
from accord.core.fetch import guarded
from accord.core.history import history_for
from accord.engagement import permissions
from accord.engagement.models import (
    Engagement,
    EngagementPartner,
    EngagementStatus,
    FollowUp,
    PlanAction,
)
from accord.partners import permissions as partner_permissions
from accord.partners.models import Organisation
from accord.strategy.models import EngagementStrategy, Outcome, PartnerCategory, SdgGoal
from accord.strategy.selectors import current_strategy

LIST_RELATED = ("lead_region", "country", "flagship")
# Partners and contacts are named in the history for people, and their ids are kept beside
# the names (aligned) so a reader outside their region sees how many, not who.
HIDDEN_IDS = {"organisations": "_organisation_ids", "contacts": "_contact_ids"}


@dataclass
class EngagementFilters:
    """What a list of engagements is narrowed by: codes, not ids (category, strategy line such
    as "2.3", outcome such as "1.2", lead region, country ISO2, flagship "1".."5"); `partner`
    an organisation id; the period is `date_from`..`date_to` on the start date, both included.
    An unknown code matches nothing."""

    q: str = ""
    kind: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None
    partner: int | None = None
    category: str = ""
    strategy: str = ""
    outcome: str = ""
    region: str = ""
    country: str = ""
    flagship: str = ""
    sdg: int | None = None


def strategy_line_id(code: str) -> int | None:
    """The id of strategy line "2.3" (category number, line number) of the current strategy."""
    parts = (code or "").strip().split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return (
        EngagementStrategy.objects.filter(
            category__strategy=current_strategy(),
            category__number=int(parts[0]),
            number=int(parts[1]),
        )
        .values_list("id", flat=True)
        .first()
    )


def code_id(qs, **lookup) -> int:
    """The id behind a code, or 0 (matches nothing)."""
    return qs.filter(**lookup).values_list("id", flat=True).first() or 0


def _filtered(qs: QuerySet, f: EngagementFilters) -> QuerySet:
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.date_from:
        qs = qs.filter(start_date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(start_date__lte=f.date_to)
    if f.partner is not None:
        qs = qs.filter(partner_links__organisation_id=f.partner)
    if f.category:
        category = code_id(PartnerCategory.objects, strategy=current_strategy(), code=f.category)
        involved = EngagementPartner.objects.filter(
            engagement_id=OuterRef("pk"), organisation__category_id=category
        )
        qs = qs.filter(Exists(involved))
    if f.strategy:
        qs = qs.filter(strategy_links__strategy_id=strategy_line_id(f.strategy) or 0)
    if f.outcome:
        strategy = current_strategy()
        plan_id = strategy.plan_id if strategy else None
        qs = qs.filter(outcomes=code_id(Outcome.objects, domain__plan_id=plan_id, code=f.outcome))
    if f.region:
        qs = qs.filter(lead_region_id=code_id(Region.objects, code=f.region.upper()))
    if f.country:
        qs = qs.filter(country_id=f.country.strip().upper())
    if f.flagship:
        strategy = current_strategy()
        qs = qs.filter(
            flagship__plan_id=strategy.plan_id if strategy else None, flagship__code=f.flagship
        )
    if f.sdg is not None:
        qs = qs.filter(sdgs=f.sdg)
    for word in (f.q or "").split()[:8]:
        qs = qs.filter(title__icontains=word)
    return qs


def engagement_list(*, user, filters: EngagementFilters | None = None) -> QuerySet[Engagement]:
    """Engagements the user may see, filtered, newest first, with the rows a list shows (add
    `page_prefetch(user)` on the page's rows)."""
    qs = permissions.visible_engagements(user, Engagement.objects.select_related(*LIST_RELATED))
    qs = _filtered(qs, filters or EngagementFilters())
    return guarded(qs.order_by("-start_date", "-id"))


def page_prefetch(user) -> tuple:
    """What a page of engagements prefetches: the partners the user may see (`partners_shown`),
    strategy lines with their category (for their codes), outcomes."""
    partners = partner_permissions.visible_organisations(
        user, Organisation.objects.select_related("category")
    ).order_by("sort_name")
    return (
        Prefetch("organisations", partners, to_attr="partners_shown"),
        Prefetch(
            "strategies",
            EngagementStrategy.objects.select_related("category").order_by(
                "category__number", "number"
            ),
        ),
        Prefetch("outcomes", Outcome.objects.order_by("code")),
    )


def full_prefetch(user) -> tuple:
    """`page_prefetch` plus the contacts the user may see (`contacts_shown`), staff and SDGs:
    what an API row or the detail page shows."""
    contacts = partner_permissions.visible_contacts(user).select_related("organisation")
    return (
        *page_prefetch(user),
        Prefetch(
            "contacts", contacts.order_by("last_name", "first_name"), to_attr="contacts_shown"
        ),
        "staff",
        Prefetch("sdgs", SdgGoal.objects.order_by("number")),
    )


def engagement_detail(*, user, pk) -> Engagement:
    """The one door plus what the page shows: `full_prefetch`, `partner_count` (all partners,
    seen or not), follow-ups and the plan actions it carries out."""
    qs = (
        Engagement.objects.select_related(*LIST_RELATED, "created_by")
        .annotate(partner_count=Count("partner_links", distinct=True))
        .prefetch_related(
            *full_prefetch(user),
            Prefetch("follow_ups", FollowUp.objects.select_related("owner", "done_by")),
            Prefetch("plan_actions", PlanAction.objects.select_related("category")),
        )
    )
    return permissions.engagement_for(user, pk, qs=guarded(qs))


def partner_timeline(*, organisation: Organisation) -> QuerySet[EngagementPartner]:
    """The engagements with a partner, newest first, as its links (`link.engagement`). Any
    engagement involving a partner the user may see is visible to them, so the caller checks
    the partner through its door (partners.permissions.organisation_for) and nothing more."""
    qs = EngagementPartner.objects.filter(organisation=organisation).select_related(
        *(f"engagement__{name}" for name in LIST_RELATED)
    )
    return guarded(qs.order_by("-start_date", "-engagement_id"))


def partner_summary(*, organisation: Organisation) -> dict:
    """How many engagements a partner had, the last one held and the next one planned."""
    today = timezone.localdate()
    held = Q(status=EngagementStatus.HELD, start_date__lte=today)
    ahead = Q(status=EngagementStatus.PLANNED, start_date__gte=today)
    return EngagementPartner.objects.filter(organisation=organisation).aggregate(
        count=Count("id"),
        last_held=Max("start_date", filter=held),
        next_planned=Min("start_date", filter=ahead),
    )


def last_engagement_dates(*, organisation_ids, as_of: date | None = None) -> dict[int, date]:
    """For each partner, the date of its last engagement held on or before `as_of` (today):
    one index range scan per partner on (organisation, status, start_date)."""
    as_of = as_of or timezone.localdate()
    rows = (
        EngagementPartner.objects.filter(
            organisation_id__in=list(organisation_ids),
            status=EngagementStatus.HELD,
            start_date__lte=as_of,
        )
        .values("organisation_id")
        .annotate(last=Max("start_date"))
        .order_by()
    )
    return {row["organisation_id"]: row["last"] for row in rows}


def engagement_search(*, user, q: str, limit: int = 10) -> list[Engagement]:
    """Engagements whose title has every word of `q`, newest first (to link them elsewhere)."""
    if not (q or "").split():
        return []
    return list(engagement_list(user=user, filters=EngagementFilters(q=q))[:limit])


def follow_up_list(*, user, owner=None, open_only: bool = True) -> QuerySet[FollowUp]:
    """Follow-ups of the engagements the user may see, earliest due first."""
    scope = permissions.engagement_scope(user, "engagement__")
    qs = FollowUp.objects.select_related("engagement", "owner")
    qs = qs.none() if scope is None else qs.filter(scope)
    if owner is not None:
        qs = qs.filter(owner=owner)
    if open_only:
        qs = qs.filter(done_at__isnull=True)
    return guarded(qs.order_by("due_date", "id"))


def history(*, obj, limit: int = 200):
    return history_for(obj, limit=limit)


def _shown(labels, ids, seen: set[int]):
    """The names of the records the reader may see, and how many others there were."""
    if labels is None or ids is None or len(labels) != len(ids):
        return labels
    kept = [label for label, pk in zip(labels, ids, strict=True) if pk in seen]
    hidden = len(labels) - len(kept)
    return kept + ([f"{hidden} outside your scope"] if hidden else [])


def engagement_history(*, user, engagement: Engagement, limit: int = 200) -> list:
    """The engagement's history, newest first, naming only the partners and contacts the user
    may see (the others are counted): the ids stored beside the names say which is which."""
    entries = list(history_for(engagement, limit=limit))
    ids = {field: set() for field in HIDDEN_IDS}
    for entry in entries:
        for field, key in HIDDEN_IDS.items():
            for side in entry.changes.get(key) or ():
                ids[field].update(side or ())
    seen = ids
    if region_scope(user) is not None:
        seen = {
            "organisations": set(
                partner_permissions.visible_organisations(user)
                .filter(pk__in=ids["organisations"])
                .values_list("pk", flat=True)
            ),
            "contacts": set(
                partner_permissions.visible_contacts(user)
                .filter(pk__in=ids["contacts"])
                .values_list("pk", flat=True)
            ),
        }
    for entry in entries:
        changes = dict(entry.changes)
        for field, key in HIDDEN_IDS.items():
            sides = changes.pop(key, None)
            if field in changes and sides:
                changes[field] = [
                    _shown(labels, side, seen[field])
                    for labels, side in zip(changes[field], sides, strict=True)
                ]
        entry.changes = changes
    return entries

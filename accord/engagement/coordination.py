"""Coordination without duplication (expected result (c) of the strategy): who across offices
and regions engaged a partner, on which outcomes and in which countries; and the overlapping
engagements — the same partner approached on the same outcome in the same country by different
offices (another lead region, or another office of the same region) within a few weeks
(`ACCORD_OVERLAP_DAYS`, default 60) — so offices can align before they collide."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from accord.core.fetch import guarded
from accord.engagement import permissions
from accord.engagement.models import Engagement, EngagementPartner, EngagementStatus
from accord.partners import permissions as partner_permissions
from accord.partners.models import Organisation

ACTIVE = (EngagementStatus.HELD, EngagementStatus.PLANNED)
DEFAULT_LOOKBACK_DAYS = 180
RECENT = 500  # engagements a partner page summarises
Outcomes = Engagement.outcomes.through


def overlap_days() -> int:
    return int(getattr(settings, "ACCORD_OVERLAP_DAYS", 60))


def partner_coordination(*, organisation: Organisation) -> dict:
    """Who engaged this partner: {"offices": [{region, office, count, last}], "outcomes":
    [{code, name, count}], "countries": [{code, name, count}], "sample"} over its latest
    `RECENT` engagements that were not cancelled (three grouped queries of bounded size, however
    many engagements the partner has had). The caller checks the partner's door."""
    mine = EngagementPartner.objects.filter(organisation=organisation, status__in=ACTIVE)
    recent = mine.order_by("-start_date", "-engagement_id").values("engagement_id")[:RECENT]
    links = mine.filter(engagement_id__in=recent)
    offices = list(
        links.values(region=F("engagement__lead_region__name"), office=F("engagement__office"))
        .annotate(count=Count("id"), last=Max("start_date"))
        .order_by("-last", "region", "office")
    )
    outcomes = list(
        Outcomes.objects.filter(engagement_id__in=recent)
        .values(code=F("outcome__code"), name=F("outcome__name"))
        .annotate(count=Count("id"))
        .order_by("-count", "code")
    )
    countries = list(
        links.filter(engagement__country__isnull=False)
        .values(code=F("engagement__country_id"), name=F("engagement__country__name"))
        .annotate(count=Count("id"))
        .order_by("-count", "name")
    )
    return {"offices": offices, "outcomes": outcomes, "countries": countries, "sample": RECENT}


@dataclass
class Overlap:
    """Two engagements with the same partner, outcome and country led by different offices."""

    partner: Organisation
    first: Engagement
    second: Engagement
    outcomes: list
    days_apart: int


def _office_key(prefix: str = "") -> dict:
    return {
        "region_key": Coalesce(f"{prefix}engagement__lead_region_id", Value(0)),
        "office_key": Lower(f"{prefix}engagement__office"),
    }


def overlapping_links(
    *, user, date_from: date | None = None, window: int | None = None
) -> QuerySet[EngagementPartner]:
    """The partner links (an engagement with one partner) that the user may see, from
    `date_from` (default: six months ago) on, that another visible engagement with the same
    partner overlaps: same country, an outcome in common, another lead region or office,
    started within `window` days after it. Earliest first; see `overlaps_for` for the pairs."""
    window = overlap_days() if window is None else window
    date_from = date_from or timezone.localdate() - timedelta(days=DEFAULT_LOOKBACK_DAYS)
    engagement_scope = permissions.engagement_scope(user, "engagement__")
    partner_scope = partner_permissions.organisation_scope(user, "organisation__")
    if engagement_scope is None or partner_scope is None:
        return EngagementPartner.objects.none()
    later = _later_links(engagement_scope, window)
    qs = (
        EngagementPartner.objects.filter(
            engagement_scope,
            partner_scope,
            start_date__gte=date_from,
            status__in=ACTIVE,
            engagement__country__isnull=False,
        )
        .annotate(**_office_key())
        .filter(Exists(later))
        .select_related("organisation", "engagement__lead_region", "engagement__country")
    )
    return guarded(qs.order_by("start_date", "engagement_id", "organisation_id"))


def _later_links(engagement_scope: Q, window: int) -> QuerySet[EngagementPartner]:
    """The visible links that overlap the outer link (OuterRef) and start after it."""
    shared_outcome = Outcomes.objects.filter(
        engagement_id=OuterRef(OuterRef("engagement_id")), outcome_id=OuterRef("outcome_id")
    )
    in_common = Outcomes.objects.filter(engagement_id=OuterRef("engagement_id")).filter(
        Exists(shared_outcome)
    )
    until = ExpressionWrapper(OuterRef("start_date") + timedelta(days=window), DateField())
    return (
        EngagementPartner.objects.filter(
            engagement_scope,
            organisation_id=OuterRef("organisation_id"),
            status__in=ACTIVE,
            start_date__lte=until,
            engagement__country_id=OuterRef("engagement__country_id"),
        )
        .filter(
            Q(start_date__gt=OuterRef("start_date"))
            | Q(start_date=OuterRef("start_date"), engagement_id__gt=OuterRef("engagement_id"))
        )
        .annotate(**_office_key())
        .exclude(Q(region_key=OuterRef("region_key"), office_key=OuterRef("office_key")))
        .filter(Exists(in_common))
    )


def overlaps_for(*, user, links, window: int | None = None) -> list[Overlap]:
    """The pairs behind a page of `overlapping_links`: for each link, every later visible
    engagement with the same partner that overlaps it, with the outcomes they share (three
    queries for the page, whatever its length)."""
    window = overlap_days() if window is None else window
    links = list(links)
    if not links:
        return []
    scope = permissions.engagement_scope(user, "engagement__")
    start = min(link.start_date for link in links)
    end = max(link.start_date for link in links) + timedelta(days=window)
    candidates = list(
        EngagementPartner.objects.filter(
            scope,
            organisation_id__in={link.organisation_id for link in links},
            status__in=ACTIVE,
            start_date__gte=start,
            start_date__lte=end,
            engagement__country__isnull=False,
        ).select_related("engagement__lead_region", "engagement__country")
    )
    ids = {link.engagement_id for link in links} | {c.engagement_id for c in candidates}
    outcomes: dict[int, dict] = {}
    for row in Outcomes.objects.filter(engagement_id__in=ids).select_related("outcome"):
        outcomes.setdefault(row.engagement_id, {})[row.outcome_id] = row.outcome
    pairs = []
    for link in links:
        mine = outcomes.get(link.engagement_id, {})
        for other in candidates:
            a, b = link.engagement, other.engagement
            shared = [mine[k] for k in sorted(mine) if k in outcomes.get(b.pk, {})]
            if (
                other.organisation_id == link.organisation_id
                and (b.start_date, b.pk) > (a.start_date, a.pk)
                and b.start_date <= a.start_date + timedelta(days=window)
                and b.country_id == a.country_id
                and shared
                and _office(a) != _office(b)
            ):
                days = (b.start_date - a.start_date).days
                pairs.append(Overlap(link.organisation, a, b, shared, days))
    return pairs


def _office(engagement: Engagement) -> tuple:
    return engagement.lead_region_id or 0, (engagement.office or "").lower()

"""The knowledge hub's read interface for other apps (the reports app's Executive Board report
and dashboard): plain data, no model instances, a fixed number of queries whatever the
period. Documented in docs/knowledge.md; import them from accord.knowledge.selectors.

Highlights are published items only; the dissemination summary counts what was sent (only
published items can be sent). With `user`, partners are limited to those the user may see in
the registry (a regional focal point: their region(s)); without, the report sees everything."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from accord.core.fetch import guarded
from accord.knowledge import permissions
from accord.knowledge.models import (
    STORY_KINDS,
    Channel,
    Dissemination,
    Item,
    ItemPartner,
    Recipient,
    State,
)
from accord.strategy.models import PartnerCategory


@dataclass(frozen=True)
class HighlightPartner:
    id: int
    name: str
    role: str  # "took_part", "featured" or "produced"
    role_label: str
    category: str  # partner category code, e.g. "foundation"


@dataclass(frozen=True)
class Highlight:
    id: int
    kind: str  # "impact_story", "good_practice", "publication" or "dataset"
    kind_label: str
    title: str
    summary: str
    date: date
    url: str  # the publication's or data set's own address, or ""
    path: str  # the item's page in Accord
    partners: list[HighlightPartner] = field(default_factory=list)
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    countries: list[str] = field(default_factory=list)  # country names
    flagships: list[str] = field(default_factory=list)  # flagship programme codes
    times_sent: int = 0


def _category_code(category) -> str:
    return category.code if isinstance(category, PartnerCategory) else str(category)


def highlights(
    start: date,
    end: date,
    category=None,
    limit: int = 10,
    *,
    kinds=STORY_KINDS,
    user=None,
) -> list[Highlight]:
    """Published items of `kinds` (impact stories and good practices by default) dated within
    [start, end], newest first, at most `limit`; with `category` (a PartnerCategory or its
    code) only those naming a partner of that category. Five queries."""
    qs = Item.objects.filter(state=State.PUBLISHED, date__range=(start, end), kind__in=kinds)
    scope = Q() if user is None else permissions.partner_scope(user)
    if scope is None:
        return []
    links = ItemPartner.objects.filter(scope).select_related("organisation__category")
    if category is not None:
        code = _category_code(category)
        qs = qs.filter(pk__in=links.filter(organisation__category__code=code).values("item_id"))
    qs = (
        qs.annotate(times_sent=Count("disseminations", distinct=True))
        .prefetch_related(
            Prefetch("partner_links", guarded(links.order_by("organisation__sort_name"))),
            "outcomes",
            "countries",
            "flagships",
        )
        .order_by("-date", "-id")
    )
    result = []
    for item in guarded(qs)[:limit]:
        result.append(
            Highlight(
                id=item.pk,
                kind=item.kind,
                kind_label=item.get_kind_display(),
                title=item.title,
                summary=item.summary,
                date=item.date,
                url=item.url,
                path=reverse("knowledge:detail", args=[item.pk]),
                partners=[
                    HighlightPartner(
                        id=link.organisation_id,
                        name=link.organisation.name,
                        role=link.role,
                        role_label=link.get_role_display(),
                        category=link.organisation.category.code,
                    )
                    for link in item.partner_links.all()
                ],
                outcomes=sorted((o.code, o.name) for o in item.outcomes.all()),
                countries=sorted(c.name for c in item.countries.all()),
                flagships=sorted(f.code for f in item.flagships.all()),
                times_sent=item.times_sent,
            )
        )
    return result


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    label: str
    disseminations: int
    recipients: int


@dataclass(frozen=True)
class CategoryCount:
    category: str  # partner category code
    name: str  # its short name
    recipients: int  # recipient rows (a partner reached twice counts twice)
    organisations: int  # distinct partners reached


@dataclass(frozen=True)
class DisseminationSummary:
    start: date
    end: date
    disseminations: int
    items: int  # distinct items sent
    recipients: int
    organisations: int  # distinct partners reached
    by_channel: list[ChannelCount]
    by_category: list[CategoryCount]


def dissemination_summary(start: date, end: date, *, user=None) -> DisseminationSummary:
    """How much was sent out in [start, end] (by the sent date): totals, per channel (every
    channel, zero included, in the channel list's order) and per partner category. Five
    queries."""
    scope = Q() if user is None else permissions.partner_scope(user)
    sent = Dissemination.objects.filter(sent_on__range=(start, end))
    recipients = Recipient.objects.filter(dissemination__sent_on__range=(start, end))
    if scope is None:
        recipients = recipients.none()
    else:
        recipients = recipients.filter(scope)
        if user is not None:
            sent = sent.filter(pk__in=recipients.values("dissemination_id"))
    totals = sent.aggregate(n=Count("id"), items=Count("item", distinct=True))
    per_channel = {
        row["channel"]: row for row in sent.values("channel").annotate(n=Count("id", distinct=True))
    }
    reached = {
        row["dissemination__channel"]: row["n"]
        for row in recipients.values("dissemination__channel").annotate(n=Count("id"))
    }
    categories = list(
        recipients.values("organisation__category__code", "organisation__category__short_name")
        .annotate(n=Count("id"), orgs=Count("organisation", distinct=True))
        .order_by("-n", "organisation__category__code")
    )
    return DisseminationSummary(
        start=start,
        end=end,
        disseminations=totals["n"],
        items=totals["items"],
        recipients=sum(reached.values()),
        organisations=recipients.values("organisation").distinct().count(),
        by_channel=[
            ChannelCount(code, label, per_channel.get(code, {}).get("n", 0), reached.get(code, 0))
            for code, label in Channel.choices
        ],
        by_category=[
            CategoryCount(
                row["organisation__category__code"],
                row["organisation__category__short_name"],
                row["n"],
                row["orgs"],
            )
            for row in categories
        ],
    )

"""Reads of the knowledge hub for its pages and API (item lists and details, the partner tab).
What other apps read — the Executive Board report's highlights and the dissemination summary —
is in report_selectors.py and re-exported here (`highlights`, `dissemination_summary`), the
names docs/knowledge.md documents. Every read takes the acting user and returns only what they
may see (permissions.py)."""

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet, prefetch_related_objects

from accord.accounts.roles import region_scope
from accord.core.fetch import guarded
from accord.core.history import history_for
from accord.knowledge import permissions
from accord.knowledge.models import Dissemination, Item, ItemPartner, Recipient
from accord.knowledge.report_selectors import (  # noqa: F401 (the reports' read interface)
    Highlight,
    HighlightPartner,
    dissemination_summary,
    highlights,
)

PARTNER_TAB_LIMIT = 50
DISSEMINATION_LIMIT = 100


@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    kind: str = ""
    state: str = ""
    outcome: int | None = None  # Outcome id
    country: str = ""  # ISO alpha-2
    flagship: int | None = None  # FlagshipProgramme id
    partner: int | None = None  # linked to or received by this organisation


def _partner_links(user) -> Prefetch:
    """The partner links of an item that `user` may see, with the partner's name."""
    scope = permissions.partner_scope(user)
    links = ItemPartner.objects.select_related("organisation").only(
        "id",
        "item_id",
        "role",
        "organisation__id",
        "organisation__name",
        "organisation__acronym",
        "organisation__category_id",
    )
    links = links.filter(scope) if scope is not None else links.none()
    return Prefetch("partner_links", guarded(links.order_by("organisation__sort_name")))


def page_prefetch(user) -> tuple:
    """What a list page shows of each row, prefetched for the page's rows only."""
    return ("outcomes", _partner_links(user))


def _partner_items(user, partner: int) -> Q:
    scope = permissions.partner_scope(user)
    if scope is None:
        return Q(pk__in=[])
    linked = ItemPartner.objects.filter(scope, organisation_id=partner).values("item_id")
    received = Recipient.objects.filter(scope, organisation_id=partner).values(
        "dissemination__item_id"
    )
    return Q(pk__in=linked) | Q(pk__in=received)


def item_list(*, user, filters: ItemFilters | None = None) -> QuerySet[Item]:
    filters = filters or ItemFilters()
    qs = permissions.visible_items(user, Item.objects.all())
    if filters.q:
        for word in filters.q.split()[:8]:
            qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.outcome:
        qs = qs.filter(
            pk__in=Item.outcomes.through.objects.filter(outcome_id=filters.outcome).values(
                "item_id"
            )
        )
    if filters.country:
        qs = qs.filter(
            pk__in=Item.countries.through.objects.filter(country_id=filters.country).values(
                "item_id"
            )
        )
    if filters.flagship:
        qs = qs.filter(
            pk__in=Item.flagships.through.objects.filter(
                flagshipprogramme_id=filters.flagship
            ).values("item_id")
        )
    if filters.partner:
        qs = qs.filter(_partner_items(user, filters.partner))
    return guarded(
        qs.only("id", "kind", "title", "summary", "date", "state", "url", "version").order_by(
            "-date", "-id"
        )
    )


def item_detail(*, user, pk) -> Item:
    """The item with everything its page shows (partners limited to the user's scope)."""
    qs = Item.objects.select_related("created_by").prefetch_related(
        "outcomes", "countries", "flagships", _partner_links(user)
    )
    return permissions.item_for(user, pk, qs=guarded(qs))


def recipients_prefetch(user) -> Prefetch:
    """A dissemination's recipients that `user` may see, with names."""
    scope = permissions.partner_scope(user)
    recipients = Recipient.objects.select_related("organisation", "contact").only(
        "id",
        "dissemination_id",
        "organisation__id",
        "organisation__name",
        "organisation__acronym",
        "contact__id",
        "contact__first_name",
        "contact__last_name",
    )
    recipients = recipients.filter(scope) if scope is not None else recipients.none()
    return Prefetch("recipients", guarded(recipients.order_by("organisation__sort_name", "id")))


def dissemination_list(
    *, user, item: int | Item | None = None, partner: int | None = None, channel: str = ""
) -> QuerySet[Dissemination]:
    """Disseminations of the items `user` may see, newest first; with `partner` only those
    that reached that partner (when the user may see it). `recipient_total` counts every
    recipient; prefetch `recipients_prefetch(user)` for the ones to show."""
    qs = Dissemination.objects.filter(item__in=permissions.visible_items(user).values("pk"))
    if item is not None:
        qs = qs.filter(item=item)
    if partner is not None:
        scope = permissions.partner_scope(user)
        reached = Recipient.objects.filter(organisation_id=partner)
        reached = reached.filter(scope) if scope is not None else reached.none()
        qs = qs.filter(pk__in=reached.values("dissemination_id"))
    if channel:
        qs = qs.filter(channel=channel)
    return guarded(
        qs.select_related("sent_by")
        .annotate(recipient_total=Count("recipients"))
        .order_by("-sent_on", "-id")
    )


def item_disseminations(*, user, item: Item, limit: int = DISSEMINATION_LIMIT) -> list:
    """The latest disseminations of the item, each with the recipients the user may see."""
    rows = list(dissemination_list(user=user, item=item)[:limit])
    prefetch_related_objects(rows, recipients_prefetch(user))
    return rows


@dataclass
class PartnerItem:
    """An item as the partner's Stories tab shows it: how the partner is named in it (role),
    and how often and when it was last sent to the partner."""

    item: Item
    role: str = ""
    times_sent: int = 0
    last_sent: object = None
    channels: tuple = ()


def partner_items(*, user, organisation, limit: int = PARTNER_TAB_LIMIT) -> list[PartnerItem]:
    """The items `organisation` took part in (any role) or received, newest first; the caller
    has checked that the user may see the organisation. Bounded: `limit` of each kind."""
    visible = permissions.visible_items(user, Item.objects.all()).values("pk")
    fields = ("id", "kind", "title", "summary", "date", "state")
    links = guarded(
        ItemPartner.objects.filter(organisation=organisation, item__in=visible)
        .select_related("item")
        .only("id", "role", "item_id", *(f"item__{f}" for f in fields))
        .order_by("-item__date", "-item_id")[:limit]
    )
    rows = {
        link.item_id: PartnerItem(item=link.item, role=link.get_role_display()) for link in links
    }
    received = list(
        Recipient.objects.filter(organisation=organisation, dissemination__item__in=visible)
        .values("dissemination__item_id")
        .annotate(times=Count("id"), last=Max("dissemination__sent_on"))
        .order_by("-last")[:limit]
    )
    missing = [
        r["dissemination__item_id"] for r in received if r["dissemination__item_id"] not in rows
    ]
    for item in guarded(Item.objects.filter(pk__in=missing).only(*fields)):
        rows[item.pk] = PartnerItem(item=item)
    channels: dict[int, set] = {}
    for item_id, channel in (
        Recipient.objects.filter(organisation=organisation, dissemination__item_id__in=list(rows))
        .values_list("dissemination__item_id", "dissemination__channel")
        .order_by()
        .distinct()
    ):
        channels.setdefault(item_id, set()).add(channel)
    labels = dict(Dissemination._meta.get_field("channel").flatchoices)
    for r in received:
        row = rows[r["dissemination__item_id"]]
        row.times_sent, row.last_sent = r["times"], r["last"]
        row.channels = tuple(sorted(labels[c] for c in channels.get(row.item.pk, ())))
    return sorted(rows.values(), key=lambda r: (r.item.date, r.item.pk), reverse=True)


def history(item: Item, *, user, limit: int = 200) -> list:
    """The item's history. Partner links are recorded by name: a user limited to some regions
    gets the entries without them (they may not learn of partners outside their scope)."""
    entries = list(history_for(item, limit=limit))
    if region_scope(user) is not None:
        for entry in entries:
            if isinstance(entry.changes, dict) and "partners" in entry.changes:
                entry.changes = {k: v for k, v in entry.changes.items() if k != "partners"}
    return entries

"""Reads of the partner registry, always through the acting user's scope.

Every list runs a fixed number of queries whatever the number of rows: the related rows a page
shows are joined (`select_related`) or prefetched once."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accord.accounts.models import Region
from accord.accounts.roles import region_scope
from accord.core.fetch import guarded
from accord.core.history import history_for
from accord.partners import permissions
from accord.partners.models import (
    Contact,
    Organisation,
    OrganisationName,
    OrganisationStatus,
    Relationship,
    SearchToken,
)
from accord.partners.search import PREFIX_END, query_tokens
from accord.strategy.models import Outcome, PartnerCategory
from accord.strategy.selectors import category_list, current_strategy

# Each order is an index walk (see models.py and migration 0002), so a page of the first rows
# costs the same at any size: country by ISO code, category in the order the strategy's
# categories were loaded (the table's order).
SORTS = {
    "name": ("sort_name", "id"),
    "-name": ("-sort_name", "-id"),
    "country": ("country_id", "sort_name", "id"),
    "category": ("category_id", "sort_name", "id"),
    "-updated": ("-updated_at", "-id"),
}
LIST_RELATED = ("category", "country", "region", "owner")
# Aliases in the order they were given, outcomes by code: what a page or API row shows.
PAGE_PREFETCH = (
    Prefetch("names", OrganisationName.objects.order_by("id")),
    Prefetch("outcomes", Outcome.objects.order_by("code")),
)


@dataclass
class OrganisationFilters:
    """What a list of organisations is narrowed by: codes, not ids (category, country ISO2,
    region, outcome such as "1.2"); `owner` a user id; `archived=True` includes archived ones."""

    q: str = ""
    category: str = ""
    subtype: str = ""
    country: str = ""
    region: str = ""
    status: str = ""
    outcome: str = ""
    owner: int | str | None = None
    archived: bool = False
    sort: str = "name"


def _prefix(word: str) -> Q:
    return Q(token__gte=word, token__lt=word + PREFIX_END)


def _matching(qs: QuerySet[Organisation], q: str) -> QuerySet[Organisation]:
    """Organisations with, for every word of `q`, a name word starting with it."""
    for word in query_tokens(q):
        qs = qs.filter(pk__in=SearchToken.objects.filter(_prefix(word)).values("organisation_id"))
    return qs


def organisation_list(*, user, filters: OrganisationFilters | None = None) -> QuerySet:
    """Organisations the user may see, filtered and sorted, with the rows a list page shows.
    An unknown code matches nothing."""
    f = filters or OrganisationFilters()
    qs = permissions.visible_organisations(user, Organisation.objects.select_related(*LIST_RELATED))
    if not f.archived:
        qs = qs.filter(archived_at__isnull=True)
    # Codes are resolved to ids first (tiny, indexed) so the filter is on the indexed column.
    if f.category:
        strategy = current_strategy()
        ids = PartnerCategory.objects.filter(strategy=strategy, code=f.category)
        qs = qs.filter(category_id__in=list(ids.values_list("id", flat=True)))
    if f.region:
        ids = Region.objects.filter(code=f.region.upper()).values_list("id", flat=True)
        qs = qs.filter(region_id__in=list(ids))
    if f.country:
        qs = qs.filter(country_id=f.country.strip().upper())
    if f.subtype:
        qs = qs.filter(subtype__iexact=f.subtype.strip())
    if f.status:
        qs = qs.filter(status=f.status)
    if f.outcome:
        strategy = current_strategy()
        plan_id = strategy.plan_id if strategy else None
        ids = Outcome.objects.filter(domain__plan_id=plan_id, code=f.outcome)
        qs = qs.filter(outcomes__in=list(ids.values_list("id", flat=True)))
    if f.owner not in (None, ""):
        owner = str(f.owner)
        qs = qs.filter(owner_id=int(owner)) if owner.isdigit() else qs.none()
    if f.q:
        qs = _matching(qs, f.q)
    return guarded(qs.order_by(*SORTS.get(f.sort, SORTS["name"])))


def organisation_search(*, user, q: str, limit: int = 10) -> list[Organisation]:
    """The search box: organisations whose names have words starting with every word of `q`,
    closest words first. The longest word drives one index range scan; the others are checked
    per candidate on the (organisation, token) index, so the cost does not grow with the
    registry."""
    words = sorted(query_tokens(q), key=len, reverse=True)
    scope = permissions.organisation_scope(user, "organisation__")
    if not words or scope is None or limit <= 0:
        return []
    hits = SearchToken.objects.filter(_prefix(words[0]), scope, organisation__archived_at=None)
    for word in words[1:]:
        others = SearchToken.objects.filter(
            _prefix(word), organisation_id=OuterRef("organisation_id")
        )
        hits = hits.filter(Exists(others))
    hits = hits.order_by("token", "organisation_id").values_list("organisation_id", flat=True)
    ids: list[int] = []
    batch, offset = limit * 3, 0
    while len(ids) < limit:
        rows = list(hits[offset : offset + batch])
        ids.extend(i for i in dict.fromkeys(rows) if i not in ids)
        if len(rows) < batch:
            break
        offset += batch
    ids = ids[:limit]
    found = Organisation.objects.select_related("category", "country").in_bulk(ids)
    return [found[i] for i in ids]


def organisation_detail(*, user, pk) -> Organisation:
    """The one door plus what the page shows: aliases (`names`), outcomes, and in
    `active_contacts`, `links_out`, `links_in` the contacts and relationships the user may see."""
    contacts = permissions.visible_contacts(user).filter(archived_at__isnull=True)
    nothing = Q(pk__in=[])
    out_scope = permissions.organisation_scope(user, "target__")
    in_scope = permissions.organisation_scope(user, "source__")
    out_scope = nothing if out_scope is None else out_scope
    in_scope = nothing if in_scope is None else in_scope
    qs = Organisation.objects.select_related(*LIST_RELATED).prefetch_related(
        *PAGE_PREFETCH,
        Prefetch("contacts", contacts, to_attr="active_contacts"),
        Prefetch(
            "relationships_out",
            Relationship.objects.filter(out_scope).select_related("source", "target"),
            to_attr="links_out",
        ),
        Prefetch(
            "relationships_in",
            Relationship.objects.filter(in_scope).select_related("source", "target"),
            to_attr="links_in",
        ),
    )
    return permissions.organisation_for(user, pk, qs=guarded(qs))


def organisation_counts(*, user) -> dict:
    """For the home page: the organisations the user may see (archived ones aside), in total,
    by partner category of the current strategy and by status; `scope` names the user's
    regions when they are limited to some."""
    qs = permissions.visible_organisations(user).filter(archived_at__isnull=True)
    per_category: dict[int, int] = {}
    per_status: dict[str, int] = {}
    # One pass over the rows for both breakdowns.
    for category_id, status, n in (
        qs.values_list("category_id", "status").annotate(n=Count("id")).order_by()
    ):
        per_category[category_id] = per_category.get(category_id, 0) + n
        per_status[status] = per_status.get(status, 0) + n
    scope = region_scope(user) if user.is_authenticated else None
    regions = Region.objects.filter(pk__in=scope) if scope is not None else Region.objects.none()
    return {
        "total": sum(per_status.values()),
        "by_category": [
            {"code": c.code, "name": c.short_name, "count": per_category.get(c.pk, 0)}
            for c in category_list()
        ],
        "by_status": [
            {"code": code, "name": label, "count": per_status.get(code, 0)}
            for code, label in OrganisationStatus.choices
        ],
        "scope": list(regions.order_by("name").values_list("name", flat=True)),
    }


def contact_list(*, user, organisation: Organisation | None = None, q: str = "") -> QuerySet:
    """Contacts the user may see (archived ones aside), each word of `q` in a name, job title
    or e-mail."""
    qs = permissions.visible_contacts(user, Contact.objects.select_related("organisation"))
    qs = qs.filter(archived_at__isnull=True)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    for word in (q or "").split()[:8]:
        qs = qs.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
        )
    return guarded(qs.order_by("last_name", "first_name", "id"))


def contact_get(*, user, pk) -> Contact:
    return permissions.contact_for(user, pk)


def relationship_list(*, organisation: Organisation, user=None) -> QuerySet[Relationship]:
    """Relationships from and to `organisation`; with `user`, only those whose other end the
    user may see."""
    qs = Relationship.objects.filter(Q(source=organisation) | Q(target=organisation))
    if user is not None:
        source = permissions.organisation_scope(user, "source__")
        target = permissions.organisation_scope(user, "target__")
        if source is None or target is None:
            return qs.none()
        qs = qs.filter(source, target)
    return guarded(qs.select_related("source", "target").order_by("kind", "id"))


def history(*, obj, limit: int = 200):
    """The change history of a record, newest first, with who made each change."""
    return history_for(obj, limit=limit)

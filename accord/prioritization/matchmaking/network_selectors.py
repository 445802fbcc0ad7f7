"""Reads of the stored partnership network (as `refresh_network` last computed it): the
centrality list, the whole network for the graph view (capped to the most central partners),
and one partner's neighbourhood. Only the partners the user sees are shown."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from accord.accounts.selectors import region_list
from accord.prioritization.matchmaking import permissions
from accord.prioritization.matchmaking.models import NetworkEdge, NetworkPosition, NetworkRun
from accord.strategy.selectors import outcome_list

NODE_CAP = 300
NEIGHBOURS = 30
KIND_WORDS = {
    "relationship": ("relationship", "relationships"),
    "engagement": ("engagement together", "engagements together"),
    "session": ("governance session together", "governance sessions together"),
    "cofunding": ("co-funded opportunity", "co-funded opportunities"),
    "agreement": ("agreement together", "agreements together"),
}


@dataclass(frozen=True)
class NetworkFilters:
    category: str = ""  # partner category code
    region: str = ""  # region code
    outcome: str = ""  # outcome code


def describe_tie(kinds: dict) -> str:
    """{"engagement": 3, "relationship": 1} → "3 engagements together, 1 relationship"."""
    parts = []
    for kind, (one, many) in KIND_WORDS.items():
        n = kinds.get(kind, 0)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def region_exists(code: str) -> bool:
    return region_list().filter(code=code).exists()


def latest_run() -> NetworkRun | None:
    return NetworkRun.objects.first()


def centrality_list(*, user, filters: NetworkFilters | None = None) -> QuerySet[NetworkPosition]:
    """Positions of the partners the user sees, most central first (betweenness, then degree)."""
    f = filters or NetworkFilters()
    scope = permissions.partner_scope(user, "organisation__")
    if scope is None:
        return NetworkPosition.objects.none()
    qs = NetworkPosition.objects.filter(scope, organisation__archived_at=None)
    if f.category:
        qs = qs.filter(organisation__category__code=f.category)
    if f.region:
        qs = qs.filter(organisation__region__code=f.region)
    if f.outcome:
        qs = qs.filter(organisation__outcomes__in=outcome_list().filter(code=f.outcome))
    return qs.select_related(
        "organisation__category", "organisation__country", "organisation__region"
    ).order_by("-betweenness", "-degree", "organisation_id")


def node(position: NetworkPosition) -> dict:
    o = position.organisation
    return {
        "id": o.pk,
        "label": o.acronym or o.name,
        "name": o.name,
        "category": o.category.code,
        "category_name": o.category.short_name,
        "country": o.country.name if o.country_id else "",
        "community": position.community,
        "degree": position.degree,
        "betweenness": position.betweenness,
        "url": reverse("partners:detail", args=[o.pk]),
    }


def _edges_among(ids: list[int]) -> list[dict]:
    rows = NetworkEdge.objects.filter(source_id__in=ids, target_id__in=ids).order_by("id")
    return [
        {"source": s, "target": t, "weight": w, "label": describe_tie(k)}
        for s, t, w, k in rows.values_list("source_id", "target_id", "weight", "kinds")
    ]


def whole_network(*, user, filters: NetworkFilters | None = None, cap: int = NODE_CAP) -> dict:
    """The `cap` most central partners matching the filters and the ties among them: three
    queries whatever the size of the network."""
    qs = centrality_list(user=user, filters=filters)
    total = qs.count()
    positions = list(qs[:cap])
    return {
        "nodes": [node(p) for p in positions],
        "edges": _edges_among([p.organisation_id for p in positions]),
        "total": total,
        "shown": len(positions),
        "cap": cap,
    }


def neighbourhood(*, user, organisation, limit: int = NEIGHBOURS) -> dict:
    """The partner, its `limit` strongest ties to partners the user sees, and the ties among
    those partners (so the picture shows who else knows whom)."""
    ties = []
    for near, far in (("source", "target"), ("target", "source")):
        scope = permissions.partner_scope(user, f"{far}__")
        if scope is None:
            continue
        rows = (
            NetworkEdge.objects.filter(scope, **{near: organisation, f"{far}__archived_at": None})
            .order_by("-weight", f"{far}_id")
            .values_list(f"{far}_id", "weight", "kinds")
        )
        ties += list(rows[:limit])
    ties = sorted(ties, key=lambda t: (-t[1], t[0]))[:limit]
    ids = [organisation.pk, *(t[0] for t in ties)]
    positions = {
        p.organisation_id: p
        for p in NetworkPosition.objects.filter(organisation_id__in=ids).select_related(
            "organisation__category", "organisation__country"
        )
    }
    neighbours = [
        {**node(positions[pk]), "weight": weight, "tie": describe_tie(kinds)}
        for pk, weight, kinds in ties
        if pk in positions
    ]
    centre = node(positions[organisation.pk]) if organisation.pk in positions else None
    nodes = [centre, *neighbours] if centre else neighbours
    return {
        "centre": centre,
        "neighbours": neighbours,
        "nodes": nodes,
        "edges": _edges_among([n["id"] for n in nodes]),
    }


def positions_of(organisation_ids) -> dict[int, NetworkPosition]:
    """The stored positions of these partners (for other apps, e.g. a centrality criterion of
    the prioritisation scores); partners outside the network are absent."""
    rows = NetworkPosition.objects.filter(organisation_id__in=list(organisation_ids))
    return {p.organisation_id: p for p in rows}

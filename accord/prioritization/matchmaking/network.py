"""The partnership network: who is tied to whom, and how strongly.

Two partners are tied when the registry relates them, when they took part in the same
engagement (not cancelled) or governance session, co-fund an opportunity (its partner and its
co-funders), or are parties to the same agreement; the tie's weight counts those links. The
figures: degree (how many partners it is tied to), betweenness (how often it lies on the
shortest paths between others: the partners who connect otherwise separate groups; sampled,
with a fixed seed, on large networks) and communities (Louvain, fixed seed). Same data, same
figures."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from django.db.models import Count, F

from accord.agreements.models import AgreementParty
from accord.engagement.models import EngagementPartner, EngagementStatus, SessionParticipation
from accord.funding.models import Opportunity
from accord.partners.models import Organisation, Relationship

SEED = 42
EXACT_UP_TO = 2000  # nodes: exact betweenness below this, sampled above
# Sampled betweenness costs one breadth-first search of the whole graph per pivot: as many
# pivots as fit in a budget of visited nodes and ties, between these bounds (200 pivots on a
# network of 5,000 partners, 20 on one of 100,000 partners and a million ties).
SAMPLES = (20, 200)
VISIT_BUDGET = 10_000_000

Pair = tuple[int, int]


def _pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _add_pairs(ties: dict, kind: str, rows) -> None:
    for a, b, n in rows:
        if a != b:
            ties[_pair(a, b)][kind] += n


def tie_counts() -> dict[Pair, Counter]:
    """{(lower id, higher id): Counter({kind: links})} over the whole registry, archived
    partners left out. Pairs are counted in SQL (self-joins on the link tables' indexes)."""
    ties: dict[Pair, Counter] = defaultdict(Counter)
    rels = Relationship.objects.values_list("source_id", "target_id")
    _add_pairs(ties, "relationship", ((a, b, 1) for a, b in rels))
    together = [
        (
            "engagement",
            EngagementPartner.objects.exclude(status=EngagementStatus.CANCELLED).filter(
                engagement__partner_links__organisation_id__gt=F("organisation_id")
            ),
            "engagement__partner_links__organisation_id",
        ),
        (
            "session",
            SessionParticipation.objects.filter(
                session__participations__organisation_id__gt=F("organisation_id")
            ),
            "session__participations__organisation_id",
        ),
        (
            "agreement",
            AgreementParty.objects.filter(
                agreement__party_links__organisation_id__gt=F("organisation_id")
            ),
            "agreement__party_links__organisation_id",
        ),
    ]
    for kind, qs, other in together:
        rows = qs.values("organisation_id", other).annotate(n=Count("id")).order_by()
        _add_pairs(ties, kind, rows.values_list("organisation_id", other, "n"))
    _add_pairs(ties, "cofunding", _cofunding_pairs())
    archived = set(Organisation.objects.exclude(archived_at=None).values_list("id", flat=True))
    return {p: c for p, c in ties.items() if p[0] not in archived and p[1] not in archived}


def _cofunding_pairs():
    """Every two of an opportunity's partner and co-funders (co-funding is rare: few rows)."""
    through = Opportunity.co_funders.through.objects.values_list(
        "opportunity_id", "opportunity__organisation_id", "organisation_id"
    )
    groups: dict[int, set[int]] = defaultdict(set)
    for opportunity, lead, cofunder in through:
        groups[opportunity] |= {lead, cofunder}
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            yield a, b, 1


def build_graph(ties: dict[Pair, Counter]) -> nx.Graph:
    graph = nx.Graph()
    for (a, b), kinds in ties.items():
        graph.add_edge(a, b, weight=sum(kinds.values()), kinds=dict(kinds))
    return graph


@dataclass
class Figures:
    degree: dict[int, int]
    strength: dict[int, int]
    betweenness: dict[int, float]
    community: dict[int, int]
    communities: int
    samples: int | None  # None when betweenness is exact


def pivots(graph: nx.Graph) -> int:
    """How many pivots sampled betweenness uses on `graph` (see SAMPLES)."""
    size = graph.number_of_nodes() + graph.number_of_edges()
    low, high = SAMPLES
    return max(low, min(high, VISIT_BUDGET // max(size, 1)))


def compute(
    graph: nx.Graph,
    *,
    seed: int = SEED,
    exact_up_to: int = EXACT_UP_TO,
    samples: int | None = None,
) -> Figures:
    """Degree, strength, betweenness (exact on small networks; on large ones sampled over
    `samples` seeded pivots, by default as many as `pivots` allows) and Louvain communities
    (seeded), numbered 1, 2, … from the largest."""
    n = graph.number_of_nodes()
    k = None if n <= exact_up_to else min(samples or pivots(graph), n)
    betweenness = nx.betweenness_centrality(graph, k=k, seed=seed if k else None)
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed) if n else []
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    community = {node: i for i, members in enumerate(ordered, start=1) for node in members}
    return Figures(
        degree=dict(graph.degree()),
        strength=dict(graph.degree(weight="weight")),
        betweenness=betweenness,
        community=community,
        communities=len(ordered),
        samples=k,
    )

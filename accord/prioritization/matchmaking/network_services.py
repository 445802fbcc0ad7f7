"""Recomputing the partnership network and storing its figures, so pages read them with one
indexed query instead of rebuilding the graph. Run by `accord refresh_network` (and after the
prioritisation scores are recomputed)."""

import time

from django.db import transaction

from accord.prioritization.matchmaking import network
from accord.prioritization.matchmaking.models import NetworkEdge, NetworkPosition, NetworkRun

BATCH = 5000


@transaction.atomic
def refresh_network(
    *, seed: int = network.SEED, samples: int | None = None, exact_up_to: int | None = None
) -> NetworkRun:
    """Build the network from the registry as it is now, compute every partner's degree,
    betweenness and community, and replace the stored figures in one transaction (a page never
    sees half of them)."""
    started = time.perf_counter()
    graph = network.build_graph(network.tie_counts())
    figures = network.compute(
        graph,
        seed=seed,
        samples=samples,
        exact_up_to=network.EXACT_UP_TO if exact_up_to is None else exact_up_to,
    )
    NetworkEdge.objects.all().delete()
    NetworkPosition.objects.all().delete()
    NetworkEdge.objects.bulk_create(
        (
            NetworkEdge(source_id=a, target_id=b, weight=data["weight"], kinds=data["kinds"])
            for a, b, data in ((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True))
        ),
        batch_size=BATCH,
    )
    NetworkPosition.objects.bulk_create(
        (
            NetworkPosition(
                organisation_id=node,
                degree=figures.degree[node],
                strength=figures.strength[node],
                betweenness=round(figures.betweenness[node], 6),
                community=figures.community[node],
            )
            for node in graph.nodes
        ),
        batch_size=BATCH,
    )
    return NetworkRun.objects.create(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        communities=figures.communities,
        betweenness_samples=figures.samples,
        seconds=round(time.perf_counter() - started, 3),
    )

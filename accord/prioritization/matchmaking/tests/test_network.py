"""The partnership network: ties from every source, the figures on small known graphs, what
`refresh_network` stores, and the reads of the stored network."""

from collections import Counter
from itertools import combinations

import pytest

from accord.agreements.tests.factories import AgreementFactory
from accord.engagement import governance_services
from accord.engagement.tests.factories import BodySessionFactory, EngagementFactory
from accord.funding.tests.factories import OpportunityFactory
from accord.prioritization.matchmaking import network, network_selectors
from accord.prioritization.matchmaking.models import NetworkEdge, NetworkPosition
from accord.prioritization.matchmaking.network_selectors import NetworkFilters
from accord.prioritization.matchmaking.network_services import refresh_network
from accord.prioritization.matchmaking.tests.conftest import partner


def two_cliques_and_a_bridge() -> dict:
    """Nodes 1-5 all tied together, 11-15 all tied together, and node 99 tied to 1 and 11."""
    ties = {}
    for group in ((1, 2, 3, 4, 5), (11, 12, 13, 14, 15)):
        for a, b in combinations(group, 2):
            ties[(a, b)] = Counter(engagement=2)
    ties[(1, 99)] = Counter(relationship=1)
    ties[(11, 99)] = Counter(relationship=1)
    return ties


def test_the_bridge_between_two_groups_has_the_highest_betweenness():
    figures = network.compute(network.build_graph(two_cliques_and_a_bridge()))
    ranked = sorted(figures.betweenness, key=figures.betweenness.get, reverse=True)
    assert ranked[0] == 99
    assert set(ranked[1:3]) == {1, 11}  # the members who reach the bridge come next
    assert figures.betweenness[2] == 0
    assert figures.degree[99] == 2 and figures.degree[1] == 5
    assert figures.samples is None


def test_communities_split_the_two_cliques():
    figures = network.compute(network.build_graph(two_cliques_and_a_bridge()))
    first = {figures.community[n] for n in (1, 2, 3, 4, 5)}
    second = {figures.community[n] for n in (11, 12, 13, 14, 15)}
    assert len(first) == 1 and len(second) == 1 and first != second
    assert figures.communities == 2


def test_sampled_betweenness_is_reproducible_and_still_finds_the_bridge():
    graph = network.build_graph(two_cliques_and_a_bridge())
    one = network.compute(graph, exact_up_to=5, samples=8)
    two = network.compute(graph, exact_up_to=5, samples=8)
    assert one.samples == 8
    assert one.betweenness == two.betweenness and one.community == two.community
    assert max(one.betweenness, key=one.betweenness.get) == 99


@pytest.mark.django_db
def test_ties_come_from_relationships_engagements_sessions_cofunding_and_agreements(world):
    fund, bank, nairobi, youth = world["fund"], world["bank"], world["nairobi"], world["youth"]
    EngagementFactory(organisations=[fund, nairobi])
    EngagementFactory(organisations=[fund, nairobi, youth])
    EngagementFactory(organisations=[youth], status="cancelled")
    session = BodySessionFactory()
    for org in (bank, youth):
        governance_services.participation_add(actor=None, session=session, organisation=org)
    OpportunityFactory(organisation=bank, co_funders=[fund])
    AgreementFactory(parties=[bank, nairobi])
    ties = network.tie_counts()

    def tie(a, b):
        return dict(ties[network._pair(a.pk, b.pk)])

    assert tie(fund, nairobi) == {"engagement": 2}
    assert tie(nairobi, youth) == {"engagement": 1}
    assert tie(bank, youth) == {"session": 1}
    assert tie(bank, fund) == {"cofunding": 1}
    assert tie(bank, nairobi) == {"agreement": 1}
    assert tie(fund, world["hub"]) == {"relationship": 1}


@pytest.mark.django_db
def test_refresh_stores_positions_and_edges_and_replaces_the_last_ones(world):
    EngagementFactory(organisations=[world["fund"], world["nairobi"]])
    run = refresh_network()
    assert (run.nodes, run.edges) == (3, 3)  # hub-fund, hub-nairobi, fund-nairobi
    assert NetworkPosition.objects.get(organisation=world["hub"]).degree == 2
    low, high = sorted((world["fund"].pk, world["nairobi"].pk))
    edge = NetworkEdge.objects.get(source_id=low, target_id=high)
    assert edge.kinds == {"engagement": 1} and edge.weight == 1
    EngagementFactory(organisations=[world["bank"], world["youth"]])
    run = refresh_network()
    assert (run.nodes, run.edges) == (5, 4)
    assert NetworkPosition.objects.count() == 5


@pytest.mark.django_db
def test_an_archived_partner_drops_out_of_the_network(world):
    from accord.partners.services import organisation_archive

    organisation_archive(actor=None, organisation=world["hub"])
    run = refresh_network()
    assert run.nodes == 0


@pytest.mark.django_db
def test_the_neighbourhood_lists_ties_the_user_may_see(world, officer, regional):
    EngagementFactory(organisations=[world["fund"], world["nairobi"]])
    EngagementFactory(organisations=[world["recife"], world["nairobi"]])
    refresh_network()
    hood = network_selectors.neighbourhood(user=officer, organisation=world["nairobi"])
    assert hood["centre"]["id"] == world["nairobi"].pk
    assert {n["name"] for n in hood["neighbours"]} == {
        "Habitat Hub",
        "Shelter Foundation",
        "Prefeitura de Recife",
    }
    shelter = next(n for n in hood["neighbours"] if n["name"] == "Shelter Foundation")
    assert shelter["tie"] == "1 engagement together"
    assert {(e["source"], e["target"]) for e in hood["edges"]} >= {
        tuple(sorted((world["fund"].pk, world["hub"].pk)))
    }
    mine = network_selectors.neighbourhood(user=regional, organisation=world["nairobi"])
    assert {n["name"] for n in mine["neighbours"]} == {"Habitat Hub"}


@pytest.mark.django_db
def test_the_whole_network_is_capped_to_the_most_central_and_filtered(
    world, officer, django_assert_max_num_queries
):
    orgs = [partner(f"Ring City {n}", "local_authority", "KE") for n in range(8)]
    for a, b in zip(orgs, orgs[1:], strict=False):
        EngagementFactory(organisations=[a, b])
    refresh_network()
    with django_assert_max_num_queries(3):
        data = network_selectors.whole_network(user=officer, cap=4)
    assert data["total"] == 11 and data["shown"] == 4
    assert [n["betweenness"] for n in data["nodes"]] == sorted(
        (n["betweenness"] for n in data["nodes"]), reverse=True
    )
    shown = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in shown and e["target"] in shown for e in data["edges"])
    cities = network_selectors.whole_network(
        user=officer, filters=NetworkFilters(category="local_authority", outcome="")
    )
    assert cities["total"] == 9  # the ring and Nairobi
    housing = network_selectors.centrality_list(user=officer, filters=NetworkFilters(outcome="1.2"))
    assert {p.organisation for p in housing} == {world["nairobi"], world["fund"]}

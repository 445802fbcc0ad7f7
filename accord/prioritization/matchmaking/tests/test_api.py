"""The matchmaking and network endpoints: shapes, decisions, errors per the contract (JSON
{"detail", "errors"}, never a 500 for bad input), scope and query counts."""

import pytest

from accord.engagement.tests.factories import EngagementFactory
from accord.prioritization.matchmaking.models import MatchDecision
from accord.prioritization.matchmaking.network_services import refresh_network
from accord.prioritization.matchmaking.tests.conftest import partner

pytestmark = pytest.mark.django_db
BASE = "/api/v1"


def suggestions_url(org) -> str:
    return f"{BASE}/matches/partners/{org.pk}/suggestions"


def test_suggestions_come_with_reasons_and_shared_codes(api, world):
    body = api.get(suggestions_url(world["nairobi"])).json()
    assert body["partner"]["id"] == world["nairobi"].pk
    first = body["suggestions"][0]
    assert first["partner"]["name"] == "African Housing Bank"
    assert first["funder"]["category"] == "development_bank"
    assert first["implementer"]["id"] == world["nairobi"].pk
    assert first["shared_outcomes"] == ["1.2"] and first["shared_countries"] == ["KE"]
    assert "Both in Kenya" in first["reasons"] and first["known"] is False
    assert set(first["parts"]) == {"outcomes", "countries", "resources", "ties"}
    limited = api.get(suggestions_url(world["nairobi"]), {"limit": 1, "category": "foundation"})
    assert [s["partner"]["name"] for s in limited.json()["suggestions"]] == ["Shelter Foundation"]


def test_accept_and_dismiss_record_decisions(api, world):
    accepted = api.post(
        f"{BASE}/matches/accept",
        {"partner": world["fund"].pk, "other": world["nairobi"].pk, "note": "Go"},
        content_type="application/json",
    )
    assert accepted.status_code == 201, accepted.json()
    body = accepted.json()
    assert body["decision"] == "accepted" and body["engagement"] is not None
    assert body["funder"]["id"] == world["fund"].pk and body["reasons"]
    dismissed = api.post(
        f"{BASE}/matches/dismiss",
        {"partner": world["fund"].pk, "other": world["recife"].pk},
        content_type="application/json",
    )
    assert dismissed.status_code == 201 and dismissed.json()["engagement"] is None
    assert api.get(suggestions_url(world["fund"])).json()["suggestions"] == []


def test_bad_input_is_a_clear_4xx(api, world):
    unknown = api.get(suggestions_url(world["fund"]), {"outcome": "9.9", "country": "XX"})
    assert unknown.status_code == 400
    assert set(unknown.json()["errors"]) == {"outcome", "country"}
    unmatched = api.get(suggestions_url(world["fund"]), {"category": "un_entity"})
    assert "category" in unmatched.json()["errors"]
    assert api.get(suggestions_url(world["fund"]), {"limit": 0}).status_code == 422
    assert api.get(f"{BASE}/matches/partners/999999/suggestions").status_code == 404
    post = {"partner": world["fund"].pk, "other": world["bank"].pk}
    same_side = api.post(f"{BASE}/matches/accept", post, content_type="application/json")
    assert same_side.status_code == 400 and "other" in same_side.json()["errors"]
    missing = api.post(f"{BASE}/matches/accept", {"partner": 1}, content_type="application/json")
    assert missing.status_code == 422 and "other" in missing.json()["errors"]
    pair = {"partner": world["fund"].pk, "other": world["recife"].pk}
    api.post(f"{BASE}/matches/dismiss", pair, content_type="application/json")
    twice = api.post(f"{BASE}/matches/accept", pair, content_type="application/json")
    assert twice.status_code == 400 and "already dismissed" in twice.json()["errors"]["other"][0]
    assert MatchDecision.objects.count() == 1
    assert api.get(f"{BASE}/network/centrality", {"region": "MARS"}).status_code == 400


def test_neighbourhood_and_centrality(api, world, django_assert_max_num_queries):
    for n in range(15):
        EngagementFactory(
            organisations=[partner(f"City {n}", "local_authority", "KE"), world["bank"]]
        )
    refresh_network()
    hood = api.get(f"{BASE}/network/partners/{world['bank'].pk}").json()
    assert hood["centre"]["degree"] == 15 and len(hood["neighbours"]) == 15
    assert hood["neighbours"][0]["tie"] == "1 engagement together"
    with django_assert_max_num_queries(8):
        page = api.get(f"{BASE}/network/centrality", {"page_size": 5, "page": 2}).json()
    # the 15 cities, the bank, and Nairobi and the foundation with their hub
    assert page["count"] == 19 and len(page["results"]) == 5 and page["computed_at"]
    top = api.get(f"{BASE}/network/centrality", {"page_size": 1}).json()["results"][0]
    assert top["partner"]["id"] == world["bank"].pk and top["betweenness"] > 0
    cities = api.get(f"{BASE}/network/centrality", {"category": "local_authority"}).json()
    assert cities["count"] == 16  # the 15 cities and Nairobi


def test_suggestions_endpoint_query_count_does_not_grow(api, world, django_assert_max_num_queries):
    for n in range(20):
        partner(f"Kenyan City {n}", "local_authority", "KE", ["1.2"])
    with django_assert_max_num_queries(30):
        body = api.get(suggestions_url(world["bank"]), {"limit": 50}).json()
    assert len(body["suggestions"]) == 23

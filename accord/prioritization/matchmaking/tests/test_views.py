"""The matchmaking and network pages: what they show, the accept / dismiss flow with HTMX and
without, and their query counts."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accord.engagement.tests.factories import EngagementFactory
from accord.prioritization.matchmaking.models import Decision, MatchDecision
from accord.prioritization.matchmaking.network_services import refresh_network
from accord.prioritization.matchmaking.tests.conftest import partner

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def test_the_overview_lists_partners_with_their_suggestions_and_reasons(world, officer_client):
    response = officer_client.get(reverse("matchmaking:suggestions"), {"side": "funder"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Shelter Foundation" in page and "African Housing Bank" in page
    assert "They share a partner: Habitat Hub" in page
    assert "Nairobi City County (NCC)" in page
    assert "Kibera Youth Network" not in page.split('id="results"')[1].split("<h2")[0]


def test_the_overview_filters_partners_by_category_and_country(world, officer_client):
    url = reverse("matchmaking:suggestions")
    page = officer_client.get(url, {"category": "foundation"}).content.decode()
    assert "Shelter Foundation" in page and f'id="partner-{world["bank"].pk}"' not in page
    page = officer_client.get(url, {"country": "BR"}, **HX).content.decode()
    assert "<html" not in page  # the results fragment only
    assert f'id="partner-{world["recife"].pk}"' in page
    assert f'id="partner-{world["nairobi"].pk}"' not in page


def test_the_overview_runs_a_bounded_number_of_queries(
    world, officer_client, django_assert_max_num_queries
):
    for n in range(25):
        partner(f"Kenyan City {n}", "local_authority", "KE", ["1.2"], ["expertise"])
    with django_assert_max_num_queries(95):  # 10 partners a page, a fixed number each
        response = officer_client.get(reverse("matchmaking:suggestions"))
    assert response.status_code == 200


def test_a_partners_page_shows_its_suggestions_and_earlier_decisions(world, officer_client):
    url = reverse("matchmaking:partner", args=[world["fund"].pk])
    officer_client.post(
        reverse("matchmaking:decide"),
        {"partner": world["fund"].pk, "other": world["recife"].pk, "decision": "dismiss"},
    )
    page = officer_client.get(url).content.decode()
    assert "Suggested connections for Shelter Foundation" in page
    assert "Nairobi City County (NCC)" in page
    assert "Decided earlier" in page and "Dismissed" in page
    filtered = officer_client.get(url, {"country": "KE"}, **HX).content.decode()
    assert "Nairobi" in filtered


def test_accepting_with_htmx_confirms_first_then_logs_the_introduction(world, officer_client):
    pair = {"partner": world["fund"].pk, "other": world["nairobi"].pk, "decision": "accept"}
    confirm = officer_client.get(reverse("matchmaking:decide"), pair, **HX).content.decode()
    assert "will be logged today" in confirm and "<html" not in confirm
    assert not MatchDecision.objects.exists()
    done = officer_client.post(reverse("matchmaking:decide"), pair, **HX).content.decode()
    decision = MatchDecision.objects.get()
    assert decision.decision == Decision.ACCEPTED
    assert "Accepted" in done
    assert reverse("engagement:detail", args=[decision.engagement_id]) in done
    for org in (world["fund"], world["nairobi"]):
        tab = officer_client.get(reverse("engagement:partner_engagements", args=[org.pk]))
        assert "Introduction: Shelter Foundation and Nairobi City County" in tab.content.decode()
    again = officer_client.post(reverse("matchmaking:decide"), pair, **HX).content.decode()
    assert "already accepted" in again and MatchDecision.objects.count() == 1


def test_cancel_brings_the_suggestion_back(world, officer_client):
    card = officer_client.get(
        reverse("matchmaking:card"), {"partner": world["fund"].pk, "other": world["nairobi"].pk}
    ).content.decode()
    assert "Both work on outcome 1.2" in card and "Accept…" in card


def test_dismissing_without_javascript_goes_back_with_a_message(world, officer_client):
    back = reverse("matchmaking:partner", args=[world["fund"].pk])
    data = {"partner": world["fund"].pk, "other": world["recife"].pk, "decision": "dismiss"}
    response = officer_client.post(reverse("matchmaking:decide"), {**data, "next": back})
    assert response.status_code == 302 and response["Location"] == back
    outside = officer_client.post(
        reverse("matchmaking:decide"),
        {**data, "other": world["nairobi"].pk, "next": "https://evil.example/"},
    )
    assert outside["Location"] == back


def test_bad_decision_input_is_a_clear_400(world, officer_client):
    url = reverse("matchmaking:decide")
    assert officer_client.post(url, {"partner": "x", "decision": "accept"}).status_code == 400
    same_side = {"partner": world["fund"].pk, "other": world["bank"].pk, "decision": "accept"}
    response = officer_client.get(url, same_side)
    assert response.status_code == 400 and b"pairs a partner who funds" in response.content


def test_the_priority_tab_loads_the_panel_with_neighbourhood_and_suggestions(
    world, officer, officer_client, rf, django_assert_max_num_queries
):
    request = rf.get("/")
    request.user = officer
    include = render_to_string(
        "matchmaking/_partner_neighbourhood.html",
        {"organisation": world["nairobi"], "user": officer},
    )
    panel_url = reverse("matchmaking:partner_panel", args=[world["nairobi"].pk])
    assert f'hx-get="{panel_url}"' in include
    assert officer_client.get(panel_url).content.decode().count("not been computed yet") == 1
    EngagementFactory(organisations=[world["fund"], world["nairobi"]])
    refresh_network()
    with django_assert_max_num_queries(40):
        page = officer_client.get(panel_url).content.decode()
    assert "Tied to <strong>2</strong> partners" in page
    assert "<caption>Its 2 strongest ties</caption>" in page
    assert "1 engagement together" in page
    assert "matchmaking/network.js" in page and "data-network-url" in page
    assert "African Housing Bank" in page  # its best suggestion


def test_the_network_page_shows_the_table_and_the_graph_source(
    world, officer_client, django_assert_max_num_queries
):
    url = reverse("matchmaking:network")
    assert b"has not been computed yet" in officer_client.get(url).content
    for n in range(12):
        EngagementFactory(
            organisations=[partner(f"City {n}", "local_authority", "KE"), world["bank"]]
        )
    refresh_network()
    with django_assert_max_num_queries(12):
        page = officer_client.get(url, {"category": "local_authority"}).content.decode()
    assert "City 11" in page and "Betweenness" in page
    assert 'data-network-url="/matches/network/data/?category=local_authority"' in page
    data = officer_client.get(reverse("matchmaking:network_data"), {"region": "AFRICA"}).json()
    assert data["total"] == data["shown"] == 15  # 12 cities, the bank, Nairobi and the hub
    hood = officer_client.get(
        reverse("matchmaking:neighbourhood_data", args=[world["bank"].pk])
    ).json()
    assert hood["centre"]["degree"] == 12 and len(hood["neighbours"]) == 12

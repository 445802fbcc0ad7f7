"""A partnerships officer opens a foundation's suggested connections, reads why a city is
suggested, accepts the match after the confirmation, and finds the introduction on both
partners' timelines; then opens the partnership network and sees it drawn — in a real browser."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.engagement import services as engagement_services
from accord.partners import services
from accord.prioritization.matchmaking.models import MatchDecision
from accord.prioritization.matchmaking.network_services import refresh_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def officer_and_partners(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()

    def create(name, category, country, outcomes, resources=()):
        return services.organisation_create(
            actor=None,
            name=name,
            category=category,
            country=country,
            outcomes=outcomes,
            resources_offered=list(resources),
        )

    fund = create("Shelter Foundation", "foundation", "US", ["1.2"], ["financing"])
    city = create("Kisumu City County", "local_authority", "KE", ["1.2"], ["expertise"])
    other = create("Mombasa County", "local_authority", "KE", ["4.1"])
    engagement_services.engagement_create(
        actor=None,
        title="Coastal housing dialogue",
        kind="dialogue",
        start_date=date(2025, 3, 1),
        organisations=[city, other],
    )
    return officer, fund, city


def test_accept_a_match_and_find_the_introduction_on_both_timelines(
    live_server, page, screenshot, officer_and_partners
):
    officer, fund, city = officer_and_partners
    page.goto(f"{live_server.url}/matches/partners/{fund.pk}/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    card = page.locator("article.match", has_text="Kisumu City County")
    expect(card).to_contain_text("Both work on outcome 1.2")
    expect(card).to_contain_text("Shelter Foundation offers financing")
    card.get_by_role("link", name="Accept… connection with Kisumu City County").click()
    confirm = page.locator("article.match.confirm")
    expect(confirm).to_contain_text("will be logged today")
    confirm.get_by_label("Note (optional)").fill("Introduce at the housing forum")
    screenshot("matchmaking-confirm")
    confirm.get_by_role("button", name="Accept and log the introduction").click()
    expect(page.locator("article.match.decided")).to_contain_text("Accepted")
    assert MatchDecision.objects.get().engagement_id is not None

    title = "Introduction: Shelter Foundation and Kisumu City County"
    for org in (fund, city):
        page.goto(f"{live_server.url}/partners/{org.pk}/?tab=engagements")
        expect(page.get_by_text(title).first).to_be_visible()
    page.goto(f"{live_server.url}/matches/partners/{fund.pk}/")
    expect(page.locator("article.match", has_text="Kisumu City County")).to_have_count(0)
    expect(page.get_by_text("Decided earlier")).to_be_visible()


def test_open_the_network_view(live_server, page, screenshot, officer_and_partners):
    officer, fund, city = officer_and_partners
    refresh_network()
    page.goto(f"{live_server.url}/matches/network/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Partnership network")).to_be_visible()
    graph = page.locator(".network-graph")
    expect(graph).to_have_attribute("data-drawn-nodes", "2")
    expect(graph.locator("canvas").first).to_be_attached()
    expect(page.locator(".network-status")).to_contain_text("2 partners, 1 tie.")
    expect(page.get_by_role("row", name="Kisumu City County")).to_be_visible()
    screenshot("matchmaking-network")

    # The partner's neighbourhood on its Priority tab, loaded by HTMX and drawn there too.
    page.goto(f"{live_server.url}/partners/{city.pk}/?tab=priority")
    panel = page.locator("#matchmaking-panel")
    expect(panel.get_by_role("heading", name="Network and suggested connections")).to_be_visible()
    expect(panel.locator(".network-graph")).to_have_attribute("data-drawn-nodes", "2")
    expect(panel.get_by_role("row", name="Mombasa County")).to_contain_text("1 engagement together")
    expect(panel.locator("article.match", has_text="Shelter Foundation")).to_be_visible()

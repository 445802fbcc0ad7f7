"""A partnerships officer logs an engagement from a partner's page, in a real browser, and sees
it in the partner's timeline and in the engagement log."""

import re

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.engagement.models import Engagement
from accord.partners import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def officer_and_partner(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    partner = services.organisation_create(
        actor=None,
        name="Nairobi City County",
        acronym="NCC",
        category="local_authority",
        country="KE",
    )
    services.contact_create(
        actor=None, organisation=partner, first_name="Grace", last_name="Wanjiru"
    )
    return officer, partner


def test_officer_logs_an_engagement_from_the_partner_page_and_sees_it_in_the_timeline(
    live_server, page, screenshot, officer_and_partner
):
    officer, partner = officer_and_partner
    page.goto(f"{live_server.url}/partners/{partner.pk}/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name=re.compile("Nairobi City County"))).to_be_visible()

    page.get_by_role("link", name="Engagements", exact=True).last.click()
    timeline = page.locator("#partner-engagements")
    expect(timeline).to_contain_text("No engagement with this partner is recorded yet.")

    # A couple of clicks: open the form, give it a title, tick a line and a contact, log it.
    page.get_by_text("Log an engagement").click()
    page.get_by_label("Kind").select_option(label="High-level or policy dialogue")
    page.get_by_label("Title").fill("Localising the SDGs with the County Assembly")
    page.get_by_role("checkbox", name=re.compile(r"^2\.1 ")).check()
    page.get_by_label("Grace Wanjiru").check()
    page.get_by_role("button", name="Log engagement").click()

    expect(timeline).to_contain_text("Localising the SDGs with the County Assembly")
    expect(timeline).to_contain_text("logged")
    expect(timeline).to_contain_text("1 engagement recorded")
    screenshot("partner-engagement-timeline")
    engagement = Engagement.objects.get()
    assert list(engagement.organisations.all()) == [partner]
    assert [c.full_name for c in engagement.contacts.all()] == ["Grace Wanjiru"]
    assert engagement.created_by == officer and engagement.status == "held"

    page.get_by_role("link", name="Engagements", exact=True).first.click()
    expect(page.get_by_role("heading", name="Engagements", exact=True)).to_be_visible()
    expect(page.locator("#results")).to_contain_text("Localising the SDGs")
    expect(page.locator("#results")).to_contain_text("2.1")

    # The strategy scorecard counts it on line 2.1, and its cell opens the engagement behind it.
    page.get_by_role("link", name="Scorecard", exact=True).click()
    expect(page.get_by_role("heading", name="Strategy scorecard")).to_be_visible()
    heatmap = page.locator("#heatmap")
    expect(heatmap).to_contain_text("Line 2.1: 1 engagement with 1 partner")
    screenshot("strategy-scorecard")
    heatmap.get_by_role("link", name=re.compile(r"Line 2\.1: 1 engagement")).click()
    expect(page.locator("#results")).to_contain_text("Localising the SDGs with the County Assembly")


def test_a_logging_mistake_is_explained_in_the_form_on_the_partner_page(
    live_server, page, officer_and_partner
):
    officer, partner = officer_and_partner
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/partners/{partner.pk}/?tab=engagements")
    page.get_by_text("Log an engagement").click()
    page.get_by_role("button", name="Log engagement").click()
    expect(page.locator("#partner-engagements")).to_contain_text("This field is required")
    assert not Engagement.objects.exists()

"""A partnerships officer's first minutes with Accord, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.partners import services
from accord.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def officer_with_partners(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    for name, category, country in [
        ("Fondation Habitat Durable", "foundation", "FR"),
        ("Nairobi City County", "local_authority", "KE"),
        ("Banco de Desarrollo Urbano", "development_bank", "CO"),
    ]:
        services.organisation_create(actor=None, name=name, category=category, country=country)
    return officer


def test_officer_logs_in_filters_creates_a_partner_and_sees_its_history(
    live_server, page, screenshot, officer_with_partners
):
    page.goto(f"{live_server.url}/partners/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("Username").fill(officer_with_partners.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Partners", exact=True)).to_be_visible()

    # Live filtering: choosing a category swaps the results without a page load.
    page.locator("#id_category").select_option(label="Foundations")
    results = page.locator("#results")
    expect(results).to_contain_text("Fondation Habitat Durable")
    expect(results).not_to_contain_text("Nairobi City County")
    expect(page).to_have_url(re.compile(r"category=foundation"))
    page.get_by_role("searchbox", name="Search").fill("nairobi")
    expect(results).to_contain_text("0 partners")
    screenshot("partner-list-filtered")

    page.get_by_role("link", name="Add a partner").first.click()
    page.locator("#id_name").fill("Kampala Capital City Authority")
    page.locator("#id_acronym").fill("KCCA")
    page.locator("#id_category").select_option(label="Local authorities")
    page.locator("#id_country").select_option(label="Uganda")
    page.get_by_role("button", name="Add partner").click()
    heading = page.get_by_role("heading", name=re.compile("Kampala Capital City Authority"))
    expect(heading).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("created")

    page.get_by_role("link", name="History").click()
    history = page.locator("main")
    expect(history).to_contain_text("created")
    expect(history).to_contain_text(str(officer_with_partners))
    screenshot("partner-history")
    assert Organisation.objects.get(acronym="KCCA").region.code == "AFRICA"


def test_bad_input_on_the_create_form_is_explained_next_to_the_field(
    live_server, page, officer_with_partners
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(officer_with_partners.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/partners/new/")
    page.locator("#id_website").fill("not a web address")
    page.get_by_role("button", name="Add partner").click()
    expect(page.locator("main")).to_contain_text("This field is required")
    expect(page.locator("main")).to_contain_text("Enter a valid URL")
    assert Organisation.objects.count() == 3

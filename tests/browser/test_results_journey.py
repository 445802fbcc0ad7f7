"""A programme manager enters a value of an indicator, submits it; a partnerships officer
approves it from the approval queue (in place, HTMX) and sees the indicator on track in the
catalogue, with its chart and table — in a real browser."""

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.results.catalogue_data import load_catalogue
from accord.results.models import Indicator
from accord.results.tests.factories import target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def people(make_user):
    load_catalogue(
        apps.get_model("results", "Indicator"),
        apps.get_model("strategy", "PartnershipStrategy"),
        apps.get_model("strategy", "Outcome"),
    )
    target(Indicator.objects.get(code="RF-04"), str(timezone.localdate().year), "10")
    users = {}
    for role in (Role.PROGRAMME, Role.OFFICER):
        user = make_user(role)
        user.set_password(PASSWORD)
        user.save()
        users[role] = user
    return users


def log_in(page, url, user):
    page.goto(url)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_enter_submit_approve_and_see_the_status(live_server, page, screenshot, people):
    year = str(timezone.localdate().year)
    log_in(page, f"{live_server.url}/results/indicators/RF-04/", people[Role.PROGRAMME])
    page.get_by_role("link", name="Enter a value").click()
    page.get_by_label("Period").fill(year)
    page.get_by_label("Value").fill("twelve")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("“twelve” is not a number.")
    page.get_by_label("Value").fill("12")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".lead .badge")).to_have_text("Status: Submitted")
    page.get_by_role("button", name="Log out").click()

    log_in(page, f"{live_server.url}/results/approvals/", people[Role.OFFICER])
    row = page.locator("tbody tr", has_text="RF-04")
    row.get_by_role("button", name="Approve").click()
    expect(row.locator(".badge")).to_have_text("Approved")
    screenshot("results-queue")

    page.goto(f"{live_server.url}/results/?period={year}")
    expect(page.locator("tbody tr", has_text="RF-04")).to_contain_text("On track")
    page.get_by_role("link", name="High-impact stories disseminated to partners").click()
    expect(page.locator("svg.results-chart")).to_be_visible()
    table = page.get_by_role("table", name="Approved values and targets by period")
    expect(table).to_contain_text("12")
    screenshot("results-indicator")

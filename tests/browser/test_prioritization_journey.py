"""A newcomer opens the ranking of private-sector partners, reads why the first ranks first,
changes a weight in the what-if panel and sees the order change — in a real browser."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.engagement import services as engagement_services
from accord.partners import services
from accord.prioritization import scoring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def ranked(make_user):
    """Two private-sector partners: Acme Water serves three priority outcomes and offers
    financing; Beta Build serves none but was engaged five times this year."""
    default_model = importlib.import_module("accord.prioritization.migrations.0002_default_model")
    default_model.add_default_model(apps, None)  # the transactional test emptied the tables
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    acme = services.organisation_create(
        actor=None,
        name="Acme Water",
        category="private_sector",
        country="KE",
        outcomes=["1.1", "1.2", "2.1"],
        resources_offered=["financing"],
    )
    beta = services.organisation_create(
        actor=None, name="Beta Build", category="private_sector", country="BR"
    )
    today = timezone.localdate()
    for n in range(5):
        engagement_services.engagement_create(
            actor=None,
            title=f"Site visit {n}",
            kind="meeting",
            start_date=today - timedelta(days=10 + 20 * n),
            organisations=[beta],
        )
    scoring.score_partners()
    return officer, acme, beta


def first_ranked(page):
    return page.locator("ol.ranking > li").first


def test_ranking_why_and_what_if(live_server, page, screenshot, ranked):
    officer, acme, beta = ranked
    page.goto(f"{live_server.url}/priorities/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # The ranking of private-sector partners.
    page.get_by_label("Partner category").select_option(label="Private sector")
    expect(page).to_have_url(re.compile(r"/priorities/\?category=private_sector"))
    expect(first_ranked(page)).to_contain_text("Acme Water")
    expect(page.locator("ol.ranking > li").nth(1)).to_contain_text("Beta Build")

    # Why the first ranks first: its breakdown, in words and as a bar with a text alternative.
    first_ranked(page).locator("summary").click()
    expect(first_ranked(page)).to_contain_text("Moderate alignment: 3 of the 12 priority outcomes")
    expect(first_ranked(page).get_by_role("img").first).to_have_attribute(
        "aria-label", re.compile(r"^Score [\d.]+ of 100: strategic alignment [\d.]+, resource")
    )
    screenshot("prioritization-ranking")

    # What if relationships counted for everything? Beta Build moves up to first.
    panel = page.get_by_role("complementary", name="What if?")
    panel.get_by_label("Strategic alignment").fill("0")
    panel.get_by_label("Resource potential").fill("0")
    panel.get_by_label("Reach and influence").fill("0")
    panel.get_by_label("Relationship strength").fill("100")
    panel.get_by_role("button", name="Re-rank").click()
    first_row = panel.locator("tbody tr").first
    expect(first_row).to_contain_text("Beta Build")
    expect(first_row).to_contain_text("up 1 (was 2)")
    expect(panel.locator("tbody tr").nth(1)).to_contain_text("down 1 (was 1)")
    screenshot("prioritization-what-if")

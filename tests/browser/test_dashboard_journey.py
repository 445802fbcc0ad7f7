"""Management opens the dashboard from the home page, sees the world map drawn offline (a
country shaded by its partners), changes the region filter, downloads a chart's figures and
follows a chart to the records behind it — in a real browser."""

import csv

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.partners import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def manager(make_user):
    user = make_user(Role.MANAGEMENT)
    user.set_password(PASSWORD)
    user.save()
    for name, category, country in (
        ("Nairobi City County", "local_authority", "KE"),
        ("Mombasa County", "local_authority", "KE"),
        ("Prefeitura de Recife", "local_authority", "BR"),
        ("Ford Foundation", "foundation", "US"),
    ):
        services.organisation_create(actor=None, name=name, category=category, country=country)
    return user


def test_dashboard_map_filters_download_and_records(live_server, page, screenshot, manager):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Management dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()

    # The map is drawn from the vendored geometry: Kenya is shaded and links to its partners.
    kenya = page.locator('.world-map path[data-code="KE"]')
    expect(kenya).to_have_count(1)
    expect(kenya).to_have_attribute("class", "c5")
    fill = kenya.evaluate("el => getComputedStyle(el).fill")
    assert fill not in ("", "none", "rgb(221, 227, 233)")  # not the colour of empty land
    assert page.locator(".world-map path.land").count() > 100
    screenshot("dashboard")

    # A chart's figures download as CSV.
    with page.expect_download() as download:
        page.locator('a[href*="/reports/data/partners_category.csv"]').click()
    with open(download.value.path(), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    counts = {row[1]: row[2] for row in rows[1:]}
    assert counts["local_authority"] == "3"

    # The region filter redraws the figures (HTMX) and the map with them.
    page.get_by_label("Region", exact=True).select_option("LAC")
    expect(page.locator(".world-map path[data-code='KE']")).to_have_count(0)
    expect(page.locator(".world-map path[data-code='BR']")).to_have_count(1)
    page.get_by_label("Region", exact=True).select_option("")
    expect(page.locator(".world-map path[data-code='KE']")).to_have_count(1)

    # Following a bar of the category chart opens the partners behind it.
    page.locator('svg[data-chart="partners_category"] a[href*="category=local_authority"]').click()
    expect(page).to_have_url(f"{live_server.url}/partners/?category=local_authority")
    expect(page.get_by_role("link", name="Nairobi City County")).to_be_visible()
    expect(page.get_by_role("link", name="Ford Foundation")).to_have_count(0)

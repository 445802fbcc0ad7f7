"""Management opens the dashboard, then the Executive Board report, chooses a period, reads
the report for it and downloads its PDF — in a real browser."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.engagement import services as engagement_services
from accord.partners import services as partner_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def director(make_user):
    user = make_user(Role.MANAGEMENT)
    user.set_password(PASSWORD)
    user.save()
    partner = partner_services.organisation_create(
        actor=None, name="Ministry of Housing of Kenya", category="government", country="KE"
    )
    engagement_services.engagement_create(
        actor=None,
        title="Housing policy dialogue",
        kind="dialogue",
        start_date=date(2025, 4, 2),
        organisations=[partner],
        strategies=["1.1"],
    )
    return user


def test_choose_a_period_read_the_report_and_download_the_pdf(
    live_server, page, screenshot, director
):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Username").fill(director.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # From the management dashboard to the report.
    page.get_by_role("link", name="Management dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    page.get_by_role("link", name="Executive Board report").click()
    expect(page.get_by_role("heading", name="Executive Board report", level=1)).to_be_visible()

    page.locator("#id_date_from").fill("2025-01-01")
    page.locator("#id_date_to").fill("2025-12-31")
    page.get_by_role("button", name="Show the report").click()
    report = page.locator("#report")
    expect(report.get_by_text("1 January 2025 – 31 December 2025").first).to_be_visible()
    expect(report.get_by_role("heading", name="Partner categories")).to_be_visible()
    line = report.locator("tr", has_text="1.1").first
    expect(line).to_contain_text("1")
    expect(page).to_have_url(
        f"{live_server.url}/reports/board/?date_from=2025-01-01&date_to=2025-12-31"
    )
    screenshot("board-report")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == "executive-board-report-2025-01-01-2025-12-31.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

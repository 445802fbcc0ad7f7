"""A newcomer imports the demo spreadsheet through the wizard, in a real browser: upload, check
the columns, preview every row's outcome, import, read the report, roll it back."""

import re

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.partners import services
from accord.partners.demo_export import export_sample
from accord.partners.models import ImportBatch, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def officer(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    # A few of the organisations the demo data set registers, which the sample repeats.
    for name, acronym, country, aliases in [
        ("World Bank Group", "WBG", "US", []),
        ("World Bank", "IBRD/IDA", "US", ["Banco Mundial", "The World Bank"]),
        ("Asian Development Bank", "ADB", "PH", []),
    ]:
        services.organisation_create(
            actor=None,
            name=name,
            acronym=acronym,
            aliases=aliases,
            category="development_bank",
            country=country,
        )
    return officer


def test_newcomer_imports_the_demo_spreadsheet_and_rolls_it_back(
    live_server, page, screenshot, officer, tmp_path
):
    sample = tmp_path / "partners.xlsx"
    export_sample(sample)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/partners/")
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Imports")).to_be_visible()
    page.get_by_role("link", name="Import a spreadsheet").first.click()

    # Step 1: upload.
    page.get_by_label("Spreadsheet").set_input_files(str(sample))
    page.get_by_role("button", name="Upload and choose the columns").click()

    # Step 2: the columns were guessed from their names; "Notes" is ignored.
    expect(page.get_by_role("heading", name="Which column is which?")).to_be_visible()
    expect(page.get_by_label("Organisation name")).to_have_value("name")
    expect(page.get_by_label("País")).to_have_value("country")
    expect(page.get_by_label("Notes")).to_have_value("")
    page.get_by_label("Save this mapping as").fill("Regional office sheet")
    screenshot("import-mapping")
    page.get_by_role("button", name="Preview the import").click()

    # Step 3: every row's outcome, nothing written yet.
    expect(page.get_by_text("nothing has been written yet")).to_be_visible()
    rows = page.locator("#rows")
    expect(rows).to_contain_text("matches “World Bank Group”")
    expect(rows).to_contain_text("“Banco Mundial” is another name of it")
    page.get_by_role("link", name="Invalid", exact=True).click()  # HTMX swaps the rows
    expect(page).to_have_url(re.compile(r"outcome=invalid"))
    expect(rows).to_contain_text("Column “País”: Unknown country 'Atlantis'")
    expect(rows).to_contain_text("Column “Organisation name”: Enter the organisation's name.")
    expect(rows.locator("tbody tr")).to_have_count(5)
    screenshot("import-preview")
    assert Organisation.objects.count() == 3

    # Step 4: import, and read the stored report.
    page.get_by_role("button", name=re.compile(r"Import 49 rows")).click()
    expect(
        page.get_by_role("heading", name=re.compile(r"Import #\d+: partners.xlsx"))
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("rejected")
    batch = ImportBatch.objects.get()
    assert batch.counts["invalid"] == 5 and batch.counts["created"] > 30
    assert Organisation.objects.filter(name="Slum Dwellers International").exists()
    screenshot("import-report")

    # And undo it as a whole.
    page.get_by_role("link", name="Roll back this import").click()
    page.get_by_role("button", name="Roll back this import").click()
    expect(page.get_by_role("status")).to_contain_text("rolled back")
    assert Organisation.objects.count() == 3

"""A partner named like a listed entity is flagged by screening as soon as it is registered;
an officer sees the block on the partner's page, reviews the hit, records a decision, and the
block is kept until a due-diligence review prepared by one officer is approved by another —
in a real browser, against the real UN Security Council list."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.diligence.loading import load_list
from accord.diligence.models import HitStatus, SanctionsList, ScreeningHit
from accord.partners import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"
LIST = Path(__file__).resolve().parents[2] / (
    "accord/diligence/data/un-sc-consolidated-list-2025-11-20.xml"
)


@pytest.fixture
def officers(make_user):
    people = []
    for _ in range(2):
        officer = make_user(Role.OFFICER)
        officer.set_password(PASSWORD)
        officer.save()
        people.append(officer)
    return people


@pytest.fixture
def flagged_partner():
    load_list(
        actor=None, sanctions_list=SanctionsList.objects.get(code="un_sc"),
        file_name=LIST.name, data=LIST.read_bytes(),
    )
    # Registered after the list is loaded: screened when its registration commits.
    partner = services.organisation_create(
        actor=None, name="Sanam Industrial Groupe", category="private_sector", country="IR"
    )
    return partner, ScreeningHit.objects.get(organisation=partner)


def log_in(page, live_server, user, path):
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_flagged_partner_is_reviewed_decided_and_cleared_by_four_eyes(
    live_server, page, screenshot, officers, flagged_partner
):
    preparer, decider = officers
    partner, hit = flagged_partner
    partner_tab = f"/partners/{partner.pk}/?tab=diligence"
    log_in(page, live_server, preparer, partner_tab)
    expect(page.get_by_text("Blocked:", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("possible match with IRe.063 SANAM INDUSTRIAL GROUP"))
           ).to_be_visible()
    expect(page.get_by_text("Due diligence: no valid approved review.")).to_be_visible()
    screenshot("diligence-partner-blocked")

    # The hit, side by side with the listed entity; a decision with its reason.
    page.goto(f"{live_server.url}/diligence/hits/")
    card = page.locator("article.hit-card", has_text="Sanam Industrial Groupe").first
    expect(card).to_contain_text("IRe.063")
    card.get_by_role("radio", name=re.compile("False positive")).check()
    card.get_by_role("textbox", name=re.compile("Reason")).fill(
        "A different company: registered in 2019 in Tehran, not linked to the listed one."
    )
    card.get_by_role("button", name=re.compile("Record decision")).click()
    expect(page.locator(f"#hit-{hit.pk}")).to_contain_text("Decided by")

    # Still blocked: a private-sector partner needs an approved review.
    page.goto(f"{live_server.url}{partner_tab}")
    expect(page.get_by_text("Due diligence: no valid approved review.")).to_be_visible()
    expect(page.get_by_text(re.compile("possible match with IRe.063"))).to_have_count(0)
    page.get_by_role("link", name="New review").click()
    for criterion in ("weapons and armaments", "tobacco", "human-rights violations",
                      "labour rights", "environmental violations", "corruption and fraud"):
        page.get_by_role("group", name=re.compile(criterion, re.I)).get_by_label("Clear").check()
    page.get_by_label("UN Global Compact").select_option("participant")
    page.get_by_label("Risk rating").select_option("low")
    page.get_by_label("Evidence").fill("Company register extract; annual report 2025.")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Submit for decision").click()
    expect(page.get_by_text("Awaiting decision").first).to_be_visible()
    review_url = page.url

    # The preparer may not decide: another officer does.
    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server, decider, review_url.removeprefix(live_server.url))
    page.get_by_role("button", name=re.compile("^Approve → ")).click()
    expect(page.get_by_text("Approved").first).to_be_visible()
    page.goto(f"{live_server.url}{partner_tab}")
    expect(page.get_by_text("Blocked:", exact=True)).to_have_count(0)
    screenshot("diligence-partner-cleared")
    # (The database is read only now: SQLite's shared in-memory test database locks a table
    # while the server thread writes it.)
    hit.refresh_from_db()
    assert hit.status == HitStatus.FALSE_POSITIVE and "different company" in hit.reason
    assert hit.decided_by == preparer

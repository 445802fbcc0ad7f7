"""From a partner's page, a partnerships officer opens an opportunity, moves it through the
stages, records the pledge and a payment in another currency, prepares and signs an agreement
from it with an obligation, and sees the funding gap of the programme change — in a real
browser."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.agreements.models import Agreement, AgreementStatus, Obligation
from accord.funding.models import Contribution, ExchangeRate, FundingTarget, Pledge
from accord.partners import services
from accord.strategy.models import FlagshipProgramme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def officer_and_partner(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    # A government partner: no due-diligence review is required of it by default (the
    # private sector's and foundations' are; tests/browser/test_diligence_journey.py).
    partner = services.organisation_create(
        actor=None,
        name="Swedish International Development Cooperation Agency",
        acronym="Sida",
        category="government",
        country="SE",
    )
    month = timezone.localdate().replace(day=1)
    for currency, rate in (("EUR", "0.92"), ("SEK", "10.50")):
        ExchangeRate.objects.create(
            currency=currency, month=month, rate=Decimal(rate), source="UN operational rates"
        )
    flagship = FlagshipProgramme.objects.order_by("code").first()
    FundingTarget.objects.create(
        year=timezone.localdate().year, flagship=flagship, amount_usd=Decimal("1000000")
    )
    return officer, partner, flagship


def gap_row(page, flagship):
    return page.locator("tbody tr", has_text=flagship.name)


def test_from_opportunity_to_pledge_payment_agreement_and_funding_gap(
    live_server, page, screenshot, officer_and_partner
):
    officer, partner, flagship = officer_and_partner
    today = timezone.localdate()
    page.goto(f"{live_server.url}/funding/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # The programme's gap before: the whole target.
    expect(gap_row(page, flagship)).to_contain_text("1,000,000.00")

    # An opportunity, from the partner's Funding tab.
    page.goto(f"{live_server.url}/partners/{partner.pk}/?tab=funding")
    page.get_by_role("link", name="New opportunity").first.click()
    page.get_by_label("Title").fill("Green housing finance for secondary cities")
    page.get_by_label("Expected amount").fill("460000")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("Expected decision date").fill((today + timedelta(days=20)).isoformat())
    page.get_by_label("Flagship programme", exact=True).select_option(value=str(flagship.pk))
    page.get_by_role("button", name="Record opportunity").click()
    expect(page.get_by_text("EUR 460,000.00 = USD 500,000.00")).to_be_visible()

    # Through the stages to won.
    for button, stage in [
        ("Advance to Cultivating", "Cultivating"),
        ("Advance to Proposal", "Proposal"),
        ("Advance to Negotiation", "Negotiation"),
        ("Mark Won", "Won"),
    ]:
        page.get_by_role("button", name=button).click()
        expect(page.get_by_role("heading", name=f"Stage: {stage}")).to_be_visible()
    screenshot("funding-opportunity-won")

    # The pledge, in two instalments.
    page.get_by_role("link", name="Record the pledge").click()
    page.get_by_label("Split into").fill("2")
    page.get_by_label("First due on").fill(today.isoformat())
    page.get_by_label("Months apart").fill("12")  # the second falls due next year
    page.get_by_role("button", name="Split the amount into equal instalments").click()
    expect(page.get_by_label("Instalment 2 amount")).to_have_value("230000.00")
    page.get_by_role("button", name="Record pledge").click()
    expect(page.get_by_text(re.compile("Pledge “Green housing.*” recorded"))).to_be_visible()

    # The first payment arrives in Swedish kronor (USD 240,000 at 10.50 SEK per USD).
    page.get_by_label(re.compile(r"^Amount")).fill("2520000")
    page.get_by_label("Currency").select_option("SEK")
    page.get_by_role("button", name="Record contribution").click()
    expect(page.get_by_text("Partly paid").first).to_be_visible()
    pledge = Pledge.objects.get()
    contribution = Contribution.objects.get()
    assert contribution.amount_usd == Decimal("240000.00")
    assert contribution.pledge_amount == Decimal("220800.00")  # in EUR, through USD
    assert pledge.payment_status == "partial"
    screenshot("funding-pledge-paid-in-part")

    # The agreement, prepared from the won opportunity, signed, with an obligation.
    page.goto(f"{live_server.url}/funding/opportunities/{pledge.opportunity_id}/")
    page.get_by_role("link", name="Prepare an agreement").click()
    page.get_by_label("Type").select_option(label="Contribution agreement")
    page.get_by_label("Start date").fill((today + timedelta(days=10)).isoformat())
    page.get_by_label("End date").fill((today + timedelta(days=740)).isoformat())
    page.get_by_role("button", name="Record agreement").click()
    page.get_by_role("button", name=re.compile("Submit for review")).click()
    page.get_by_label("Signed on").fill(today.isoformat())
    page.get_by_role("button", name=re.compile("Record signature")).click()
    expect(page.get_by_role("heading", name="Status: Signed")).to_be_visible()
    page.get_by_role("link", name="Add an obligation").click()
    page.get_by_label("Kind").select_option(label="Narrative report")
    page.get_by_label("Title").fill("First annual narrative report")
    page.get_by_label("Due date").fill((today + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Add obligation").click()
    expect(page.get_by_role("rowheader", name="First annual narrative report")).to_be_visible()
    agreement = Agreement.objects.get()
    assert agreement.status == AgreementStatus.SIGNED and agreement.opportunity_id
    assert Obligation.objects.filter(agreement=agreement).count() == 1
    screenshot("funding-agreement-signed")

    # The programme's gap this year: 1,000,000 target - 240,000 received - 10,000 still due on
    # the first instalment (EUR 9,200 at 0.92); the second falls due next year.
    page.goto(f"{live_server.url}/funding/?year={today.year}&by=flagship")
    row = gap_row(page, flagship)
    expect(row).to_contain_text(re.compile(r"240,000\.00\s+10,000\.00\s+0\.00\s+750,000\.00"))
    screenshot("funding-gap-after")

"""Hand-built, demo-like data for the IATI tests (and reused by the board and profile report
tests), created through each app's services as real use would create it. No tests here.

Two agreements in force: a contribution agreement in euros with Germany's development ministry
(a donor with an IATI identifier), the Kenyan government as host and a national NGO as
implementer (both without identifier), backed by a pledge paid by two contributions in two
currencies; and an MoU with the NGO with no value and no money at all. A joint programme is a
won opportunity in US dollars with a development bank as co-funder, with its pledge and one
contribution. A draft agreement and a signed one in Latin America complete the set."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accord.agreements.models import Agreement
from accord.agreements.tests.factories import AgreementFactory, agreement_type, move
from accord.funding import pipeline_services
from accord.funding.models import Contribution, Opportunity, Pledge
from accord.funding.tests.factories import OpportunityFactory, rate
from accord.funding.tests.factories import move as move_opportunity
from accord.funding.tests.money_factories import ContributionFactory, PledgeFactory
from accord.partners.models import Organisation
from accord.partners.tests.factories import OrganisationFactory, country

PLEDGE_DAY = date(2025, 3, 15)
SIGNED_ON = date(2025, 3, 20)


@dataclass
class World:
    donor: Organisation
    host: Organisation
    ngo: Organisation
    lead: Organisation
    cofunder: Organisation
    brazilian: Organisation
    pledge: Pledge
    contributions: list[Contribution]
    contribution_agreement: Agreement
    mou: Agreement
    draft: Agreement
    lac_agreement: Agreement
    joint_programme: Opportunity
    jp_pledge: Pledge


def _rates() -> None:
    rate("EUR", "0.90", date(2025, 3, 1))
    rate("EUR", "0.92", date(2025, 6, 1))
    rate("GBP", "0.80", date(2025, 9, 1))
    rate("EUR", "0.93", date(2025, 9, 1))


def _signed(agreement: Agreement, *, on: date = SIGNED_ON, activate: bool = True) -> Agreement:
    move(agreement, "submit")
    move(agreement, "sign", date=on)
    if activate:
        move(agreement, "activate")
    agreement.refresh_from_db()
    return agreement


def build_world() -> World:
    _rates()
    donor = OrganisationFactory(
        name="Federal Ministry for Economic Cooperation and Development",
        acronym="BMZ",
        category="government",
        country=country("DE"),
        iati_identifier="XM-DAC-5-7",
    )
    host = OrganisationFactory(
        name="Ministry of Lands, Housing and Urban Development",
        category="government",
        country=country("KE"),
    )
    ngo = OrganisationFactory(
        name="Shelter Forum Kenya",
        category="civil_society",
        subtype="National NGO",
        country=country("KE"),
    )
    lead = OrganisationFactory(
        name="Cities Alliance", category="un_entity", country=country("BE"), iati_identifier=""
    )
    cofunder = OrganisationFactory(
        name="African Development Bank", category="development_bank", country=country("CI")
    )
    brazilian = OrganisationFactory(
        name="Prefeitura de Recife", category="local_authority", country=country("BR")
    )
    pledge = PledgeFactory(
        organisation=donor,
        title="Contribution to adequate housing in Kenya",
        amount=Decimal("900000.00"),
        currency="EUR",
        value_date=PLEDGE_DAY,
    )
    contribution_agreement = _signed(
        AgreementFactory(
            title="Adequate housing and land in Kenya",
            type=agreement_type("contribution"),
            parties=[
                {"organisation": donor, "role": "donor"},
                {"organisation": host, "role": "host"},
                {"organisation": ngo, "role": "implementing"},
            ],
            summary="Secure tenure and affordable housing for informal settlements.",
            amount=Decimal("900000.00"),
            currency="EUR",
            value_date=PLEDGE_DAY,
            pledge=pledge,
            start_date=date(2025, 4, 1),
            end_date=date(2027, 3, 31),
            outcomes=["1.2", "3.3"],
        )
    )
    contributions = [
        ContributionFactory(
            pledge=pledge, amount=Decimal("300000.00"), currency="EUR", value_date=date(2025, 6, 10)
        ),
        ContributionFactory(
            pledge=pledge,
            amount=Decimal("200000.00"),
            currency="GBP",
            value_date=date(2025, 9, 1),
            reference="TT-2025-0901",
        ),
    ]
    mou = _signed(
        AgreementFactory(
            title="Memorandum on community-led housing",
            type=agreement_type("mou"),
            parties=[{"organisation": ngo, "role": "co_signatory"}],
            start_date=date(2025, 5, 1),
        )
    )
    draft = AgreementFactory(title="Draft letter of intent", parties=[ngo])
    lac_agreement = _signed(
        AgreementFactory(
            title="Urban regeneration in Recife",
            parties=[{"organisation": brazilian, "role": "co_signatory"}],
            start_date=date(2025, 2, 1),
        ),
        on=date(2025, 1, 20),
    )
    opportunity = OpportunityFactory(
        organisation=lead,
        title="Joint programme on urban migration",
        amount=Decimal("250000.00"),
        currency="USD",
        value_date=date(2025, 2, 1),
        stage="negotiation",
        expected_decision_date=date(2025, 5, 1),
        outcomes=["4.2"],
        countries=["KE"],
    )
    pipeline_services.opportunity_update(actor=None, opportunity=opportunity, co_funders=[cofunder])
    opportunity = move_opportunity(Opportunity.objects.get(pk=opportunity.pk), "won")
    jp_pledge = PledgeFactory(
        opportunity=opportunity,
        organisation=lead,
        amount=Decimal("250000.00"),
        value_date=date(2025, 5, 2),
    )
    ContributionFactory(pledge=jp_pledge, amount=Decimal("50000.00"), value_date=date(2025, 7, 1))
    return World(
        donor=donor,
        host=host,
        ngo=ngo,
        lead=lead,
        cofunder=cofunder,
        brazilian=brazilian,
        pledge=pledge,
        contributions=contributions,
        contribution_agreement=contribution_agreement,
        mou=mou,
        draft=draft,
        lac_agreement=lac_agreement,
        joint_programme=opportunity,
        jp_pledge=jp_pledge,
    )

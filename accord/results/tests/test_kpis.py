"""Each computed KPI on hand-built data (made through the other apps' services), and
compute_kpis storing them as approved system values, idempotently."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from accord.agreements.tests.factories import AgreementFactory, agreement_type, move
from accord.diligence.tests.factories import make_review
from accord.engagement import governance_services
from accord.engagement.tests.factories import BodySessionFactory, EngagementFactory
from accord.funding.tests.money_factories import ContributionFactory, PledgeFactory, TargetFactory
from accord.partners.tests.factories import OrganisationFactory, country
from accord.results import kpis
from accord.results.compute import compute_kpis
from accord.results.models import Measurement, Target
from accord.results.periods import period_get
from accord.strategy.models import EngagementStrategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def y2025():
    return period_get("2025")


def org(category: str, iso: str = "KE", **extra):
    return OrganisationFactory(category=category, country=country(iso), **extra)


def held(day: date, *partners, strategies=()):
    return EngagementFactory(
        start_date=day, organisations=list(partners), strategies=list(strategies)
    )


def signed(*parties, start: date, end: date | None = None, type_code: str = "mou", **extra):
    agreement = AgreementFactory(
        parties=list(parties),
        start_date=start,
        end_date=end,
        type=agreement_type(type_code),
        **extra,
    )
    return move(agreement, "submit", "sign", date=start)


def parts(result) -> dict:
    return {code: part.value for (_, code), part in result.parts.items()}


def test_active_partnerships_count_engaged_or_under_agreement(y2025):
    engaged, bound = org("government"), org("knowledge")
    quiet, last_year = org("civil_society"), org("civil_society")
    held(date(2025, 5, 1), engaged)
    held(date(2024, 5, 1), last_year)
    signed(bound, start=date(2024, 3, 1), end=date(2026, 3, 1))
    assert quiet.pk  # no activity at all
    result = kpis.active_partnerships(y2025)
    assert result.total.value == 2
    assert parts(result) == {"government": 1, "knowledge": 1}


def test_new_partners_are_those_first_active_in_the_period(y2025):
    first, returning, agreed = org("government"), org("government"), org("knowledge", "BR")
    held(date(2025, 5, 1), first, returning)
    held(date(2024, 5, 1), returning)
    signed(agreed, start=date(2025, 3, 1))
    result = kpis.new_partners(y2025)
    assert result.total.value == 2
    assert parts(result) == {"government": 1, "knowledge": 1}


def test_engagements_per_line_and_share_of_lines_with_activity(y2025):
    partner = org("government")
    held(date(2025, 2, 1), partner, strategies=["1.1", "1.2"])
    held(date(2025, 3, 1), partner, strategies=["1.1"])
    held(date(2024, 3, 1), partner, strategies=["1.3"])  # another year
    lines = EngagementStrategy.objects.count()
    government_lines = EngagementStrategy.objects.filter(category__code="government").count()
    per_line = kpis.engagements_per_line(y2025)
    assert (per_line.total.numerator, per_line.total.denominator) == (3, lines)
    assert per_line.parts[("category", "government")].numerator == 3
    assert per_line.parts[("category", "foundation")].value == 0
    active = kpis.strategy_lines_active(y2025)
    assert active.total.value == (D(2) / lines * 100).quantize(D("0.0001"))
    assert active.parts[("category", "government")].value == (
        D(2) / government_lines * 100
    ).quantize(D("0.0001"))


def test_local_authorities_in_governance_sessions_by_region(y2025):
    nairobi, recife = org("local_authority", "KE"), org("local_authority", "BR")
    ministry = org("government")
    session = BodySessionFactory(start_date=date(2025, 6, 1))
    later = BodySessionFactory(start_date=date(2025, 9, 1))
    for who, when in ((nairobi, session), (recife, session), (ministry, session), (nairobi, later)):
        governance_services.participation_add(actor=None, session=when, organisation=who)
    result = kpis.local_authorities_governance(y2025)
    assert result.total.value == 2  # Nairobi counted once
    assert parts(result) == {"AFRICA": 1, "LAC": 1}


def test_resources_mobilised_financial_in_kind_and_the_funding_target(y2025):
    donor = org("government")
    ContributionFactory(organisation=donor, amount=D("100.00"), value_date=date(2025, 4, 1))
    ContributionFactory(organisation=donor, amount=D("40.00"), value_date=date(2024, 4, 1))
    ContributionFactory(
        organisation=donor,
        amount=D("50.00"),
        value_date=date(2025, 4, 1),
        kind="in_kind",
        in_kind_description="Office space",
    )
    TargetFactory(year=2025, amount_usd=D("1000.00"))
    financial = kpis.resources_mobilised(y2025)
    assert (financial.total.value, financial.target) == (D(100), D(1000))
    assert parts(financial) == {"government": D(100)}
    assert kpis.resources_in_kind(y2025).total.value == D(50)
    assert kpis.resources_mobilised(period_get("2025-Q2")).target is None


def test_joint_programming_share_counts_un_partners_and_joint_programme_pledges(y2025):
    un, ministry, foundation = org("un_entity"), org("government"), org("foundation")
    ContributionFactory(organisation=un, amount=D("300.00"), value_date=date(2025, 4, 1))
    ContributionFactory(organisation=foundation, amount=D("600.00"), value_date=date(2025, 4, 1))
    pledge = PledgeFactory(organisation=ministry, amount=D("100.00"), value_date=date(2025, 1, 10))
    signed(
        ministry,
        start=date(2025, 1, 15),
        type_code="joint_programme",
        pledge=pledge,
        amount=D("100.00"),
        currency="USD",
        value_date=date(2025, 1, 10),
    )
    ContributionFactory(pledge=pledge, amount=D("100.00"), value_date=date(2025, 4, 1))
    share = kpis.joint_programming_share(y2025).total
    assert (share.numerator, share.denominator, share.value) == (D(400), D(1000), D(40))


def test_agreements_in_force_at_the_end_of_the_period(y2025):
    kenyan, brazilian = org("government", "KE"), org("government", "BR")
    signed(kenyan, start=date(2025, 1, 1), end=date(2026, 6, 30), region=None)
    signed(brazilian, start=date(2024, 1, 1), end=date(2025, 6, 30))  # ended mid-year
    ended = signed(kenyan, start=date(2025, 1, 1))
    move(ended, "terminate", date=date(2025, 11, 1))
    AgreementFactory(parties=[kenyan], start_date=date(2025, 1, 1))  # a draft
    assert kpis.agreements_in_force(y2025).total.value == 1


def test_diligence_coverage_of_partners_that_need_a_review(make_user):
    this_year = period_get(str(timezone.localdate().year))
    covered = org("private_sector", status="active")
    org("private_sector", status="active")  # not reviewed
    org("private_sector", status="prospect")  # not active: not counted
    org("government", status="active")  # its category needs no review
    make_review(covered, preparer=make_user("officer"), decider=make_user("officer"), to="approved")
    result = kpis.diligence_coverage(this_year)
    assert (result.total.numerator, result.total.denominator, result.total.value) == (
        D(1),
        D(2),
        D(50),
    )
    assert kpis.diligence_coverage(period_get("2020")).total.value == 0  # decided later


def test_compute_kpis_stores_approved_system_values_idempotently(y2025):
    partner = org("government")
    held(date(2025, 5, 1), partner, strategies=["1.1"])
    TargetFactory(year=2025, amount_usd=D("500.00"))
    first = compute_kpis("2025")
    stored = Measurement.objects.filter(period=y2025, indicator__code="KPI-01")
    total = stored.get(dimension="")
    assert (total.value, total.status, total.source, total.entered_by) == (
        D(1),
        "approved",
        "computed",
        None,
    )
    assert stored.get(dimension="category", dimension_value="government").value == 1
    assert Target.objects.get(indicator__code="KPI-06", period=y2025).value == D(500)
    second = compute_kpis("2025")
    assert (second.created, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.created
    held(date(2025, 6, 1), org("foundation"))
    third = compute_kpis("2025")
    assert third.updated >= 1 and third.created >= 1
    assert stored.get(dimension="").value == 2


def test_a_target_set_by_hand_is_not_replaced_by_the_computed_one(y2025, admin_user):
    from accord.results.catalogue_services import target_set
    from accord.results.models import Indicator

    kpi = Indicator.objects.get(code="KPI-06")
    target_set(actor=admin_user, indicator=kpi, period="2025", value="750")
    TargetFactory(year=2025, amount_usd=D("500.00"))
    compute_kpis("2025")
    assert Target.objects.get(indicator=kpi, period=y2025).value == D(750)

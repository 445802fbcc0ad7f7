from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.models import HistoryEntry
from accord.funding import pledge_services, schedules
from accord.funding.models import Instalment, PaymentStatus, Pledge, PledgeStatus
from accord.funding.tests.factories import OpportunityFactory, rate, today
from accord.funding.tests.money_factories import ContributionFactory, PledgeFactory, flagship, won

pytestmark = pytest.mark.django_db
D = Decimal


def schedule_of(pledge):
    return list(Instalment.objects.filter(pledge=pledge).order_by("number"))


def test_a_won_opportunity_becomes_a_pledge_prefilled_from_it(kenyan, officer):
    opp = won(organisation=kenyan, amount=D("5000"), flagship="2", outcomes=["1.2"])
    pledge = pledge_services.pledge_create(officer, opportunity=opp)
    assert pledge.organisation == kenyan and pledge.title == opp.title
    assert pledge.amount == D("5000.00") and pledge.flagship.code == "2"
    assert list(pledge.outcomes.values_list("code", flat=True)) == ["1.2"]
    assert pledge.region_id == kenyan.region_id and pledge.status == PledgeStatus.PLEDGED
    assert [(i.amount, i.amount_usd) for i in schedule_of(pledge)] == [(D("5000"), D("5000"))]


def test_only_a_won_opportunity_and_only_once(kenyan, officer):
    with pytest.raises(ValidationError) as caught:
        pledge_services.pledge_create(officer, opportunity=OpportunityFactory(organisation=kenyan))
    assert "won" in caught.value.message_dict["opportunity"][0]
    opp = won(organisation=kenyan)
    pledge_services.pledge_create(officer, opportunity=opp)
    with pytest.raises(ValidationError) as caught:
        pledge_services.pledge_create(officer, opportunity=opp)
    assert "already" in caught.value.message_dict["opportunity"][0]
    assert Pledge.objects.count() == 1


def test_pledge_in_euros_is_converted_and_instalments_split_its_usd_exactly(kenyan, euro):
    schedule = schedules.propose_instalments(D("1000.00"), 3, today())
    assert [a for _, a in schedule] == [D("333.34"), D("333.33"), D("333.33")]
    pledge = PledgeFactory(organisation=kenyan, amount=D("1000"), currency="EUR", schedule=schedule)
    assert pledge.amount_usd == D("1086.96") and pledge.usd_rate == D("0.92")
    rows = schedule_of(pledge)
    assert sum(i.amount_usd for i in rows) == pledge.amount_usd
    assert [i.number for i in rows] == [1, 2, 3]


def test_a_schedule_that_does_not_add_up_is_refused_and_nothing_is_written(kenyan):
    with pytest.raises(ValidationError) as caught:
        PledgeFactory(
            organisation=kenyan,
            amount=D("1000"),
            schedule=[(today(), D("600")), (today(), D("300"))],
        )
    assert "add up to 900.00 USD, not the pledge amount 1,000.00" in str(caught.value)
    assert not Pledge.objects.exists() and not Instalment.objects.exists()
    assert not HistoryEntry.objects.filter(model="funding.pledge").exists()


def test_a_missing_rate_is_an_error_on_the_currency(kenyan):
    with pytest.raises(ValidationError) as caught:
        PledgeFactory(organisation=kenyan, currency="GBP")
    assert "no exchange rate for GBP" in caught.value.message_dict["currency"][0]


def test_edit_is_versioned_and_in_the_history(kenyan, officer):
    pledge = PledgeFactory(organisation=kenyan)
    pledge = pledge_services.pledge_update(
        officer, pledge=pledge, expected_version=1, title="Renamed", flagship="3"
    )
    assert pledge.version == 2 and pledge.flagship == flagship("3")
    entry = HistoryEntry.objects.filter(model="funding.pledge", action="update").get()
    assert entry.changes["title"][1] == "Renamed"
    with pytest.raises(ConflictError):
        pledge_services.pledge_update(officer, pledge=pledge, expected_version=1, title="Stale")


def test_cancelling_needs_a_reason(kenyan, officer):
    pledge = PledgeFactory(organisation=kenyan)
    with pytest.raises(ValidationError) as caught:
        pledge_services.pledge_update(officer, pledge=pledge, status="cancelled")
    assert "cancelled_reason" in caught.value.message_dict
    pledge = pledge_services.pledge_update(
        officer, pledge=pledge, status="cancelled", cancelled_reason="Budget cut"
    )
    assert pledge.status == "cancelled" and pledge.payment_status == PaymentStatus.UNPAID


def test_only_unpaid_instalments_can_be_rescheduled(kenyan, officer):
    day = today() - timedelta(days=30)
    pledge = PledgeFactory(
        organisation=kenyan,
        amount=D("900"),
        value_date=day,
        schedule=[(day, D("300")), (day, D("300")), (day, D("300"))],
    )
    ContributionFactory(pledge=pledge, amount=D("100"), value_date=day)
    later = today() + timedelta(days=60)
    pledge = pledge_services.pledge_update(
        officer, pledge=pledge, schedule=[(later, D("500")), (later, D("100"))]
    )
    rows = schedule_of(pledge)
    assert [(i.number, i.amount, i.received_amount) for i in rows] == [
        (1, D("300"), D("100")),
        (2, D("500"), 0),
        (3, D("100"), 0),
    ]
    assert sum(i.amount_usd for i in rows) == pledge.amount_usd
    with pytest.raises(ValidationError):
        pledge_services.pledge_update(officer, pledge=pledge, schedule=[(later, D("900"))])
    with pytest.raises(ValidationError) as caught:
        pledge_services.pledge_update(officer, pledge=pledge, amount=D("1200"))
    assert "Contributions were received" in caught.value.message_dict["amount"][0]


def test_amount_change_before_any_payment_rescales_the_schedule(kenyan, officer):
    pledge = PledgeFactory(
        organisation=kenyan, amount=D("100"), schedule=[(today(), D("50")), (today(), D("50"))]
    )
    pledge = pledge_services.pledge_update(officer, pledge=pledge, amount=D("101"))
    assert [i.amount for i in schedule_of(pledge)] == [D("50.50"), D("50.50")]
    assert pledge.amount_usd == D("101.00")


def test_usd_is_not_recomputed_when_the_rate_changes_later(kenyan, officer, euro):
    pledge = PledgeFactory(organisation=kenyan, currency="EUR", amount=D("920"))
    rate("EUR", "0.5")
    pledge = pledge_services.pledge_update(officer, pledge=pledge, title="Other title")
    assert pledge.amount_usd == D("1000.00")


def test_regional_focal_point_records_pledges_in_their_region_only(kenyan, brazilian, regional):
    assert PledgeFactory(organisation=kenyan, actor=regional).region_id == kenyan.region_id
    with pytest.raises(ValidationError):
        PledgeFactory(organisation=brazilian, actor=regional)


def test_readers_may_not_record_pledges(kenyan, make_user):
    with pytest.raises(PermissionDeniedError):
        PledgeFactory(organisation=kenyan, actor=make_user("management"))


def test_propose_instalments_spreads_dates_over_a_year():
    rows = schedules.propose_instalments(D("10"), 4, date(2026, 1, 31))
    assert [d for d, _ in rows] == [
        date(2026, 1, 31),
        date(2026, 4, 30),
        date(2026, 7, 31),
        date(2026, 10, 31),
    ]
    assert sum(a for _, a in rows) == D("10")

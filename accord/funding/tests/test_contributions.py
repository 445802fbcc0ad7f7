from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.core.errors import ConflictError
from accord.core.models import HistoryEntry
from accord.funding import contribution_services as services
from accord.funding.models import Allocation, Contribution, Instalment, PaymentStatus, SoftCredit
from accord.funding.tests.factories import rate, today
from accord.funding.tests.money_factories import ContributionFactory, PledgeFactory, flagship
from accord.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
D = Decimal
PAST = today() - timedelta(days=40)


@pytest.fixture
def pledge(kenyan):
    """1,000 USD in two instalments of 500, flagship 2."""
    return PledgeFactory(
        organisation=kenyan,
        amount=D("1000"),
        value_date=PAST,
        flagship="2",
        schedule=[(PAST, D("500")), (PAST + timedelta(days=30), D("500"))],
    )


def statuses(pledge):
    rows = Instalment.objects.filter(pledge=pledge).order_by("number")
    return [(i.received_amount, i.payment_status) for i in rows]


def test_payments_fill_the_oldest_instalments_first(pledge, officer):
    services.contribution_record(officer, pledge=pledge, amount=D("700"), value_date=PAST)
    pledge.refresh_from_db()
    assert pledge.payment_status == PaymentStatus.PARTIAL and pledge.received_amount == D("700")
    assert statuses(pledge) == [(D("500"), "paid"), (D("200"), "partial")]


def test_an_over_payment_shows_as_overpaid_with_its_surplus(pledge, officer):
    services.contribution_record(officer, pledge=pledge, amount=D("1200"), value_date=PAST)
    pledge.refresh_from_db()
    assert pledge.payment_status == PaymentStatus.OVERPAID
    assert pledge.received_amount - pledge.amount == D("200")
    assert statuses(pledge) == [(D("500"), "paid"), (D("700"), "overpaid")]


def test_the_instalment_named_is_paid_first(pledge, officer):
    second = Instalment.objects.get(pledge=pledge, number=2)
    services.contribution_record(
        officer, pledge=pledge, amount=D("600"), value_date=PAST, instalment=second
    )
    assert statuses(pledge) == [(D("100"), "partial"), (D("500"), "paid")]


def test_another_currency_counts_against_the_pledge_through_usd(pledge, officer):
    rate("EUR", "0.8", PAST)
    c = services.contribution_record(
        officer, pledge=pledge, amount=D("400"), currency="EUR", value_date=PAST
    )
    assert c.amount_usd == D("500.00") and c.pledge_amount == D("500.00")
    pledge.refresh_from_db()
    assert pledge.received_usd == D("500.00") and statuses(pledge)[0] == (D("500"), "paid")


def test_pledge_in_euros_paid_in_dollars(kenyan, officer):
    rate("EUR", "0.9", PAST)
    pledge = PledgeFactory(organisation=kenyan, amount=D("900"), currency="EUR", value_date=PAST)
    c = services.contribution_record(officer, pledge=pledge, amount=D("1000"), value_date=PAST)
    assert c.pledge_amount == D("900.00")
    pledge.refresh_from_db()
    assert pledge.payment_status == PaymentStatus.PAID


def test_allocations_across_programmes_add_up_in_both_currencies(pledge, officer):
    rate("EUR", "0.9", PAST)
    c = services.contribution_record(
        officer,
        pledge=pledge,
        amount=D("100"),
        currency="EUR",
        value_date=PAST,
        allocations=[("1", None, D("33.33")), ("2", "1.2", D("33.33")), (None, None, D("33.34"))],
    )
    rows = list(c.allocations.order_by("id"))
    assert sum(a.amount for a in rows) == c.amount
    assert sum(a.amount_usd for a in rows) == D("111.11")
    assert {a.year for a in rows} == {PAST.year}


def test_allocations_that_do_not_add_up_are_refused_and_nothing_is_written(pledge, officer):
    with pytest.raises(ValidationError) as caught:
        services.contribution_record(
            officer,
            pledge=pledge,
            amount=D("100"),
            value_date=PAST,
            allocations=[("1", None, D("60")), ("2", None, D("30"))],
        )
    assert "add up to 90.00 USD, not the contribution's 100.00" in str(caught.value)
    assert not Contribution.objects.exists() and not Allocation.objects.exists()
    pledge.refresh_from_db()
    assert pledge.received_amount == 0


def test_without_allocations_the_pledge_programme_gets_it_all(pledge, officer):
    c = services.contribution_record(officer, pledge=pledge, amount=D("10"), value_date=PAST)
    assert [(a.flagship, a.amount) for a in c.allocations.all()] == [(flagship("2"), D("10"))]
    loose = ContributionFactory(amount=D("5"))
    assert [a.flagship for a in loose.allocations.all()] == [None]


def test_soft_credits_record_the_broker_but_never_the_payer(pledge, officer, kenyan):
    broker = OrganisationFactory()
    c = services.contribution_record(
        officer,
        pledge=pledge,
        amount=D("10"),
        value_date=PAST,
        soft_credits=[(broker, "facilitator")],
    )
    assert SoftCredit.objects.get(contribution=c).role == "facilitator"
    with pytest.raises(ValidationError) as caught:
        services.contribution_record(
            officer,
            pledge=pledge,
            amount=D("10"),
            value_date=PAST,
            soft_credits=[(kenyan, "broker")],
        )
    assert "soft_credits" in caught.value.message_dict


def test_correcting_and_deleting_reverse_the_effect(pledge, officer):
    c = services.contribution_record(officer, pledge=pledge, amount=D("700"), value_date=PAST)
    c = services.contribution_update(officer, contribution=c, expected_version=1, amount=D("300"))
    pledge.refresh_from_db()
    assert pledge.received_amount == D("300") and c.allocations.get().amount == D("300")
    with pytest.raises(ConflictError):
        services.contribution_update(officer, contribution=c, expected_version=1, amount=D("1"))
    services.contribution_delete(officer, contribution=c, expected_version=2)
    pledge.refresh_from_db()
    assert pledge.payment_status == PaymentStatus.UNPAID and pledge.received_usd == 0
    assert statuses(pledge) == [(0, "unpaid"), (0, "unpaid")]
    actions = list(
        HistoryEntry.objects.filter(model="funding.contribution")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
    assert HistoryEntry.objects.filter(model="funding.pledge", action="update").count() == 3


def test_future_dates_cancelled_pledges_and_bad_amounts_are_refused(pledge, officer):
    with pytest.raises(ValidationError) as caught:
        services.contribution_record(
            officer, pledge=pledge, amount=D("-1"), value_date=today() + timedelta(days=2)
        )
    assert {"amount", "value_date"} <= set(caught.value.message_dict)
    from accord.funding.pledge_services import pledge_update

    pledge_update(officer, pledge=pledge, status="cancelled", cancelled_reason="Withdrawn")
    with pytest.raises(ValidationError) as caught:
        services.contribution_record(officer, pledge=pledge, amount=D("1"), value_date=PAST)
    assert "cancelled" in caught.value.message_dict["pledge"][0]


def test_regional_focal_point_cannot_reach_a_pledge_out_of_region(brazilian, regional):
    pledge = PledgeFactory(organisation=brazilian)
    with pytest.raises(ValidationError) as caught:
        services.contribution_record(regional, pledge=pledge.pk, amount=D("1"))
    assert "outside your scope" in caught.value.message_dict["pledge"][0]

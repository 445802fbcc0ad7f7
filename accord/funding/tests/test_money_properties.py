"""Property-based tests of the money arithmetic: whatever the amounts, rates and order of
payments, the parts add up exactly and the payment statuses tell the truth."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.money import split
from accord.funding import contribution_services, gap_selectors, schedules
from accord.funding.models import Allocation, Contribution, Instalment, PaymentStatus, Pledge
from accord.funding.rates import to_usd
from accord.funding.tests.factories import rate
from accord.funding.tests.money_factories import PledgeFactory

pytestmark = pytest.mark.django_db
DAY = date(2025, 6, 10)
FIXTURES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cents = st.integers(min_value=1, max_value=10**9).map(lambda c: Decimal(c) / 100)
rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=4)


@pytest.fixture
def currencies(db):
    rate("EUR", "0.9", DAY)
    rate("JPY", "151.37", DAY)
    rate("KES", "129.5", DAY)


@given(total=cents, weights=st.lists(cents, min_size=1, max_size=12))
def test_split_parts_add_up_exactly_and_stay_in_proportion(total, weights):
    parts = split(total, weights)
    assert sum(parts) == total
    weight_sum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / weight_sum) < Decimal("0.01")


@given(amount=cents, count=st.integers(min_value=1, max_value=24))
def test_proposed_instalments_add_up_to_the_pledge(amount, count):
    rows = schedules.propose_instalments(amount, count, DAY)
    assert sum(a for _, a in rows) == amount and len(rows) == count
    assert max(a for _, a in rows) - min(a for _, a in rows) <= Decimal("0.01")


@FIXTURES
@given(amounts=st.lists(cents, min_size=1, max_size=6), usd_rate=rates)
def test_instalment_usd_parts_add_up_to_the_pledge_usd(kenyan, amounts, usd_rate):
    rate("XOF", usd_rate, DAY)
    schedule = [(DAY + timedelta(days=30 * n), a) for n, a in enumerate(amounts)]
    pledge = PledgeFactory(
        organisation=kenyan, amount=sum(amounts), currency="XOF", value_date=DAY, schedule=schedule
    )
    rows = Instalment.objects.filter(pledge=pledge)
    assert sum(i.amount for i in rows) == pledge.amount
    assert sum(i.amount_usd for i in rows) == pledge.amount_usd


@FIXTURES
@given(
    amount=cents,
    currency=st.sampled_from(["USD", "EUR", "JPY", "KES"]),
    weights=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=5),
)
def test_allocations_add_up_in_original_currency_and_usd(
    kenyan, currencies, amount, currency, weights
):
    parts = split(amount, [Decimal(w) for w in weights])
    if any(p <= 0 for p in parts):
        return  # a zero share is not an allocation
    flagships = ["1", "2", "3", "4", "5"]
    c = contribution_services.contribution_record(
        None,
        organisation=kenyan,
        amount=amount,
        currency=currency,
        value_date=DAY,
        allocations=[(flagships[n % 5], None, p) for n, p in enumerate(parts)],
    )
    rows = list(Allocation.objects.filter(contribution=c))
    assert sum(a.amount for a in rows) == c.amount
    assert sum(a.amount_usd for a in rows) == c.amount_usd


PAYMENT = st.tuples(
    st.integers(min_value=1, max_value=150_000).map(lambda c: Decimal(c) / 100),
    st.sampled_from(["USD", "EUR", "JPY", "KES"]),
    st.booleans(),  # name the last instalment?
)


@FIXTURES
@given(
    payments=st.lists(PAYMENT, min_size=1, max_size=6),
    drop=st.integers(0, 5),
    pledge_currency=st.sampled_from(["USD", "EUR", "KES"]),
)
def test_payment_status_matches_the_money_received_whatever_the_sequence(
    kenyan, currencies, payments, drop, pledge_currency
):
    pledge = PledgeFactory(
        organisation=kenyan,
        amount=Decimal("1000"),
        currency=pledge_currency,
        value_date=DAY,
        schedule=[(DAY, Decimal("400")), (DAY + timedelta(days=90), Decimal("600"))],
    )
    last = Instalment.objects.get(pledge=pledge, number=2)
    made = [
        contribution_services.contribution_record(
            None,
            pledge=pledge,
            amount=amount,
            currency=currency,
            value_date=DAY,
            instalment=last if named else None,
        )
        for amount, currency, named in payments
    ]
    if drop < len(made):
        contribution_services.contribution_delete(None, contribution=made[drop])
    pledge = Pledge.objects.get(pk=pledge.pk)
    contributions = Contribution.objects.filter(pledge=pledge)
    received = sum((c.pledge_amount for c in contributions), Decimal(0))
    assert pledge.received_amount == received
    assert pledge.received_usd == sum((c.amount_usd for c in contributions), Decimal(0))
    expected = (
        PaymentStatus.UNPAID
        if received == 0
        else PaymentStatus.PARTIAL
        if received < pledge.amount
        else PaymentStatus.PAID
        if received == pledge.amount
        else PaymentStatus.OVERPAID
    )
    assert pledge.payment_status == expected
    instalments = list(Instalment.objects.filter(pledge=pledge))
    assert sum(i.received_amount for i in instalments) == received
    for i in instalments:
        assert i.payment_status == schedules.payment_status(i.received_amount, i.amount)


@FIXTURES
@given(
    rows=st.lists(
        st.tuples(cents, st.sampled_from(["USD", "EUR", "JPY", "KES"])), min_size=1, max_size=8
    )
)
def test_usd_totals_equal_the_sum_of_converted_rows(kenyan, currencies, officer, rows):
    before = gap_selectors.funding_gap(officer, year=DAY.year)[-1].received
    made = [
        contribution_services.contribution_record(
            None, organisation=kenyan, amount=a, currency=c, value_date=DAY
        )
        for a, c in rows
    ]
    conversions = [to_usd(a, c, DAY).amount_usd for a, c in rows]
    assert [c.amount_usd for c in made] == conversions
    total = gap_selectors.funding_gap(officer, year=DAY.year)[-1].received
    assert total - before == sum(conversions)

"""Property: the USD totals of the board's columns are the sums of the converted rows, whatever
the amounts, currencies and stages."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.funding import pipeline_selectors, rates
from accord.funding.tests.factories import OpportunityFactory, rate, today

pytestmark = pytest.mark.django_db
STAGES = ["identified", "cultivating", "proposal", "negotiation"]
ROWS = st.lists(
    st.tuples(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000000"), places=2),
        st.sampled_from(["USD", "EUR", "JPY", "KES"]),
        st.sampled_from(STAGES),
        st.integers(min_value=0, max_value=100),
    ),
    max_size=8,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS)
def test_board_totals_are_the_sums_of_the_converted_rows(rows, kenyan, officer):
    with transaction.atomic():
        rate("EUR", "0.92345678")
        rate("JPY", "151.337")
        rate("KES", "129.5")
        expected: dict[str, list[Decimal]] = {code: [] for code in STAGES}
        weighted: dict[str, Decimal] = {code: Decimal(0) for code in STAGES}
        for amount, currency, stage, probability in rows:
            OpportunityFactory(
                organisation=kenyan,
                amount=amount,
                currency=currency,
                stage=stage,
                probability=probability,
            )
            usd = rates.to_usd(amount, currency, today()).amount_usd
            expected[stage].append(usd)
            weighted[stage] += usd * probability / 100
        columns = {c.key: c for c in pipeline_selectors.board(user=officer)["columns"]}
        for code in STAGES:
            assert columns[code].count == len(expected[code])
            assert columns[code].total_usd == sum(expected[code], Decimal("0.00"))
            assert abs(columns[code].weighted_usd - weighted[code]) <= Decimal("0.01")
        transaction.set_rollback(True)

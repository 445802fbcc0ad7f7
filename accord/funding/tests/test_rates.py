from datetime import date
from decimal import Decimal

import pytest

from accord.funding import rates
from accord.funding.models import ExchangeRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def euro_march():
    return ExchangeRate.objects.create(
        currency="EUR", month=date(2026, 3, 1), rate=Decimal("0.92"), source="UN operational"
    )


def test_amount_is_converted_with_the_rate_of_its_month(euro_march):
    conversion = rates.to_usd(Decimal("920.00"), "EUR", date(2026, 3, 17))
    assert conversion == rates.Conversion(Decimal("1000.00"), Decimal("0.92"), "UN operational")


def test_usd_needs_no_rate():
    conversion = rates.to_usd(Decimal("10.005"), "USD", date(2026, 3, 17))
    assert conversion.amount_usd == Decimal("10.00") and conversion.rate == 1


def test_a_missing_rate_is_an_error_on_the_currency_field_never_one(euro_march):
    with pytest.raises(rates.MissingRateError) as caught:
        rates.to_usd(Decimal("5"), "EUR", date(2026, 4, 1))
    assert "EUR in April 2026" in caught.value.message_dict["currency"][0]


def test_an_unknown_currency_code_is_refused():
    with pytest.raises(rates.ValidationError) as caught:
        rates.to_usd(Decimal("5"), "XXQ", date(2026, 4, 1))
    assert "ISO 4217" in caught.value.message_dict["currency"][0]


def test_many_rows_convert_in_one_query(euro_march, django_assert_num_queries):
    rows = [(Decimal("92"), "EUR", date(2026, 3, d)) for d in range(1, 29)]
    rows.append((Decimal("7"), "USD", date(2020, 1, 1)))
    with django_assert_num_queries(1):
        out = rates.convert_many(rows)
    assert [c.amount_usd for c in out] == [Decimal("100.00")] * 28 + [Decimal("7.00")]


def test_from_usd_uses_the_same_rate(euro_march):
    assert rates.from_usd(Decimal("1000"), "EUR", date(2026, 3, 2)) == Decimal("920.00")

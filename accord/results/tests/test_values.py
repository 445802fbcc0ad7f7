"""Values are Decimals, never text: bad values are refused naming the field."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from accord.results.models import Indicator
from accord.results.values import clean_measure, to_decimal


def errors(call):
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def ind(**fields):
    return Indicator(
        code="X", unit=fields.get("unit", "number"), aggregation=fields.get("aggregation", "sum")
    )


@pytest.mark.parametrize("raw", ["ten", "1e", "--1", "1.2.3", "nan", "Infinity", True])
def test_text_and_non_numbers_are_refused(raw):
    assert "value" in errors(lambda: to_decimal(raw, "value"))


def test_numbers_become_decimals():
    assert to_decimal("1,250.50", "value") == D("1250.50")
    assert to_decimal(3, "value") == D(3)


def test_too_many_places_negative_and_huge_are_refused():
    assert errors(lambda: to_decimal("0.00001", "value"))["value"] == [
        "Give at most 4 decimal places."
    ]
    assert errors(lambda: to_decimal("-1", "value"))["value"] == ["Give a number of zero or more."]
    assert errors(lambda: to_decimal("1" + "0" * 16, "value"))["value"] == [
        "This number is too large."
    ]


def test_yes_no_takes_one_or_zero():
    assert clean_measure(ind(unit="yes_no", aggregation="latest"), value="1")[0] == D(1)
    message = errors(lambda: clean_measure(ind(unit="yes_no"), value="2"))["value"]
    assert message == ["A yes/no indicator takes 1 (yes) or 0 (no)."]
    assert "value" in errors(lambda: clean_measure(ind(unit="yes_no"), value="yes"))


def test_percentage_stays_within_a_hundred():
    assert "value" in errors(lambda: clean_measure(ind(unit="percentage"), value="101"))


def test_ratio_needs_numerator_and_denominator_and_computes_the_value():
    ratio = ind(unit="percentage", aggregation="ratio")
    assert clean_measure(ratio, numerator="3", denominator="4") == (D("75.0000"), D(3), D(4))
    found = errors(lambda: clean_measure(ratio, numerator="x", denominator="0"))
    assert found["numerator"] == ["“x” is not a number."]
    assert found["denominator"] == ["The denominator cannot be zero."]
    assert "numerator" in errors(lambda: clean_measure(ratio, numerator=5, denominator=4))


def test_a_value_only_indicator_refuses_a_numerator():
    assert "numerator" in errors(lambda: clean_measure(ind(), value=1, numerator=1))

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.core.money import currencies, is_currency, split, to_cents

cents = st.integers(min_value=-10**12, max_value=10**12).map(lambda c: Decimal(c) / 100)
weights = st.lists(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
    min_size=1, max_size=12,
)


@given(total=cents, weights=weights)
def test_parts_always_add_up_to_the_total(total, weights):
    parts = split(total, weights)
    assert sum(parts, Decimal(0)) == total
    assert len(parts) == len(weights)
    assert all(part == to_cents(part) for part in parts)


@given(total=cents, weights=weights)
def test_each_part_is_within_a_cent_of_its_exact_share(total, weights):
    exact_total = sum(weights)
    for part, weight in zip(split(total, weights), weights, strict=True):
        assert abs(part - total * weight / exact_total) < Decimal("0.01")


def test_split_in_three():
    assert split(Decimal("100.00"), [Decimal(1)] * 3) == [
        Decimal("33.34"), Decimal("33.33"), Decimal("33.33")
    ]


def test_weights_must_be_positive():
    with pytest.raises(ValueError, match="more than zero"):
        split(Decimal(1), [Decimal(0)])


def test_rounding_is_half_to_even():
    assert to_cents(Decimal("0.125")) == Decimal("0.12")
    assert to_cents(Decimal("0.135")) == Decimal("0.14")


def test_iso_4217_list_holds_the_un_currencies():
    assert {"USD", "EUR", "KES", "JPY", "CNY", "RUB", "SAR"} <= set(currencies())
    assert not is_currency("XYZ1")

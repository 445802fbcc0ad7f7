"""The arithmetic: each aggregation rule and the edges of the status rule."""

from datetime import date
from decimal import Decimal as D

import pytest

from accord.results.rules import Point, Status, combine, elapsed_share, progress, status


def pts(*values):
    return [Point(D(v), end=date(2020 + n, 12, 31)) for n, v in enumerate(values)]


def test_sum_adds_values():
    assert combine("sum", "number", pts("1.5", "2", "3"))[0] == D("6.5")


def test_average_is_the_mean():
    assert combine("average", "number", pts("1", "2", "6"))[0] == D("3")


def test_latest_takes_the_latest_period_not_the_last_given():
    points = [Point(D(9), end=date(2025, 12, 31)), Point(D(4), end=date(2024, 12, 31))]
    assert combine("latest", "number", points)[0] == D(9)


def test_latest_over_parts_of_one_period_sums_them():
    assert combine("latest", "number", pts("2", "3"), same_period=True)[0] == D(5)


def test_ratio_divides_sums_not_averages_of_ratios():
    points = [
        Point(D(0), numerator=D(1), denominator=D(1)),
        Point(D(0), numerator=D(1), denominator=D(3)),
    ]
    value, num, den = combine("ratio", "percentage", points)
    assert (value, num, den) == (D("50.0000"), D(2), D(4))  # not (100 + 33.3) / 2


def test_ratio_of_a_number_unit_is_not_scaled():
    points = [Point(D(0), numerator=D(7), denominator=D(2))]
    assert combine("ratio", "number", points)[0] == D("3.5")


def test_ratio_with_zero_denominators_has_no_value():
    empty = [Point(D(0), numerator=D(0), denominator=D(0))]
    assert combine("ratio", "percentage", empty)[0] is None


def test_nothing_to_combine_has_no_value():
    assert combine("sum", "number", []) == (None, None, None)


def test_elapsed_share_before_during_after():
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    assert elapsed_share(start, end, date(2024, 6, 1)) == 0
    assert elapsed_share(start, end, date(2026, 1, 1)) == 1
    assert elapsed_share(start, end, end) == 1
    assert elapsed_share(start, end, date(2025, 7, 2)) == D(183) / D(365)


@pytest.mark.parametrize(
    ("value", "expected_share", "result"),
    [
        ("100", "1", Status.ON_TRACK),  # reached
        ("75", "1", Status.AT_RISK),  # exactly 75 % of the way: at risk, not off
        ("74.99", "1", Status.OFF_TRACK),
        ("50", "0.5", Status.ON_TRACK),  # half-way at half-time
        ("37.5", "0.5", Status.AT_RISK),
        ("37", "0.5", Status.OFF_TRACK),
        ("0", "0", Status.ON_TRACK),  # nothing expected yet
    ],
)
def test_status_edges_higher_is_better(value, expected_share, result):
    assert (
        status(
            value=D(value),
            target=D(100),
            baseline=None,
            direction="higher",
            expected=D(expected_share),
        )
        == result
    )


def test_status_lower_is_better_measures_the_way_down():
    # From 40 days down to 20: at 25 days, 75 % of the way.
    common = {"target": D(20), "baseline": D(40), "direction": "lower", "expected": D(1)}
    assert status(value=D(25), **common) == Status.AT_RISK
    assert status(value=D(20), **common) == Status.ON_TRACK
    assert status(value=D(15), **common) == Status.ON_TRACK
    assert status(value=D(45), **common) == Status.OFF_TRACK


def test_status_counts_from_the_baseline():
    # Baseline 50, target 150: a value of 100 is half-way.
    assert progress(D(100), D(50), D(150)) == D("0.5")
    assert (
        status(value=D(100), target=D(150), baseline=D(50), direction="higher", expected=D(1))
        == Status.OFF_TRACK
    )


def test_target_equal_to_baseline_needs_at_least_the_target():
    common = {"target": D(10), "baseline": D(10), "expected": D(1)}
    assert status(value=D(10), direction="higher", **common) == Status.ON_TRACK
    assert status(value=D(9), direction="higher", **common) == Status.OFF_TRACK
    assert status(value=D(9), direction="lower", **common) == Status.ON_TRACK


def test_no_target_or_no_value_is_no_data():
    assert (
        status(value=None, target=D(1), baseline=None, direction="higher", expected=D(1))
        == Status.NO_DATA
    )
    assert (
        status(value=D(1), target=None, baseline=None, direction="higher", expected=D(1))
        == Status.NO_DATA
    )


def test_a_target_on_the_worse_side_of_the_baseline_needs_the_value_to_beat_it():
    # Higher is better, but the target allows a fall from 50 to 40.
    common = {"target": D(40), "baseline": D(50), "direction": "higher", "expected": D(1)}
    assert status(value=D(45), **common) == Status.ON_TRACK
    assert status(value=D(39), **common) == Status.OFF_TRACK

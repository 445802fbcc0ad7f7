"""Properties of the status rule and the aggregation: a better value never gets a worse
status; a ratio is the ratio of the sums whatever the split into parts."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from accord.results.rules import Point, Status, combine, status

RANK = {Status.OFF_TRACK: 0, Status.AT_RISK: 1, Status.ON_TRACK: 2}
amounts = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
shares = st.decimals(min_value=0, max_value=1, places=3)


@given(amounts, amounts, amounts, amounts, shares, st.sampled_from(["higher", "lower"]))
def test_a_better_value_never_has_a_worse_status(a, b, baseline, target, expected, direction):
    worse, better = sorted((a, b)) if direction == "higher" else sorted((a, b), reverse=True)
    common = {"target": target, "baseline": baseline, "direction": direction, "expected": expected}
    assert RANK[status(value=better, **common)] >= RANK[status(value=worse, **common)]


@given(st.lists(st.tuples(amounts, amounts.filter(lambda d: d > 0)), min_size=1, max_size=8))
def test_a_ratio_is_the_ratio_of_the_sums(pairs):
    points = [Point(D(0), numerator=n, denominator=d) for n, d in pairs]
    value, numerator, denominator = combine("ratio", "number", points)
    assert numerator == sum(n for n, _ in pairs) and denominator == sum(d for _, d in pairs)
    assert value == (numerator / denominator).quantize(D("0.0001"))

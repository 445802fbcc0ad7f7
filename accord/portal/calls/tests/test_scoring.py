"""The scoring arithmetic and the ranking: Decimal, rounded once, deterministic."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.portal.calls import selectors
from accord.portal.calls.scoring import mean, weighted_total, weights_problem
from accord.portal.calls.tests.factories import score_all


def test_weighted_total_is_out_of_100():
    assert weighted_total([(8, 40), (7, 35), (6, 25)]) == Decimal("71.50")
    assert weighted_total([(10, 100)]) == Decimal("100.00")
    assert weighted_total([(0, 50), (0, 50)]) == Decimal("0.00")


def test_mean_rounds_half_up_once():
    assert mean([Decimal("72.50"), Decimal("50.00"), Decimal("50.00")]) == Decimal("57.50")
    assert mean([Decimal("66.67"), Decimal("66.66")]) == Decimal("66.67")  # 66.665 half up
    assert mean([]) is None


def test_weights_problem_says_the_total():
    assert weights_problem([50, 50]) is None
    assert weights_problem([50, 49]) == (
        "The criteria weights add up to 99; they must add up to exactly 100."
    )


@given(st.lists(st.integers(0, 10), min_size=4, max_size=4))
def test_weighted_total_stays_between_0_and_100(scores):
    total = weighted_total(zip(scores, [10, 20, 30, 40], strict=True))
    assert Decimal(0) <= total <= Decimal(100)
    assert total == weighted_total(zip(scores, [10, 20, 30, 40], strict=True))


@pytest.mark.django_db
def test_ranking_orders_by_mean_then_submission(reviewed_call, applications, reviewers):
    a, b = applications
    score_all(reviewers[0], a, [5, 5, 5])  # 50.00
    score_all(reviewers[1], a, [9, 9, 9])  # 90.00 -> mean 70.00
    score_all(reviewers[0], b, [8, 7, 6])  # 71.50
    rows = selectors.ranking(reviewed_call)
    assert [(r.application.pk, r.mean, r.reviews) for r in rows] == [
        (b.pk, Decimal("71.50"), 1),
        (a.pk, Decimal("70.00"), 2),
    ]
    score_all(reviewers[1], b, [6, 7, 8])  # 68.50 -> mean 70.00: tie, a submitted first
    assert [r.application.pk for r in selectors.ranking(reviewed_call)] == [a.pk, b.pk]

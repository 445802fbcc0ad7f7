"""The scoring arithmetic, in Decimal so that the same scores always give the same totals.

Each criterion is scored 0–10. A review's weighted score is out of 100:
    sum(score × weight) / 10          (weights add up to 100)
The mean of an application is the plain mean of its reviews' weighted scores. Both are rounded
half-up to two decimals, once, at the end."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from accord.portal.calls.models.reviews import SCORE_MAX

CENT = Decimal("0.01")
WEIGHT_TOTAL = 100


def weighted_total(pairs: Iterable[tuple[int, int]]) -> Decimal:
    """The weighted score out of 100 of (score, weight) pairs."""
    raw = sum((Decimal(score) * Decimal(weight) for score, weight in pairs), Decimal(0))
    return (raw / Decimal(SCORE_MAX)).quantize(CENT, rounding=ROUND_HALF_UP)


def mean(totals: Iterable[Decimal]) -> Decimal | None:
    """The mean of review totals, or None when there is none yet."""
    values = [Decimal(t) for t in totals]
    if not values:
        return None
    return (sum(values, Decimal(0)) / Decimal(len(values))).quantize(CENT, rounding=ROUND_HALF_UP)


def weights_problem(weights: Iterable[int]) -> str | None:
    """Why these weights cannot be a call's criteria, or None when they add up to 100."""
    values = list(weights)
    if not values:
        return "Add at least one selection criterion."
    total = sum(values)
    if total != WEIGHT_TOTAL:
        return f"The criteria weights add up to {total}; they must add up to exactly 100."
    return None

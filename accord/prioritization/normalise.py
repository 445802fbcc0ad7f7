"""Turning raw figures into values from 0 to 1, robustly and deterministically.

Money and counts have long tails (a few partners bring most of the money, a few networks
connect hundreds of organisations), so a plain "divide by the maximum" would flatten everyone
else to nearly zero. They are log-scaled against a reference: the 95th percentile of the
non-zero figures (nearest rank), so the top 5 % reach 1 and one outlier does not move the
others' values. Recency decays by half every 180 days."""

import math
from datetime import date

REFERENCE_PERCENTILE = 95
HALF_LIFE_DAYS = 180


def reference(values) -> float:
    """The 95th percentile (nearest rank) of the positive values; 0 when there are none."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return 0.0
    rank = max(1, math.ceil(REFERENCE_PERCENTILE / 100 * len(positive)))
    return float(positive[rank - 1])


def log_scaled(figures: dict[int, float]) -> dict[int, float]:
    """Each figure as log(1 + x) / log(1 + reference), capped at 1."""
    ref = reference(figures.values())
    if ref <= 0:
        return {}
    top = math.log1p(ref)
    return {k: min(1.0, math.log1p(v) / top) for k, v in figures.items() if v > 0}


def saturating(matched: int, available: int, enough: int) -> float:
    """`matched` of `available` priorities, where `enough` of them already count as full (a
    partner need not serve all twelve outcomes to be well aligned)."""
    if available <= 0:
        return 0.0
    return min(1.0, matched / min(available, enough))


def recency(last: date | None, as_of: date) -> float:
    if last is None:
        return 0.0
    days = max(0, (as_of - last).days)
    return 0.5 ** (days / HALF_LIFE_DAYS)


def rounded(value: float) -> float:
    """Values are stored rounded to 4 places: the same data give the same digits everywhere."""
    return round(value + 0.0, 4)

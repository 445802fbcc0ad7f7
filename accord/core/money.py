"""Money helpers shared by every app that stores amounts: the ISO 4217 currency list, rounding
to cents, and splitting an amount into parts that add up exactly.

Amounts are `Decimal`, never float. Which exchange rate converts an amount to USD is the funding
app's business (accord/funding/rates.py); this module knows nothing about rates."""

import csv
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path

CENT = Decimal("0.01")
USD = "USD"
# Column sizes of every money row (see accord.core.models.Money).
AMOUNT_DIGITS, AMOUNT_PLACES = 18, 2
RATE_DIGITS, RATE_PLACES = 20, 8


@cache
def currencies() -> dict[str, str]:
    """ISO 4217 code -> English name, from the IATI Currency codelist (active codes)."""
    path = Path(__file__).parent / "data" / "currencies.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def currency_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} — {name}") for code, name in sorted(currencies().items())]


def is_currency(code: str) -> bool:
    return code in currencies()


def to_cents(value: Decimal) -> Decimal:
    """Round half to even to the cent: the rounding that does not drift over many rows."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_EVEN)


def split(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` (in cents) in proportion to `weights` so that the parts add up to `total`
    exactly: each part is rounded down to the cent and the cents left over go, one each, to the
    parts with the largest remainders (ties to the earlier part)."""
    total = to_cents(total)
    if not weights:
        return []
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0:
        raise ValueError("Weights must add up to more than zero.")
    cents = int(total / CENT)
    exact = [Decimal(cents) * w / weight_sum for w in weights]
    floors = [int(x) if x >= 0 else -int(-x) for x in exact]
    left_over = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: abs(left_over)]:
        floors[i] += 1 if left_over > 0 else -1
    return [Decimal(c) * CENT for c in floors]

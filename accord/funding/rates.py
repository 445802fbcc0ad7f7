"""Conversion to US dollars with the monthly exchange rates (accord.funding.models.ExchangeRate).

Every money row keeps its original amount and currency; the services that record it call
`to_usd` (or `convert_many` for many rows) once and store the USD value, the rate and its source
beside it. A missing rate is a `MissingRateError` (a ValidationError on the currency field, so
forms and the API show it where the currency was chosen) — never a silent 1.0."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from accord.core.money import USD, is_currency, to_cents
from accord.funding.models import ExchangeRate

USD_SOURCE = "US dollar (no conversion)"
ONE = Decimal(1)


@dataclass(frozen=True)
class Conversion:
    amount_usd: Decimal
    rate: Decimal  # units of the currency per 1 USD
    source: str


class MissingRateError(ValidationError):
    def __init__(self, currency: str, month: date, field: str = "currency") -> None:
        self.currency, self.month = currency, month
        super().__init__(
            {
                field: [
                    f"There is no exchange rate for {currency} in {month:%B %Y}. Add it under "
                    "Funding › Exchange rates (or load that month's rates), then try again."
                ]
            }
        )


def month_of(day: date) -> date:
    return day.replace(day=1)


def check_currency(currency: str, field: str = "currency") -> None:
    if not is_currency(currency):
        raise ValidationError({field: [f"“{currency}” is not an ISO 4217 currency code."]})


def convert(amount: Decimal, rate: ExchangeRate | None, currency: str, day: date) -> Conversion:
    """`amount` of `currency` in USD with `rate` (the month's ExchangeRate, None for USD)."""
    if currency == USD:
        return Conversion(to_cents(amount), ONE, USD_SOURCE)
    if rate is None:
        raise MissingRateError(currency, month_of(day))
    return Conversion(to_cents(Decimal(amount) / rate.rate), rate.rate, rate.source)


def rates_for(pairs: Iterable[tuple[str, date]]) -> dict[tuple[str, date], ExchangeRate]:
    """The rates of the (currency, month) pairs asked for, in one query."""
    wanted = {(currency, month_of(day)) for currency, day in pairs if currency != USD}
    if not wanted:
        return {}
    currencies = {c for c, _ in wanted}
    months = {m for _, m in wanted}
    found = ExchangeRate.objects.filter(currency__in=currencies, month__in=months)
    return {(r.currency, r.month): r for r in found if (r.currency, r.month) in wanted}


def to_usd(amount: Decimal, currency: str, day: date, field: str = "currency") -> Conversion:
    """`amount` in USD at the rate of `day`'s month; MissingRateError when there is none."""
    check_currency(currency, field)
    rate = rates_for([(currency, day)]).get((currency, month_of(day)))
    try:
        return convert(amount, rate, currency, day)
    except MissingRateError:
        raise MissingRateError(currency, month_of(day), field) from None


def convert_many(rows: list[tuple[Decimal, str, date]]) -> list[Conversion]:
    """Convert many (amount, currency, day) rows with one query; the first missing rate raises."""
    for _, currency, _ in rows:
        check_currency(currency)
    rates = rates_for((currency, day) for _, currency, day in rows)
    return [
        convert(amount, rates.get((currency, month_of(day))), currency, day)
        for amount, currency, day in rows
    ]


def from_usd(amount_usd: Decimal, currency: str, day: date) -> Decimal:
    """A USD amount in `currency` at the rate of `day`'s month (to the cent)."""
    conversion = to_usd(ONE, currency, day)
    return to_cents(Decimal(amount_usd) * conversion.rate)

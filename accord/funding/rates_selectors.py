"""Reads of the exchange rates: every funding reader may see them (they are not scoped)."""

from django.db.models import QuerySet

from accord.funding.models import ExchangeRate


def rate_rows(*, currency: str = "", year: int | None = None) -> QuerySet[ExchangeRate]:
    """Rates, latest month first, optionally of one currency and one year."""
    qs = ExchangeRate.objects.select_related("entered_by").order_by("-month", "currency")
    if currency:
        qs = qs.filter(currency=currency)
    if year:
        qs = qs.filter(month__year=year)
    return qs

"""Monthly exchange rates, UN operational rates of exchange style: for each currency and month,
how many units of the currency one US dollar buys. Loaded from CSV or entered by hand; the
funding app converts every amount with the rate of its value date's month."""

from django.conf import settings
from django.db import models


class ExchangeRate(models.Model):
    currency = models.CharField(max_length=3)
    month = models.DateField(help_text="The first day of the month the rate applies to.")
    rate = models.DecimalField(
        max_digits=20, decimal_places=8, help_text="Units of the currency per 1 USD."
    )
    source = models.CharField(max_length=120)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "month"], name="exchangerate_uniq"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchangerate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.month:%Y-%m}: {self.rate}"

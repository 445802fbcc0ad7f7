"""Pledges (a partner's commitment, usually a won opportunity) with their payment schedule, and
contributions received against them, with soft credits and allocations to programmes.

Pledge status (is the commitment standing?) and payment status (how much of it arrived?) are
separate fields. The received sums and payment statuses are kept up to date by the services
that record contributions, in the same transaction (accord/funding/pledge_services.py)."""

from django.conf import settings
from django.db import models

from accord.core.models import Money, Versioned
from accord.funding.models.pipeline import ResourceKind


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", "Pledged"
    CONFIRMED = "confirmed", "Confirmed in writing"
    CANCELLED = "cancelled", "Cancelled"


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", "Unpaid"
    PARTIAL = "partial", "Partly paid"
    PAID = "paid", "Paid"
    OVERPAID = "overpaid", "Overpaid"


class Pledge(Versioned, Money):
    """`value_date` is the date of the pledge; `amount` is in the pledge's own currency."""

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="pledges"
    )
    opportunity = models.OneToOneField(
        "funding.Opportunity", null=True, blank=True, on_delete=models.PROTECT,
        related_name="pledge",
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=10, choices=ResourceKind.choices, default=ResourceKind.FINANCIAL
    )
    in_kind_description = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.PLEDGED
    )
    payment_status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    received_amount = models.DecimalField(
        max_digits=18, decimal_places=2, default=0,
        help_text="Received so far, in the pledge's currency.",
    )
    received_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    flagship = models.ForeignKey(
        "strategy.FlagshipProgramme", null=True, blank=True, on_delete=models.PROTECT,
        related_name="pledges", verbose_name="flagship programme",
    )
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    region = models.ForeignKey(
        "accounts.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-value_date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-value_date"], name="pledge_org_idx"),
            models.Index(fields=["flagship", "status"], name="pledge_flagship_idx"),
            models.Index(fields=["status", "payment_status"], name="pledge_status_idx"),
            models.Index(fields=["updated_at", "id"], name="pledge_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Instalment(models.Model):
    """One scheduled payment of a pledge, in the pledge's currency; `amount_usd` is its share of
    the pledge's USD value (the schedule's USD parts add up to the pledge's exactly)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField()
    due_date = models.DateField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    amount_usd = models.DecimalField(max_digits=18, decimal_places=2)
    received_amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    payment_status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )

    class Meta:
        ordering = ["pledge", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"], name="instalment_number_uniq")
        ]
        indexes = [models.Index(fields=["due_date", "payment_status"], name="instalment_due_idx")]

    def __str__(self) -> str:
        return f"{self.pledge} #{self.number}"


class Contribution(Versioned, Money):
    """Resources received. `value_date` is the date received; `amount` is in the currency it
    came in, which may differ from the pledge's (`pledge_amount` is its value in the pledge's
    currency, converted through USD, and is what counts against the schedule)."""

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="contributions"
    )
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    instalment = models.ForeignKey(
        Instalment, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contributions",
    )
    pledge_amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    kind = models.CharField(
        max_length=10, choices=ResourceKind.choices, default=ResourceKind.FINANCIAL
    )
    in_kind_description = models.TextField(blank=True)
    reference = models.CharField(max_length=120, blank=True, help_text="Bank or receipt reference.")
    note = models.TextField(blank=True)
    region = models.ForeignKey(
        "accounts.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    soft_credits = models.ManyToManyField(
        "partners.Organisation", through="SoftCredit", related_name="brokered_contributions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-value_date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-value_date"], name="contribution_org_idx"),
            models.Index(fields=["pledge", "value_date"], name="contribution_pledge_idx"),
            models.Index(fields=["updated_at", "id"], name="contribution_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} from {self.organisation_id} on {self.value_date}"


class SoftCredit(models.Model):
    """A partner that brokered or facilitated a contribution it did not pay itself."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE)
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT)
    role = models.CharField(max_length=80, default="broker")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "organisation"], name="softcredit_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ({self.role}) for {self.contribution_id}"


class Allocation(models.Model):
    """The share of a contribution that funds one programme (flagship programme and/or outcome).
    Every contribution has at least one; their amounts add up to the contribution's exactly, in
    the original currency and in USD. `year` is the contribution's year, kept here so the
    funding view groups without a join."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="allocations"
    )
    flagship = models.ForeignKey(
        "strategy.FlagshipProgramme", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.ForeignKey(
        "strategy.Outcome", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    amount_usd = models.DecimalField(max_digits=18, decimal_places=2)
    year = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["flagship", "year"], name="allocation_flagship_idx"),
            models.Index(fields=["outcome", "year"], name="allocation_outcome_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.amount_usd} USD of {self.contribution_id} in {self.year}"

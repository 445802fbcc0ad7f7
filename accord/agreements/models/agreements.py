"""Agreements with partners, their parties, amendments and documents.

The status follows an explicit life cycle (draft → under review → signed → active → expired /
terminated / closed) whose allowed changes, guards and side effects are data in
accord/agreements/states.py; signed → active and active → expired also run by date from
`accord send_reminders`."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class AgreementType(models.Model):
    """MoU, letter of intent, … — a list an administrator can extend."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    has_value = models.BooleanField(
        default=False, help_text="Whether agreements of this type usually carry a money value."
    )
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    UNDER_REVIEW = "under_review", "Under review"
    SIGNED = "signed", "Signed"
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    TERMINATED = "terminated", "Terminated"
    CLOSED = "closed", "Closed"


IN_FORCE = (AgreementStatus.SIGNED, AgreementStatus.ACTIVE)


class Agreement(Versioned):
    """The value (optional: an MoU usually has none) keeps its currency and value date and its
    USD equivalent with the rate used, like every money row (accord.core.models.Money)."""

    reference = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    type = models.ForeignKey(AgreementType, on_delete=models.PROTECT, related_name="agreements")
    status = models.CharField(
        max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    parties = models.ManyToManyField(
        "partners.Organisation", through="AgreementParty", related_name="agreements"
    )
    summary = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    value_date = models.DateField(null=True, blank=True)
    amount_usd = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    usd_rate = models.DecimalField(max_digits=20, decimal_places=8, null=True, blank=True)
    rate_source = models.CharField(max_length=120, blank=True)
    opportunity = models.ForeignKey(
        "funding.Opportunity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    pledge = models.ForeignKey(
        "funding.Pledge",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    signed_on = models.DateField(null=True, blank=True, help_text="Date of the last signature.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    flagship = models.ForeignKey(
        "strategy.FlagshipProgramme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name="flagship programme",
    )
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    strategies = models.ManyToManyField(
        "strategy.EngagementStrategy",
        blank=True,
        related_name="agreements",
        verbose_name="strategy lines",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    office = models.CharField(max_length=150, blank=True)
    region = models.ForeignKey(
        "accounts.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The lead office's region; empty for headquarters.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "end_date"], name="agreement_status_end_idx"),
            models.Index(fields=["status", "start_date"], name="agreement_status_start_idx"),
            models.Index(fields=["type", "status"], name="agreement_type_idx"),
            models.Index(fields=["region", "status"], name="agreement_region_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class PartyRole(models.TextChoices):
    DONOR = "donor", "Donor"
    IMPLEMENTING = "implementing", "Implementing partner"
    CO_SIGNATORY = "co_signatory", "Co-signatory"
    HOST = "host", "Host government"
    BENEFICIARY = "beneficiary", "Beneficiary"
    OTHER = "other", "Other"


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_links")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(
        max_length=14, choices=PartyRole.choices, default=PartyRole.CO_SIGNATORY
    )
    signatory_name = models.CharField(max_length=200, blank=True)
    signed_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "agreement parties"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreementparty_uniq"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "agreement"], name="agreementparty_org_idx")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} ({self.get_role_display()}) in {self.agreement_id}"


class Amendment(models.Model):
    """A change to a signed agreement: what changed (field -> [old, new]) and why."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField()
    signed_on = models.DateField()
    summary = models.TextField()
    changes = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="amendment_number_uniq")
        ]

    def __str__(self) -> str:
        return f"Amendment {self.number} to {self.agreement_id}"


class Document(models.Model):
    """An uploaded file (the signed copy, a draft, an annex), checked by content and size, kept
    in private storage (never under a served folder) and served only through a permission
    check."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    amendment = models.ForeignKey(
        Amendment, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="agreements/%Y/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

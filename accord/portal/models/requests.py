"""What waits for a decision: a registration (a new organisation and its focal point, or a
person asking to join a registered organisation) and a change to a key field of a profile."""

from django.conf import settings
from django.db import models

from accord.core.models import TimeStamped


class RegistrationKind(models.TextChoices):
    NEW = "new", "New organisation"
    JOIN = "join", "Join a registered organisation"


class RegistrationStatus(models.TextChoices):
    UNVERIFIED = "unverified", "E-mail not yet verified"
    SUBMITTED = "submitted", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Registration(TimeStamped):
    """The proposed data, kept here until a decision: the organisation is created in the
    registry (through accord.partners.services) and the person's account only on approval,
    so nothing unverified or unapproved ever reaches the registry or the users."""

    kind = models.CharField(max_length=8, choices=RegistrationKind.choices)
    status = models.CharField(
        max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.UNVERIFIED
    )
    # The organisation as the person describes it.
    org_name = models.CharField("organisation name", max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    category = models.ForeignKey(
        "strategy.PartnerCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    country = models.ForeignKey(
        "accounts.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    website = models.URLField(max_length=300, blank=True)
    org_email = models.EmailField("organisation e-mail", blank=True)
    iati_identifier = models.CharField("IATI identifier", max_length=100, blank=True)
    registration_number = models.CharField(max_length=100, blank=True)
    # The focal point; the password is kept hashed, as the user table would keep it.
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    job_title = models.CharField(max_length=150, blank=True)
    password_hash = models.CharField(max_length=256)
    message = models.TextField(blank=True, help_text="What the person tells the reviewers.")
    # The organisation joined (join requests: proposed by duplicate matching, confirmed by
    # the decision) or created (new organisations, on approval).
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portal_registrations",
    )
    # What the checks found when the e-mail was verified, shown to the deciders:
    # [{"organisation_id", "score", "reasons"}] and [{"name", "listed_name", "score", "reasons",
    # "entry_id", "kind"}].
    matches = models.JSONField(default=list, blank=True)
    screening = models.JSONField(default=list, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True, help_text="Why it was rejected (sent to the person).")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_registrations",
        help_text="The account created on approval.",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "kind", "-created_at"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self) -> str:
        who = f"{self.first_name} {self.last_name}".strip()
        return f"{who} for {self.org_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPLIED = "applied", "Approved and applied"
    REJECTED = "rejected", "Rejected"


class ChangeRequest(TimeStamped):
    """A partner's change to key fields of its profile (name, identifiers, category): staff
    see the diff and apply it through accord.partners.services, or refuse it with a reason."""

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="portal_change_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    # {field: [old, new]} as shown to people, and {field: value} as the service takes it.
    changes = models.JSONField(default=dict)
    proposed = models.JSONField(default=dict)
    note = models.TextField(blank=True, help_text="Why the partner asks for the change.")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"Change to {', '.join(self.changes)} (#{self.pk})"

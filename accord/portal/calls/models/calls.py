"""A call for expression of interest or for proposals, what it asks (questions), how
applications are judged (criteria with weights adding up to 100) and the clarifications
published to every applicant."""

from django.conf import settings
from django.db import models

from accord.core.models import TimeStamped, Versioned


class CallKind(models.TextChoices):
    INTEREST = "interest", "Call for expression of interest"
    PROPOSALS = "proposals", "Call for proposals"


class CallStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    UNDER_REVIEW = "under_review", "Under review"
    FINALISED = "finalised", "Finalised"


class DiligenceRequirement(models.TextChoices):
    NONE = "none", "No due-diligence condition"
    NOT_BLOCKED = "not_blocked", "Not blocked by due diligence or sanctions screening"
    APPROVED = "approved", "An approved due-diligence review still valid"


class Call(Versioned):
    kind = models.CharField(max_length=12, choices=CallKind.choices, default=CallKind.PROPOSALS)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=14, choices=CallStatus.choices, default=CallStatus.DRAFT)
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    countries = models.ManyToManyField("accounts.Country", blank=True, related_name="+")
    categories = models.ManyToManyField(
        "strategy.PartnerCategory",
        blank=True,
        related_name="+",
        verbose_name="eligible partner categories",
        help_text="Leave empty to open the call to every category.",
    )
    diligence = models.CharField(
        "due-diligence condition",
        max_length=12,
        choices=DiligenceRequirement.choices,
        default=DiligenceRequirement.NOT_BLOCKED,
    )
    deadline = models.DateTimeField()
    clarification_deadline = models.DateTimeField(null=True, blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="call_assignments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-deadline", "-id"]
        indexes = [models.Index(fields=["status", "deadline"], name="call_status_deadline_idx")]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(help_text="Percent; a call's weights add up to 100.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class Question(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=500)
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["call", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Clarification(TimeStamped):
    """A question an applicant asks about the call. Who asked stays with staff; the answer is
    published to every applicant and on the public call page without the asker."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="clarifications")
    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call", "created_at", "id"]

    def __str__(self) -> str:
        return f"Clarification {self.pk} on call {self.call_id}"

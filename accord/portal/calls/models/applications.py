"""An organisation's application to a call: its answers, its documents, and the result it is
told (the notice its partner users see on the call page)."""

from django.conf import settings
from django.db import models

from accord.core.models import TimeStamped, Versioned
from accord.portal.calls.models.calls import Call, Question


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    SELECTED = "selected", "Selected"
    NOT_SELECTED = "not_selected", "Not selected"


# Applications reviewers and staff work with: everything sent, never drafts.
SENT_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.SELECTED,
    ApplicationStatus.NOT_SELECTED,
)


class Application(Versioned):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="call_applications"
    )
    status = models.CharField(
        max_length=14, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    notice = models.TextField(blank=True, help_text="The result as the applicant reads it.")
    notified_at = models.DateTimeField(null=True, blank=True)
    opportunity = models.ForeignKey(
        "funding.Opportunity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="one_application_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["organisation", "call"], name="application_org_idx")]

    def __str__(self) -> str:
        return f"Application {self.pk} to call {self.call_id}"

    @property
    def applicant_status(self) -> str:
        """The status the applicant may know: staff's shortlist and choice stay "submitted"
        until the result is announced (notified_at), on every page and in the API."""
        if self.notified_at or self.status == ApplicationStatus.DRAFT:
            return self.status
        return ApplicationStatus.SUBMITTED

    @property
    def applicant_status_label(self) -> str:
        return ApplicationStatus(self.applicant_status).label


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"Answer to question {self.question_id} of application {self.application_id}"


class ApplicationDocument(TimeStamped):
    """A file sent with an application, checked by content and size like agreement documents,
    kept in private storage and served only through a permission check."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="calls/%Y/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return self.title

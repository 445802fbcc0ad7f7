"""Governance bodies (Executive Board, UN-Habitat Assembly, Stakeholder Advisory Group, …),
their members, their sessions and which partners took part in each."""

from django.db import models

from accord.core.models import Versioned


class BodyKind(models.TextChoices):
    EXECUTIVE_BOARD = "executive_board", "Executive board"
    ASSEMBLY = "assembly", "Assembly"
    ADVISORY_GROUP = "advisory_group", "Stakeholder advisory group"
    ADVISORY_BOARD = "advisory_board", "Thematic advisory board"
    LOCAL_AUTHORITIES = "local_authorities", "Assembly of local and regional authorities"
    MINISTERIAL = "ministerial", "Regional ministerial meeting"
    OTHER = "other", "Other body"


class GovernanceBody(Versioned):
    code = models.SlugField(max_length=48, unique=True)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=24, choices=BodyKind.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "governance bodies"

    def __str__(self) -> str:
        return self.name


class BodyMembership(models.Model):
    """A partner (and optionally the person who sits for it) on a body, with role and term."""

    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="body_memberships"
    )
    contact = models.ForeignKey(
        "partners.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=100, default="Member")
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["body", "-term_start", "id"]
        indexes = [models.Index(fields=["organisation", "body"], name="membership_org_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.role} of {self.body_id}"


class BodySession(models.Model):
    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["body", "-start_date"], name="session_body_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="session_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%b %Y})"


class ParticipationRole(models.TextChoices):
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"
    SPEAKER = "speaker", "Speaker"
    CHAIR = "chair", "Chair or co-chair"
    DELEGATE = "delegate", "Delegate"
    OTHER = "other", "Other"


class SessionParticipation(models.Model):
    """A partner that took part in a session (one row per partner and session)."""

    session = models.ForeignKey(
        BodySession, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="session_participations"
    )
    contact = models.ForeignKey(
        "partners.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(
        max_length=12, choices=ParticipationRole.choices, default=ParticipationRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["session", "id"]
        indexes = [models.Index(fields=["organisation", "session"], name="participation_org_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="participation_session_org_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} at session {self.session_id} as {self.role}"

"""The engagement log: what was done (or is planned) with which partners, tagged with the
strategy lines, outcomes, flagship programme and SDGs it serves; and its follow-up actions."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class EngagementKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    DIALOGUE = "dialogue", "High-level or policy dialogue"
    EVENT = "event", "Event"
    CONFERENCE_SESSION = "conference_session", "Conference session"
    TECHNICAL_ADVICE = "technical_advice", "Technical advice"
    CAPACITY_BUILDING = "capacity_building", "Capacity building"
    JOINT_PROGRAMMING = "joint_programming", "Joint programming"
    CO_CREATION = "co_creation", "Co-creation"
    RESEARCH = "research", "Research collaboration"
    COMMUNICATION = "communication", "Communication and advocacy"
    MISSION = "mission", "Mission"
    INTRODUCTION = "introduction", "Introduction"
    SIGNING = "signing", "Signing"


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Engagement(Versioned):
    kind = models.CharField(max_length=24, choices=EngagementKind.choices)
    status = models.CharField(
        max_length=12, choices=EngagementStatus.choices, default=EngagementStatus.HELD
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    organisations = models.ManyToManyField(
        "partners.Organisation",
        through="EngagementPartner",
        related_name="engagements",
        verbose_name="partners",
    )
    contacts = models.ManyToManyField(
        "partners.Contact",
        blank=True,
        related_name="engagements",
        verbose_name="contacts involved",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="engagements",
        verbose_name="UN-Habitat staff involved",
    )
    lead_region = models.ForeignKey(
        "accounts.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_engagements",
        verbose_name="lead region",
        help_text="The region whose office led it; empty for headquarters.",
    )
    office = models.CharField(max_length=150, blank=True, verbose_name="lead office")
    country = models.ForeignKey(
        "accounts.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
        help_text="Where it took place or which country it serves.",
    )
    strategies = models.ManyToManyField(
        "strategy.EngagementStrategy",
        through="EngagementStrategyLine",
        blank=True,
        related_name="engagements",
        verbose_name="strategy lines",
    )
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="engagements")
    flagship = models.ForeignKey(
        "strategy.FlagshipProgramme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name="flagship programme",
    )
    sdgs = models.ManyToManyField(
        "strategy.SdgGoal", blank=True, related_name="engagements", verbose_name="SDGs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration data.")

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            # The list's default order and the "per period" range scans.
            models.Index(fields=["-start_date", "-id"], name="engagement_date_idx"),
            models.Index(fields=["lead_region", "-start_date"], name="engagement_region_idx"),
            models.Index(fields=["country", "-start_date"], name="engagement_country_idx"),
            models.Index(fields=["kind", "-start_date"], name="engagement_kind_idx"),
            models.Index(fields=["status", "-start_date"], name="engagement_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="engagement_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%d %b %Y})"


class EngagementPartner(models.Model):
    """A partner involved in an engagement. The engagement's date and status are copied here
    (the services keep them in step) so a partner's timeline and its last engagement are one
    index range scan, however many engagements there are."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="partner_links"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="engagement_links"
    )
    start_date = models.DateField()
    status = models.CharField(max_length=12, choices=EngagementStatus.choices)

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "-start_date", "-engagement"],
                name="engpartner_timeline_idx",
            ),
            models.Index(
                fields=["organisation", "status", "-start_date"], name="engpartner_last_idx"
            ),
            models.Index(fields=["start_date", "organisation"], name="engpartner_period_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "organisation"], name="engagement_partner_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in engagement {self.engagement_id}"


class EngagementStrategyLine(models.Model):
    """A strategy line an engagement serves, with the engagement's date and status copied (kept
    in step by the services) for the per-line, per-period counts of the scorecard."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="strategy_links"
    )
    strategy = models.ForeignKey(
        "strategy.EngagementStrategy", on_delete=models.PROTECT, related_name="engagement_links"
    )
    start_date = models.DateField()
    status = models.CharField(max_length=12, choices=EngagementStatus.choices)

    class Meta:
        indexes = [
            models.Index(fields=["strategy", "-start_date"], name="engline_period_idx"),
            models.Index(fields=["strategy", "status", "-start_date"], name="engline_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "strategy"], name="engagement_strategy_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"line {self.strategy_id} in engagement {self.engagement_id}"


class FollowUp(models.Model):
    """An action an engagement calls for, with who does it and by when."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups"
    )
    due_date = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            # Open follow-ups by due date (overdue lists and reminders), per owner or overall.
            models.Index(
                fields=["owner", "due_date"],
                condition=models.Q(done_at__isnull=True),
                name="followup_open_owner_idx",
            ),
            models.Index(
                fields=["due_date"],
                condition=models.Q(done_at__isnull=True),
                name="followup_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

"""The knowledge hub's tables: items (good practices, impact stories, publications, data sets)
with the partners they involve, and their dissemination to partners and contacts."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class Kind(models.TextChoices):
    GOOD_PRACTICE = "good_practice", "Good practice"
    IMPACT_STORY = "impact_story", "Impact story"
    PUBLICATION = "publication", "Publication"
    DATASET = "dataset", "Data set"


# The kinds that are told as stories: what the Executive Board report shows as highlights.
STORY_KINDS = (Kind.IMPACT_STORY, Kind.GOOD_PRACTICE)
# The kinds that point to a document or data published elsewhere.
LINKED_KINDS = (Kind.PUBLICATION, Kind.DATASET)


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class PartnerRole(models.TextChoices):
    TOOK_PART = "took_part", "Took part"
    FEATURED = "featured", "Featured"
    PRODUCED = "produced", "Produced"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    NEWSLETTER = "newsletter", "Newsletter"
    EVENT = "event", "Event"
    MEETING = "meeting", "Meeting"
    SOCIAL_MEDIA = "social_media", "Social media"
    WEBSITE = "website", "Website"
    PRINT = "print", "Printed copy"
    OTHER = "other", "Other"


class Item(Versioned):
    """One piece of knowledge. `body` holds HTML that the services sanitised (accord/knowledge/
    html.py) before it was stored; it is sanitised again when shown."""

    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(max_length=2000, blank=True)
    body = models.TextField(blank=True)
    date = models.DateField(help_text="When it happened or was published.")
    url = models.URLField(max_length=500, blank=True, help_text="Where the document or data is.")
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    outcomes = models.ManyToManyField("strategy.Outcome", blank=True, related_name="+")
    countries = models.ManyToManyField("accounts.Country", blank=True, related_name="+")
    flagships = models.ManyToManyField("strategy.FlagshipProgramme", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration data.")

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["state", "-date"]),
            models.Index(fields=["kind", "-date"]),
        ]

    def __str__(self) -> str:
        return self.title


class ItemPartner(models.Model):
    """A partner named by an item, and how: it took part, is featured, or produced it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=16, choices=PartnerRole.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "organisation"], name="knowledge_partner_uniq")
        ]
        indexes = [models.Index(fields=["organisation", "item"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.get_role_display()}"


class Dissemination(models.Model):
    """An item sent to partners and/or contacts on one day through one channel."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="disseminations")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(max_length=2000, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["item", "-sent_on"]), models.Index(fields=["sent_on"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.sent_on:%Y-%m-%d}"


class Recipient(models.Model):
    """One partner that received a dissemination, and the contact it went to when there was
    one (the contact's organisation is always stored, so per-partner lists are one index)."""

    dissemination = models.ForeignKey(
        Dissemination, on_delete=models.CASCADE, related_name="recipients"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        "partners.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dissemination", "organisation"],
                condition=models.Q(contact__isnull=True),
                name="knowledge_recipient_org_uniq",
            ),
            models.UniqueConstraint(
                fields=["dissemination", "contact"],
                condition=models.Q(contact__isnull=False),
                name="knowledge_recipient_contact_uniq",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "dissemination"])]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.contact_id or '-'}"

"""The partner registry: organisations, their names, contacts and relationships."""

from django.conf import settings
from django.db import models

from accord.core.models import Versioned


class OrganisationStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    FORMER = "former", "Former"


class Resource(models.TextChoices):
    """What a partner can bring to the work of the strategic plan."""

    FINANCING = "financing", "Financing"
    IN_KIND = "in_kind", "In-kind support"
    EXPERTISE = "expertise", "Technical expertise"
    DATA = "data", "Data and research"
    CONVENING = "convening", "Convening power"
    ADVOCACY = "advocacy", "Advocacy and communication"
    INNOVATION = "innovation", "Innovation and technology"
    NETWORKS = "networks", "Networks and outreach"


class Organisation(Versioned):
    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    category = models.ForeignKey(
        "strategy.PartnerCategory", on_delete=models.PROTECT, related_name="organisations"
    )
    subtype = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(
        "accounts.Country", null=True, blank=True, on_delete=models.PROTECT,
        related_name="organisations",
    )
    # Stored beside the country (kept in step by the services) so region scoping and the
    # region filter are one indexed column, not a join.
    region = models.ForeignKey(
        "accounts.Region", null=True, blank=True, on_delete=models.PROTECT,
        related_name="organisations",
    )
    city = models.CharField(max_length=120, blank=True)
    website = models.URLField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    iati_identifier = models.CharField(max_length=100, blank=True)
    registration_number = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=16, choices=OrganisationStatus.choices, default=OrganisationStatus.PROSPECT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_organisations", help_text="The relationship owner.",
    )
    outcomes = models.ManyToManyField(
        "strategy.Outcome", blank=True, related_name="organisations",
        help_text="Outcomes of the strategic plan this partner is interested in.",
    )
    resources_offered = models.JSONField(default=list, blank=True)
    ref = models.CharField(max_length=100, blank=True, help_text="Identifier in the source system.")
    # Lower-case ASCII form of the name, for sorting and prefix search in any script.
    sort_name = models.CharField(max_length=300, db_index=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    # Set when this organisation was merged into another (it is then archived); a merge undo
    # clears it. See accord/partners/merge.py.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration data.")

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["category", "sort_name"]),
            models.Index(fields=["region", "sort_name"]),
            models.Index(fields=["country", "sort_name"]),
            models.Index(fields=["status", "sort_name"]),
            models.Index(fields=["iati_identifier"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"], condition=~models.Q(iati_identifier=""),
                name="organisation_iati_identifier_uniq",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class OrganisationName(models.Model):
    """Another name an organisation is known by: alias, former name or translation."""

    class Kind(models.TextChoices):
        ALIAS = "alias", "Alias"
        FORMER = "former", "Former name"
        TRANSLATION = "translation", "Translation"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ALIAS)
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="organisation_name_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class SearchToken(models.Model):
    """One normalised word of an organisation's names; prefix range scans over this index make
    the search box fast in every script (each word is also stored transliterated to ASCII)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="search_tokens"
    )
    token = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["token", "organisation"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "token"], name="search_token_uniq")
        ]

    def __str__(self) -> str:
        return self.token


class LawfulBasis(models.TextChoices):
    """Why a UN body may hold this person's data (UN personal data protection principles)."""

    CONSENT = "consent", "Consent"
    CONTRACT = "contract", "Performance of an agreement"
    LEGITIMATE_INTEREST = "legitimate_interest", "Legitimate interest of the organisation"
    PUBLIC_MANDATE = "public_mandate", "Mandate of the organisation"


class Contact(Versioned):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    languages = models.JSONField(default=list, blank=True)  # ISO 639-1 codes
    is_primary = models.BooleanField(default=False)
    lawful_basis = models.CharField(
        max_length=24, choices=LawfulBasis.choices, default=LawfulBasis.LEGITIMATE_INTEREST
    )
    consent_given_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=150, blank=True, help_text="Where the data came from.")
    archived_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["organisation", "last_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RelationshipKind(models.TextChoices):
    MEMBER_OF = "member_of", "is a member of"
    SUBSIDIARY_OF = "subsidiary_of", "is a subsidiary of"
    NETWORK_OF = "network_of", "is a network of"
    PARTNER_OF = "partner_of", "is a partner of"
    FUNDS = "funds", "funds"
    HOSTS = "hosts", "hosts"


class Relationship(models.Model):
    """A typed, directional link: `source` <kind> `target` (e.g. a city is a member of UCLG)."""

    source = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="relationships_out"
    )
    target = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="relationships_in"
    )
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relationship_uniq"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

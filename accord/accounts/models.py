"""Users, roles, regions and countries, API tokens."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Region(models.Model):
    """A UN-Habitat regional grouping; every country belongs to exactly one."""

    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=100)
    office = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    code = models.CharField(max_length=2, primary_key=True)  # ISO 3166-1 alpha-2
    iso3 = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    names = models.JSONField(default=dict, blank=True)  # {"fr": ..., "ar": ...}
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries")
    un_member = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    OFFICER = "officer", "Partnerships officer"
    REGIONAL = "regional", "Regional focal point"
    PROGRAMME = "programme", "Programme manager"
    REVIEWER = "reviewer", "Reviewer"
    MANAGEMENT = "management", "Management (read-only)"
    PARTNER = "partner", "Partner focal point"


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MANAGEMENT)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="focal_points",
        help_text="For regional focal points: the regions whose partners they work with.",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", null=True, blank=True, on_delete=models.PROTECT,
        related_name="portal_users",
        help_text="For partner focal points: the organisation they speak for.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 hash is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

"""Sanctions lists as loaded: each load of a list file is a version (date generated, checksum);
an entry (an individual or an entity, with all its names) stays across versions and is marked
delisted, never deleted, when a newer version no longer carries it. The UN Security Council
consolidated list is the first list; others (EU, OFAC) are other parsers of the same model."""

from django.conf import settings
from django.db import models


class SanctionsList(models.Model):
    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    parser = models.CharField(max_length=32, help_text="accord.diligence.parsers key")
    is_active = models.BooleanField(default=True, help_text="Screened against.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ListVersion(models.Model):
    sanctions_list = models.ForeignKey(
        SanctionsList, on_delete=models.PROTECT, related_name="versions"
    )
    generated_at = models.DateTimeField(null=True, blank=True, help_text="As the file says.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file.")
    file_name = models.CharField(max_length=255)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    counts = models.JSONField(default=dict, blank=True)  # entries, added, changed, delisted…
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sanctions_list", "checksum"], name="listversion_checksum_uniq"
            ),
            models.UniqueConstraint(
                fields=["sanctions_list"], condition=models.Q(is_current=True),
                name="listversion_one_current",
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.generated_at:%Y-%m-%d}" if self.generated_at else self.file_name
        return f"{self.sanctions_list} of {when}"


class EntryKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    ENTITY = "entity", "Entity"


class Entry(models.Model):
    """One listed individual or entity. `data_id` is the list's own stable identifier; the
    facts are those of the latest version that carried the entry."""

    sanctions_list = models.ForeignKey(
        SanctionsList, on_delete=models.PROTECT, related_name="entries"
    )
    data_id = models.CharField(max_length=40)
    reference_number = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    name = models.CharField(max_length=500)
    original_script_name = models.CharField(max_length=500, blank=True)
    list_type = models.CharField(max_length=100, blank=True, help_text="e.g. Al-Qaida, DPRK")
    listed_on = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    nationalities = models.JSONField(default=list, blank=True)  # as written in the list
    countries = models.JSONField(default=list, blank=True)  # ISO2 codes found in the facts
    dates_of_birth = models.JSONField(default=list, blank=True)  # [{"type", "date"|"year"|…}]
    places_of_birth = models.JSONField(default=list, blank=True)
    addresses = models.JSONField(default=list, blank=True)
    documents = models.JSONField(default=list, blank=True)
    titles = models.JSONField(default=list, blank=True)
    designations = models.JSONField(default=list, blank=True)
    comments = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=64, help_text="Hash of the facts, to see change.")
    first_version = models.ForeignKey(
        ListVersion, on_delete=models.PROTECT, related_name="+"
    )
    last_version = models.ForeignKey(
        ListVersion, on_delete=models.PROTECT, related_name="+",
        help_text="The latest version that carried the entry.",
    )
    delisted_in = models.ForeignKey(
        ListVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="delisted",
        help_text="The first version that no longer carried it.",
    )

    class Meta:
        ordering = ["reference_number", "id"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["sanctions_list", "data_id"], name="entry_dataid_uniq")
        ]
        indexes = [
            models.Index(fields=["sanctions_list", "delisted_in"], name="entry_active_idx"),
            models.Index(fields=["reference_number"], name="entry_reference_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference_number} {self.name}"

    @property
    def is_listed(self) -> bool:
        return self.delisted_in_id is None


class NameKind(models.TextChoices):
    PRIMARY = "primary", "Name"
    ALIAS = "alias", "Alias"
    ORIGINAL_SCRIPT = "original", "Name in original script"


class AliasQuality(models.TextChoices):
    """The list's own judgement of an alias: "Low" quality aliases are too broad to identify
    someone on their own and weigh less in screening."""

    NONE = "", "—"
    GOOD = "good", "Good"
    LOW = "low", "Low"
    AKA = "aka", "a.k.a."
    FKA = "fka", "f.k.a. (formerly known as)"


class EntryName(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=NameKind.choices)
    quality = models.CharField(max_length=4, choices=AliasQuality.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=500, help_text="The name normalised for screening.")

    class Meta:
        ordering = ["entry", "id"]
        indexes = [models.Index(fields=["key"], name="entryname_key_idx")]

    def __str__(self) -> str:
        return self.name

"""Data quality: imports (one batch, reversible), duplicate candidates and decisions, merges."""

from django.conf import settings
from django.db import models

from accord.partners.models.registry import Organisation


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", "Organisations"
    CONTACTS = "contacts", "Contacts"


class OnMatch(models.TextChoices):
    """What an imported row does when it matches an organisation already registered."""

    SKIP = "skip", "Skip the row (keep what is registered)"
    UPDATE = "update", "Update the registered organisation with the row's values"
    CREATE = "create", "Create a new organisation anyway"


class ColumnMapping(models.Model):
    """A saved mapping of a spreadsheet's headers to Accord's import columns."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    mapping = models.JSONField(default=dict)  # {"source header": "target column" or ""}
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="column_mapping_name_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One import of one file: previewed, then imported as a whole, and reversible as a whole.

    Every record it writes carries the history batch `import:<id>`."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Uploaded"
        PREVIEWING = "previewing", "Preview in progress"
        PREVIEWED = "previewed", "Previewed"
        IMPORTING = "importing", "Import in progress"
        IMPORTED = "imported", "Imported"
        ROLLED_BACK = "rolled_back", "Rolled back"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.UPLOADED)
    file_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="imports/", blank=True)  # private storage, never served
    file_sha256 = models.CharField(max_length=64, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    on_match = models.CharField(max_length=8, choices=OnMatch.choices, default=OnMatch.SKIP)
    match_duplicates = models.BooleanField(default=True)
    counts = models.JSONField(default=dict, blank=True)  # {"created": n, "updated": n, ...}
    message = models.TextField(blank=True)
    # While a background task previews or imports the file: {"step", "done", "total", "error"}.
    progress = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    rolled_back_at = models.DateTimeField(null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import #{self.pk} {self.file_name}"

    @property
    def history_batch(self) -> str:
        return f"import:{self.pk}"

    @property
    def is_working(self) -> bool:
        """A background task is previewing or importing this file right now."""
        return self.status in (self.Status.PREVIEWING, self.Status.IMPORTING)


class ImportRow(models.Model):
    """The outcome of one row of an import: what it did (or would do) and why."""

    class Outcome(models.TextChoices):
        NEW = "new", "New"
        MATCH = "match", "Matches a registered organisation"
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        SKIPPED = "skipped", "Skipped"
        INVALID = "invalid", "Invalid"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField()  # row number in the file, header = 1
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    data = models.JSONField(default=dict)  # the row's values by target column
    errors = models.JSONField(default=list)  # [{"column": ..., "message": ...}]
    reasons = models.JSONField(default=list)  # why it matches: ["same IATI identifier", ...]
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact = models.ForeignKey(
        "partners.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["batch", "number"]
        indexes = [models.Index(fields=["batch", "outcome", "number"])]

    def __str__(self) -> str:
        return f"row {self.number}: {self.outcome}"


class DuplicateCandidate(models.Model):
    """A pair the matcher believes may be one organisation, with its score and reasons.
    The pair is stored with the lower id first."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        NOT_DUPLICATE = "not_duplicate", "Not a duplicate"
        MERGED = "merged", "Merged"

    first = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    found_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        indexes = [models.Index(fields=["status", "-score"])]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_uniq"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")),
                                   name="duplicate_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.score:.2f})"


class Merge(models.Model):
    """One merge of `merged` into `survivor`: what both looked like before, which values were
    kept, and every row that was moved — enough to undo it exactly."""

    survivor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    before = models.JSONField(default=dict)  # {"survivor": {...}, "merged": {...}}
    field_choices = models.JSONField(default=dict)  # {field: "survivor" | "merged"}
    moved = models.JSONField(default=list)  # [{"model": ..., "field": ..., "ids": [...]}, ...]
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    performed_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-performed_at", "-id"]

    def __str__(self) -> str:
        return f"Merge #{self.pk}: {self.merged_id} into {self.survivor_id}"

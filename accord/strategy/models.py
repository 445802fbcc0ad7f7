"""The strategy as data: the strategic plan, the partnership strategy that serves it, and the
SDG framework. Loaded from data files by a migration; a later plan is loaded beside this one."""

from django.db import models


class StrategicPlan(models.Model):
    code = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=300)
    period_start = models.DateField()
    period_end = models.DateField()
    vision = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    objective = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return self.title


class DomainOfChange(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="domains")
    code = models.CharField(max_length=8)
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="domain_code_uniq")]
        verbose_name_plural = "domains of change"

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Outcome(models.Model):
    domain = models.ForeignKey(DomainOfChange, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(max_length=8)  # "1.2"
    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["domain__plan", "code"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="outcome_code_uniq")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DriverOfChange(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="drivers")
    code = models.CharField(max_length=8)
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "code"]
        verbose_name_plural = "drivers of change"

    def __str__(self) -> str:
        return self.name


class FlagshipProgramme(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="flagships")
    code = models.CharField(max_length=8)
    name = models.CharField(max_length=300)

    class Meta:
        ordering = ["plan", "code"]

    def __str__(self) -> str:
        return self.name


class PartnershipStrategy(models.Model):
    """A partnership strategy document for one plan period (HSP/EB.2020/10/Rev.1 for 2020-2023)."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="strategies")
    code = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=300)
    document_symbol = models.CharField(max_length=64, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        ordering = ["-period_start"]
        verbose_name_plural = "partnership strategies"

    def __str__(self) -> str:
        return f"{self.title} ({self.period_start:%Y}-{self.period_end:%Y})"


class Purpose(models.Model):
    strategy = models.ForeignKey(
        PartnershipStrategy, on_delete=models.CASCADE, related_name="purposes"
    )
    code = models.CharField(max_length=4)  # "a".."g"
    text = models.TextField()

    class Meta:
        ordering = ["strategy", "code"]

    def __str__(self) -> str:
        return f"({self.code}) {self.text[:60]}"


class ExpectedResult(models.Model):
    strategy = models.ForeignKey(
        PartnershipStrategy, on_delete=models.CASCADE, related_name="expected_results"
    )
    code = models.CharField(max_length=4)
    title = models.CharField(max_length=300)
    text = models.TextField()

    class Meta:
        ordering = ["strategy", "code"]

    def __str__(self) -> str:
        return f"({self.code}) {self.title}"


class PartnerCategory(models.Model):
    """One of the strategy's key partner categories (paragraph 5 and the strategy table)."""

    strategy = models.ForeignKey(
        PartnershipStrategy, on_delete=models.CASCADE, related_name="categories"
    )
    number = models.PositiveSmallIntegerField()  # row of the strategy table
    code = models.SlugField(max_length=32)
    letter = models.CharField(max_length=2)  # item of paragraph 5
    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=60)
    table_name = models.CharField(max_length=300)
    paragraph = models.PositiveSmallIntegerField()
    description = models.TextField()
    iati_organisation_types = models.JSONField(default=list)  # IATI OrganisationType codes

    class Meta:
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "code"], name="category_code_uniq"),
            models.UniqueConstraint(fields=["strategy", "number"], name="category_number_uniq"),
        ]
        verbose_name_plural = "partner categories"

    def __str__(self) -> str:
        return self.short_name

    @property
    def iati_type(self) -> str:
        return self.iati_organisation_types[0] if self.iati_organisation_types else "90"


class CategoryObjective(models.Model):
    category = models.ForeignKey(
        PartnerCategory, on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["category", "number"]

    def __str__(self) -> str:
        return f"{self.category.number}.{self.number} {self.text[:60]}"


class EngagementStrategy(models.Model):
    """A numbered line of the strategy table: what to do with a kind of partner."""

    category = models.ForeignKey(
        PartnerCategory, on_delete=models.CASCADE, related_name="strategies"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["category", "number"]
        verbose_name_plural = "engagement strategies"

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    @property
    def code(self) -> str:
        return f"{self.category.number}.{self.number}"


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(primary_key=True)
    short_name = models.CharField(max_length=100)
    title = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_name}"


class SdgTarget(models.Model):
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(max_length=8, unique=True)  # "11.1", "11.a"
    title = models.TextField()

    class Meta:
        ordering = ["goal", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}"

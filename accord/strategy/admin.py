from django.contrib import admin

from accord.strategy import models


class ObjectiveInline(admin.TabularInline):
    model = models.CategoryObjective
    extra = 0


class StrategyLineInline(admin.TabularInline):
    model = models.EngagementStrategy
    extra = 0


@admin.register(models.PartnerCategory)
class PartnerCategoryAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "code", "strategy"]
    inlines = [ObjectiveInline, StrategyLineInline]


for model in [models.StrategicPlan, models.PartnershipStrategy, models.Purpose,
              models.ExpectedResult, models.DomainOfChange, models.Outcome,
              models.DriverOfChange, models.FlagshipProgramme, models.SdgGoal]:
    admin.site.register(model)

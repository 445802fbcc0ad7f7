"""Admin views of the funding app. Stages are configuration an administrator may rename, add or
retire here (moves are computed from them); every other record changes through the services
(validated, converted to USD, in the history), so the admin site only looks at them."""

from django.contrib import admin

from accord.funding.models import (
    Contribution,
    ExchangeRate,
    FundingTarget,
    Opportunity,
    Pledge,
    Stage,
)
from accord.partners.admin import ReadOnlyAdmin


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "order",
        "kind",
        "reporting",
        "default_probability",
        "is_active",
    ]
    list_editable = ["order", "default_probability", "is_active"]
    ordering = ["order"]

    def has_delete_permission(self, request, obj=None):
        return False  # opportunities point to it: retire it (is_active) instead


@admin.register(Opportunity)
class OpportunityAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "stage", "currency", "amount", "amount_usd", "region"]
    list_filter = ["stage", "kind", "region"]
    list_select_related = ["organisation", "stage", "region"]
    search_fields = ["title"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ReadOnlyAdmin):
    list_display = ["currency", "month", "rate", "source", "entered_by"]
    list_filter = ["currency"]
    list_select_related = ["entered_by"]
    date_hierarchy = "month"


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_select_related = ["organisation"]
    list_display = ["__str__", "organisation", "currency", "amount", "amount_usd"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_select_related = ["organisation"]
    list_display = ["__str__", "organisation", "currency", "amount", "amount_usd"]


@admin.register(FundingTarget)
class FundingTargetAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "amount_usd"]

"""Read-only admin views of due diligence: decisions, reviews, lists and the policy change
through the services and pages (history, four eyes); the admin site only looks."""

from django.contrib import admin

from accord.diligence.models import (
    DiligenceReview,
    Entry,
    ListVersion,
    SanctionsList,
    ScreeningHit,
    ScreeningRun,
)
from accord.partners.admin import ReadOnlyAdmin


@admin.register(SanctionsList)
class SanctionsListAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "parser", "is_active"]


@admin.register(ListVersion)
class ListVersionAdmin(ReadOnlyAdmin):
    list_display = ["sanctions_list", "generated_at", "loaded_at", "is_current", "file_name"]
    list_select_related = ["sanctions_list"]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["reference_number", "name", "kind", "list_type", "listed_on", "delisted_in"]
    list_filter = ["kind", "sanctions_list"]
    list_select_related = ["delisted_in__sanctions_list"]
    search_fields = ["reference_number", "name", "names__key"]


@admin.register(ScreeningRun)
class ScreeningRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "trigger", "version", "started_at", "finished_at"]
    list_select_related = ["version__sanctions_list"]


@admin.register(ScreeningHit)
class ScreeningHitAdmin(ReadOnlyAdmin):
    list_display = ["screened_name", "entry", "score", "status", "decided_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["entry", "decided_by"]


@admin.register(DiligenceReview)
class DiligenceReviewAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "status", "risk_rating", "valid_until", "decided_by"]
    list_filter = ["status", "risk_rating"]
    list_select_related = ["organisation", "decided_by"]

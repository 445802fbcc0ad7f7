"""Read-only admin views of the engagement app: every change goes through the services, so it
is validated and lands in the history; the admin site only looks."""

from django.contrib import admin

from accord.engagement.models import (
    BodySession,
    Engagement,
    FollowUp,
    GovernanceBody,
    PlanAction,
)
from accord.partners.admin import ReadOnlyAdmin


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "status", "start_date", "lead_region", "country"]
    list_filter = ["kind", "status", "lead_region"]
    list_select_related = ["lead_region", "country"]
    search_fields = ["title"]
    date_hierarchy = "start_date"


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["description", "owner", "due_date", "done_at"]
    list_select_related = ["owner"]


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "code"]


@admin.register(BodySession)
class BodySessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "start_date", "place"]
    list_select_related = ["body"]


@admin.register(PlanAction)
class PlanActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "category", "status", "owner", "due_date"]
    list_filter = ["status", "category"]
    list_select_related = ["category", "owner"]

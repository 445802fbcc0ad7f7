from django.contrib import admin

from accord.core.models import HistoryEntry


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "model", "object_id", "object_repr", "action", "actor"]
    list_filter = ["model", "action"]

    def has_change_permission(self, request, obj=None):  # append-only
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""Admin of the agreements app. Administrators add and retire agreement types here (a type in
use is retired, never deleted); everything else is read-only because every change goes through
the services, so it is validated and lands in the history."""

from django.contrib import admin

from accord.agreements.models import Agreement, AgreementType, Amendment, Obligation
from accord.core.history import diff, record, snapshot
from accord.partners.admin import ReadOnlyAdmin

TYPE_FIELDS = ["code", "name", "has_value", "order", "is_active"]


@admin.register(AgreementType)
class AgreementTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "has_value", "order", "is_active"]
    list_editable = ["order", "is_active"]
    fields = TYPE_FIELDS

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        before = snapshot(AgreementType.objects.get(pk=obj.pk), TYPE_FIELDS) if change else {}
        super().save_model(request, obj, form, change)
        changes = diff(before, snapshot(obj, TYPE_FIELDS))
        if changes:
            record(
                obj=obj,
                action="update" if change else "create",
                actor=request.user,
                changes=changes,
            )


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "type", "status", "end_date", "region"]
    list_filter = ["status", "type", "region"]
    list_select_related = ["type", "region"]
    search_fields = ["reference", "title"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "number", "signed_on"]
    list_select_related = ["agreement"]


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "due_date", "status", "owner"]
    list_filter = ["status", "kind"]
    list_select_related = ["owner"]

"""Read-only admin views of the registry: every change goes through the services, so that it
is validated and lands in the history; the admin site only looks."""

from django.contrib import admin

from accord.partners.models import Contact, Organisation, OrganisationName, Relationship


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "acronym", "category", "country", "region", "status", "archived_at"]
    list_filter = ["category", "region", "status"]
    list_select_related = ["category", "country", "region"]
    search_fields = ["sort_name", "acronym", "iati_identifier"]
    inlines = [OrganisationNameInline]


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "organisation", "job_title", "lawful_basis", "archived_at"]
    list_select_related = ["organisation"]
    search_fields = ["last_name", "first_name", "email"]


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyAdmin):
    list_display = ["source", "kind", "target", "since", "until"]
    list_select_related = ["source", "target"]

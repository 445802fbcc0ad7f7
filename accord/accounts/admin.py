from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accord.accounts.models import ApiToken, Country, Region, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "role", "is_active"]
    list_filter = ["role", "is_active", "regions"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Accord", {"fields": ["role", "regions", "organisation"]}),
    ]
    raw_id_fields = ["organisation"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "office"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "iso3", "name", "region", "un_member"]
    list_filter = ["region", "un_member"]
    search_fields = ["name", "code", "iso3"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix"]

"""Reads for accounts and the home page."""

from django.db.models import Q, QuerySet

from accord.accounts.models import ApiToken, Country, Region, User
from accord.accounts.roles import STAFF_ROLES


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("name")


def country_list() -> QuerySet[Country]:
    return Country.objects.select_related("region").order_by("name")


def staff_user_list() -> QuerySet[User]:
    """Active people with a staff role (as `is_staff_role` decides, so superusers too), by name:
    the people who may own a partner relationship."""
    return User.objects.filter(
        Q(role__in=STAFF_ROLES) | Q(is_superuser=True), is_active=True
    ).order_by("first_name", "last_name", "username")


def home_summary(*, user: User) -> dict:
    """What the home page shows: partners the user may see, by category and by status."""
    from accord.partners.selectors import organisation_counts

    return organisation_counts(user=user)

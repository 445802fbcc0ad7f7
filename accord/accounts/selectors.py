"""Reads for accounts and the home page."""

from django.db.models import QuerySet

from accord.accounts.models import ApiToken, Region, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("name")


def home_summary(*, user: User) -> dict:
    """What the home page shows: partners the user may see, by category and by status."""
    from accord.partners.selectors import organisation_counts

    return organisation_counts(user=user)

"""Relationship health: for each partner its last engagement, how often we engaged it in the
last twelve months, and whether the relationship has gone quiet — no engagement held within the
period set for its partner category (`ACCORD_STALE_DAYS`, by category code, with a "default";
90 days for donors, development banks and foundations, 180 for the others). Only active
partners go stale: prospects, dormant and former partners are not expected to be engaged."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from accord.core.fetch import guarded
from accord.engagement.models import EngagementPartner, EngagementStatus
from accord.partners import permissions as partner_permissions
from accord.partners.models import Organisation, OrganisationStatus
from accord.strategy.models import PartnerCategory
from accord.strategy.selectors import current_strategy

DEFAULT_STALE_DAYS = {
    "government": 90,
    "development_bank": 90,
    "foundation": 90,
    "default": 180,
}
FREQUENCY_DAYS = 365


def stale_days(category_code: str) -> int:
    """Days without an engagement after which an active partner of this category is stale."""
    table = {**DEFAULT_STALE_DAYS, **getattr(settings, "ACCORD_STALE_DAYS", {})}
    return int(table.get(category_code, table["default"]))


def partner_health(*, organisation: Organisation, today: date | None = None) -> dict:
    """{"last", "frequency" (engagements held in the last twelve months), "stale_days",
    "is_stale", "days_since"} for one partner (one indexed aggregate)."""
    today = today or timezone.localdate()
    held = Q(status=EngagementStatus.HELD, start_date__lte=today)
    figures = EngagementPartner.objects.filter(organisation=organisation).aggregate(
        last=Max("start_date", filter=held),
        frequency=Count(
            "id", filter=held & Q(start_date__gt=today - timedelta(days=FREQUENCY_DAYS))
        ),
    )
    days = stale_days(organisation.category.code)
    last = figures["last"]
    active = organisation.status == OrganisationStatus.ACTIVE and not organisation.is_archived
    return {
        **figures,
        "stale_days": days,
        "days_since": (today - last).days if last else None,
        "is_stale": active and (last is None or (today - last).days > days),
    }


def last_held_subquery(today: date) -> Subquery:
    """The date of the partner's last engagement held by `today` (one index probe)."""
    return Subquery(
        EngagementPartner.objects.filter(
            organisation_id=OuterRef("pk"), status=EngagementStatus.HELD, start_date__lte=today
        )
        .order_by("-start_date")
        .values("start_date")[:1],
        output_field=DateField(),
    )


def stale_threshold(today: date) -> Case:
    """The date before which a partner's last engagement makes it stale, by its category."""
    categories = PartnerCategory.objects.filter(strategy=current_strategy())
    return Case(
        *[
            When(category_id=pk, then=Value(today - timedelta(days=stale_days(code))))
            for pk, code in categories.values_list("pk", "code")
        ],
        default=Value(today - timedelta(days=stale_days("default"))),
        output_field=DateField(),
    )


def needs_attention(
    *, user, owner=None, region=None, today: date | None = None
) -> QuerySet[Organisation]:
    """Active partners the user may see whose relationship has gone quiet, longest quiet first
    (never engaged before the rest), optionally only those `owner` owns or of `region`. Each has
    `last_engagement` and `stale_after` (the date it went, or goes, stale)."""
    today = today or timezone.localdate()
    qs = partner_permissions.visible_organisations(
        user, Organisation.objects.select_related("category", "country", "owner")
    ).filter(status=OrganisationStatus.ACTIVE, archived_at__isnull=True)
    if owner is not None:
        qs = qs.filter(owner=owner)
    if region is not None:
        qs = qs.filter(region=region)
    qs = qs.annotate(
        last_engagement=last_held_subquery(today), stale_before=stale_threshold(today)
    ).filter(Q(last_engagement__isnull=True) | Q(last_engagement__lt=F("stale_before")))
    return guarded(qs.order_by(F("last_engagement").asc(nulls_first=True), "sort_name"))

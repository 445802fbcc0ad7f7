"""Reads of pledges, contributions and targets, scoped to the acting user (a regional focal
point sees the records of their region(s); out of scope looks like it does not exist).

The list filters match the funding view's figures, so each figure there links to the records
behind it: contributions by the year they were received and the programme their allocations
fund; pledges by the year their unpaid instalments fall due."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from accord.accounts.roles import can
from accord.core.fetch import guarded
from accord.core.history import history_for
from accord.funding import permissions
from accord.funding.gap_selectors import year_span
from accord.funding.models import (
    Allocation,
    Contribution,
    FundingTarget,
    Instalment,
    Pledge,
    PledgeStatus,
    SoftCredit,
)

ZERO = Decimal("0.00")
ALLOCATIONS = Allocation.objects.select_related("flagship", "outcome").order_by("id")
CREDITS = SoftCredit.objects.select_related("organisation").order_by("id")


@dataclass
class MoneyFilters:
    """What the pledge and contribution lists filter on. `flagship` and `outcome` are codes, or
    "none" for records without one; `category` and `region` are codes; `due_year` (pledges)
    keeps pledges not cancelled with an unpaid instalment due that year."""

    partner: int | None = None
    year: int | None = None
    flagship: str = ""
    outcome: str = ""
    category: str = ""
    region: str = ""
    status: str = ""
    payment_status: str = ""
    due_year: int | None = None
    pledge: int | None = None


def _programme(filters: MoneyFilters, outcome_column: str) -> Q:
    """Records whose flagship / outcome is the one asked, or none ("none")."""
    q = Q()
    for name, column in (("flagship", "flagship"), ("outcome", outcome_column)):
        code = getattr(filters, name)
        if code == "none":
            q &= Q(**{f"{column}__isnull": True})
        elif code:
            q &= Q(**{f"{column}__code": code})
    return q


def _common(filters: MoneyFilters, *, region_field: str = "region") -> Q:
    q = Q()
    if filters.partner:
        q &= Q(organisation_id=filters.partner)
    if filters.category:
        q &= Q(organisation__category__code=filters.category)
    if filters.region == "none":
        q &= Q(**{f"{region_field}__isnull": True})
    elif filters.region:
        q &= Q(**{f"{region_field}__code": filters.region})
    return q


def pledge_list(*, user, filters: MoneyFilters | None = None) -> QuerySet[Pledge]:
    filters = filters or MoneyFilters()
    qs = permissions.visible(user, Pledge.objects.all()).filter(_common(filters))
    if filters.year:
        qs = qs.filter(value_date__range=year_span(filters.year))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.payment_status:
        qs = qs.filter(payment_status=filters.payment_status)
    qs = qs.filter(_programme(filters, "outcomes"))
    if filters.outcome:
        qs = qs.distinct()
    if filters.due_year:
        due = Instalment.objects.filter(
            pledge=OuterRef("pk"),
            due_date__range=year_span(filters.due_year),
            amount__gt=F("received_amount"),
        )
        qs = qs.exclude(status=PledgeStatus.CANCELLED).filter(Exists(due))
    return guarded(qs.select_related("organisation", "flagship").order_by("-value_date", "-id"))


def contribution_list(*, user, filters: MoneyFilters | None = None) -> QuerySet[Contribution]:
    filters = filters or MoneyFilters()
    qs = permissions.visible(user, Contribution.objects.all()).filter(_common(filters))
    if filters.year:
        qs = qs.filter(value_date__range=year_span(filters.year))
    if filters.pledge:
        qs = qs.filter(pledge_id=filters.pledge)
    programme = _programme(filters, "outcome")
    if programme:
        parts = Allocation.objects.filter(programme, contribution=OuterRef("pk"))
        if filters.year:
            parts = parts.filter(year=filters.year)
        qs = qs.filter(Exists(parts))
    return guarded(qs.select_related("organisation", "pledge").order_by("-value_date", "-id"))


def pledge_detail(*, user, pk) -> Pledge:
    qs = Pledge.objects.select_related(
        "organisation", "opportunity", "flagship", "region", "created_by"
    ).prefetch_related(
        "outcomes",
        Prefetch("instalments", Instalment.objects.order_by("number")),
        Prefetch(
            "contributions",
            Contribution.objects.select_related("instalment")
            .prefetch_related(
                Prefetch("allocations", ALLOCATIONS),
                Prefetch("softcredit_set", CREDITS),
            )
            .order_by("value_date", "id"),
        ),
    )
    return permissions.pledge_for(user, pk, qs)


def contribution_detail(*, user, pk) -> Contribution:
    qs = Contribution.objects.select_related(
        "organisation", "pledge", "instalment", "region", "created_by"
    ).prefetch_related(
        Prefetch("allocations", ALLOCATIONS),
        Prefetch("softcredit_set", CREDITS),
    )
    return permissions.contribution_for(user, pk, qs)


def record_history(*, user, record) -> list:
    """A pledge's or contribution's history, for those who may read histories."""
    return list(history_for(record)) if can(user, "history.view") else []


def partner_money(*, user, organisation, limit: int = 10) -> dict:
    """A partner's pledges and contributions (the latest `limit` of each) with totals in USD
    and per original currency; a handful of aggregate queries whatever their number."""
    pledges = pledge_list(user=user, filters=MoneyFilters(partner=organisation.pk))
    contributions = contribution_list(user=user, filters=MoneyFilters(partner=organisation.pk))
    standing = pledges.exclude(status=PledgeStatus.CANCELLED)
    pledged = standing.aggregate(usd=Sum("amount_usd"), received=Sum("received_usd"), n=Count("id"))
    received = contributions.aggregate(usd=Sum("amount_usd"), n=Count("id"))
    return {
        "pledges": list(pledges[:limit]),
        "contributions": list(contributions[:limit]),
        "pledge_count": pledges.count(),
        "contribution_count": received["n"],
        "pledged_usd": pledged["usd"] or ZERO,
        "pledge_received_usd": pledged["received"] or ZERO,
        "received_usd": received["usd"] or ZERO,
        "pledged_by_currency": list(
            standing.order_by()
            .values("currency")
            .annotate(total=Sum("amount"))
            .order_by("currency")
        ),
        "received_by_currency": list(
            contributions.order_by()
            .values("currency")
            .annotate(total=Sum("amount"))
            .order_by("currency")
        ),
    }


def target_list(*, user, year: int | None = None) -> QuerySet[FundingTarget]:
    if permissions.funding_scope(user) is None:
        return FundingTarget.objects.none()
    qs = FundingTarget.objects.select_related("flagship", "outcome")
    if year:
        qs = qs.filter(year=year)
    return guarded(qs.order_by("-year", "flagship__code", "outcome__code"))


def target_for(user, pk) -> FundingTarget:
    """A target (targets are institution-wide: anyone who reads funding sees them)."""
    target = target_list(user=user).filter(pk=int(pk) if str(pk).isdigit() else 0).first()
    if target is None:
        raise Http404
    return target


def year_choices(today: date, first: int = 2020) -> list[int]:
    return list(range(today.year + 1, first - 1, -1))

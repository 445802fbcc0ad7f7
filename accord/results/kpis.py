"""The partnership KPIs Accord computes from its own records, each a function of a period
registered in KPIS under the key a catalogue entry names in `compute_function`.

These are read queries (aggregates, a handful per KPI whatever the number of rows) on the
tables of the other apps, filtered with those apps' own constants (agreements in force,
approved reviews, the categories the due-diligence policy names). The definitions, also in
docs/results-interface.md:

- active_partnerships: partners (not archived or merged) with an engagement held in the
  period or an agreement in force at some time in it; by partner category.
- new_partners: partners whose first held engagement or first agreement (signed or later,
  dated by its start, else its signature) falls in the period; by partner category.
- engagements_per_line: engagement–strategy-line links held in the period / the strategy's
  lines; by partner category (that category's lines).
- strategy_lines_active: share of the strategy's lines with at least one engagement held in
  the period; by partner category.
- local_authorities_governance: distinct local authorities taking part in sessions of
  governance bodies held in the period; by region.
- resources_mobilised / resources_in_kind: contributions received in the period (value date),
  financial / in kind, in USD; by partner category. The financial one's target for a year is
  the sum of that year's flagship-programme funding targets.
- joint_programming_share: share (USD) of the contributions received in the period that come
  from joint programming: from a United Nations entity (the strategy: "joint programming with
  United Nations partners accounts for a notable share of the UN-Habitat budget") or paying a
  pledge under a joint programme document agreement.
- agreements_in_force: agreements in force at the end of the period (or today, for the
  current period): signed or later, started, not past their end date nor ended; by region.
- diligence_coverage: share of active partners of the categories the due-diligence policy
  names whose approved review (with or without conditions) was decided by the end of the
  period and was still valid then; by partner category."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accord.accounts.models import Region
from accord.agreements.models import Agreement, AgreementParty, AgreementStatus
from accord.diligence.models import DiligenceReview
from accord.diligence.selectors import APPROVED, categories_needing_review
from accord.engagement.governance_selectors import LOCAL_AUTHORITIES
from accord.engagement.models import (
    EngagementPartner,
    EngagementStatus,
    EngagementStrategyLine,
    SessionParticipation,
)
from accord.funding.models import Contribution, FundingTarget, ResourceKind
from accord.partners.models import Organisation, OrganisationStatus
from accord.results.models import Period, PeriodKind
from accord.strategy.models import EngagementStrategy, PartnerCategory
from accord.strategy.selectors import current_strategy

UN_ENTITIES = "un_entity"
JOINT_PROGRAMME = "joint_programme"
NOT_YET_SIGNED = (AgreementStatus.DRAFT, AgreementStatus.UNDER_REVIEW)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Part:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass
class KpiResult:
    """The total, and the parts by (dimension, code); `target` when the KPI brings its own
    (resources mobilised: the funding targets)."""

    total: Part
    parts: dict[tuple[str, str], Part] = field(default_factory=dict)
    target: Decimal | None = None


def _ratio(numerator, denominator, *, percent: bool) -> Part:
    numerator, denominator = Decimal(numerator or 0), Decimal(denominator or 0)
    if not denominator:
        return Part(None, numerator, denominator)
    value = numerator / denominator * (100 if percent else 1)
    return Part(value.quantize(Decimal("0.0001")), numerator, denominator)


def _codes(model, ids) -> dict:
    return dict(
        model.objects.filter(pk__in=[i for i in ids if i is not None]).values_list("pk", "code")
    )


def _counted(rows: dict, dimension: str, model) -> dict[tuple[str, str], Part]:
    """{id: number} as parts of `dimension` keyed by the code of `model` rows."""
    codes = _codes(model, rows)
    return {(dimension, codes[k]): Part(Decimal(v)) for k, v in rows.items() if k in codes}


def _as_of(period: Period) -> date:
    return min(period.end, timezone.localdate())


def _alive() -> Q:
    return Q(archived_at__isnull=True, merged_into__isnull=True)


def _held_in(period: Period, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": EngagementStatus.HELD,
            f"{prefix}start_date__range": (period.start, period.end),
        }
    )


def _signed_agreements():
    return Agreement.objects.exclude(status__in=NOT_YET_SIGNED).annotate(
        began=Coalesce("start_date", "signed_on")
    )


def _per_category(qs) -> dict[tuple[str, str], Part]:
    rows = dict(qs.values_list("category_id").annotate(n=Count("id")).order_by())
    return _counted(rows, "category", PartnerCategory)


def _result_of_counts(parts: dict) -> KpiResult:
    total = sum((p.value for p in parts.values()), ZERO)
    return KpiResult(Part(total), parts)


def active_partnerships(period: Period) -> KpiResult:
    engaged = EngagementPartner.objects.filter(_held_in(period), organisation_id=OuterRef("pk"))
    in_force = _signed_agreements().filter(
        Q(began__lte=period.end),
        Q(end_date__isnull=True) | Q(end_date__gte=period.start),
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start),
    )
    party = AgreementParty.objects.filter(
        organisation_id=OuterRef("pk"), agreement__in=in_force.values("pk")
    )
    orgs = Organisation.objects.filter(_alive()).filter(Q(Exists(engaged)) | Q(Exists(party)))
    return _result_of_counts(_per_category(orgs))


def new_partners(period: Period) -> KpiResult:
    def engaged(q: Q):
        return Exists(
            EngagementPartner.objects.filter(
                q, status=EngagementStatus.HELD, organisation_id=OuterRef("pk")
            )
        )

    def agreed(q: Q):
        return Exists(
            AgreementParty.objects.filter(
                organisation_id=OuterRef("pk"),
                agreement__in=_signed_agreements().filter(q).values("pk"),
            )
        )

    in_period = Q(start_date__range=(period.start, period.end))
    before = Q(start_date__lt=period.start)
    orgs = (
        Organisation.objects.filter(_alive())
        .filter(Q(engaged(in_period)) | Q(agreed(Q(began__range=(period.start, period.end)))))
        .exclude(engaged(before))
        .exclude(agreed(Q(began__lt=period.start)))
    )
    return _result_of_counts(_per_category(orgs))


def _lines_and_links(period: Period):
    strategy = current_strategy()
    lines = dict(
        EngagementStrategy.objects.filter(category__strategy=strategy)
        .values_list("category_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    links = (
        EngagementStrategyLine.objects.filter(
            _held_in(period), strategy__category__strategy=strategy
        )
        .values_list("strategy__category_id")
        .order_by()
    )
    return lines, links


def engagements_per_line(period: Period) -> KpiResult:
    lines, links = _lines_and_links(period)
    held = dict(links.annotate(n=Count("id")))
    return _ratio_by_category(held, lines, percent=False)


def strategy_lines_active(period: Period) -> KpiResult:
    lines, links = _lines_and_links(period)
    active = dict(links.annotate(n=Count("strategy_id", distinct=True)))
    return _ratio_by_category(active, lines, percent=True)


def _ratio_by_category(numerators: dict, denominators: dict, *, percent: bool) -> KpiResult:
    codes = _codes(PartnerCategory, denominators)
    parts = {
        ("category", codes[k]): _ratio(numerators.get(k, 0), n, percent=percent)
        for k, n in denominators.items()
        if k in codes
    }
    total = _ratio(sum(numerators.values()), sum(denominators.values()), percent=percent)
    return KpiResult(total, parts)


def local_authorities_governance(period: Period) -> KpiResult:
    rows = SessionParticipation.objects.filter(
        session__start_date__range=(period.start, period.end),
        organisation__category__code=LOCAL_AUTHORITIES,
    )
    total = rows.aggregate(n=Count("organisation_id", distinct=True))["n"]
    per_region = dict(
        rows.values_list("organisation__region_id")
        .annotate(n=Count("organisation_id", distinct=True))
        .order_by()
    )
    return KpiResult(Part(Decimal(total)), _counted(per_region, "region", Region))


def _received(period: Period, kind: str) -> KpiResult:
    rows = Contribution.objects.filter(value_date__range=(period.start, period.end), kind=kind)
    per = dict(
        rows.values_list("organisation__category_id").annotate(v=Sum("amount_usd")).order_by()
    )
    codes = _codes(PartnerCategory, per)
    parts = {("category", codes[k]): Part(Decimal(v)) for k, v in per.items() if k in codes}
    return KpiResult(Part(sum((Decimal(v) for v in per.values()), ZERO)), parts)


def resources_mobilised(period: Period) -> KpiResult:
    result = _received(period, ResourceKind.FINANCIAL)
    if period.kind == PeriodKind.YEAR:
        target = FundingTarget.objects.filter(
            year=period.start.year, flagship__isnull=False
        ).aggregate(v=Sum("amount_usd"))["v"]
        result.target = Decimal(target) if target is not None else None
    return result


def resources_in_kind(period: Period) -> KpiResult:
    return _received(period, ResourceKind.IN_KIND)


def joint_programming_share(period: Period) -> KpiResult:
    joint_pledges = Agreement.objects.filter(
        type__code=JOINT_PROGRAMME, pledge_id=OuterRef("pledge_id")
    ).exclude(status__in=NOT_YET_SIGNED)
    sums = Contribution.objects.filter(value_date__range=(period.start, period.end)).aggregate(
        total=Sum("amount_usd"),
        joint=Sum(
            "amount_usd",
            filter=Q(organisation__category__code=UN_ENTITIES) | Q(Exists(joint_pledges)),
        ),
    )
    return KpiResult(_ratio(sums["joint"], sums["total"], percent=True))


def agreements_in_force(period: Period) -> KpiResult:
    day = _as_of(period)
    rows = _signed_agreements().filter(
        Q(began__lte=day),
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
    )
    total = rows.count()
    per_region = dict(rows.values_list("region_id").annotate(n=Count("id")).order_by())
    return KpiResult(Part(Decimal(total)), _counted(per_region, "region", Region))


def diligence_coverage(period: Period) -> KpiResult:
    day = _as_of(period)
    needing = categories_needing_review()
    valid = DiligenceReview.objects.filter(
        organisation_id=OuterRef("pk"),
        status__in=APPROVED,
        decided_at__date__lte=day,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    partners = Organisation.objects.filter(
        _alive(), status=OrganisationStatus.ACTIVE, category_id__in=needing
    )
    rows = (
        partners.values_list("category_id")
        .annotate(n=Count("id"), covered=Count("id", filter=Q(Exists(valid))))
        .order_by()
    )
    counts = {k: (covered, n) for k, n, covered in rows}
    codes = _codes(PartnerCategory, counts)
    parts = {
        ("category", codes[k]): _ratio(c, n, percent=True)
        for k, (c, n) in counts.items()
        if k in codes
    }
    total = _ratio(
        sum(c for c, _ in counts.values()), sum(n for _, n in counts.values()), percent=True
    )
    return KpiResult(total, parts)


KPIS: dict[str, Callable[[Period], KpiResult]] = {
    "active_partnerships": active_partnerships,
    "new_partners": new_partners,
    "engagements_per_line": engagements_per_line,
    "strategy_lines_active": strategy_lines_active,
    "local_authorities_governance": local_authorities_governance,
    "resources_mobilised": resources_mobilised,
    "resources_in_kind": resources_in_kind,
    "joint_programming_share": joint_programming_share,
    "agreements_in_force": agreements_in_force,
    "diligence_coverage": diligence_coverage,
}

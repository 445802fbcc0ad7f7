"""Reads of the strategy. The strategy is public within Accord: no per-user scoping."""

from django.db.models import Prefetch, QuerySet

from accord.strategy.models import (
    CategoryObjective,
    DomainOfChange,
    EngagementStrategy,
    Outcome,
    PartnerCategory,
    PartnershipStrategy,
    StrategicPlan,
)


def current_strategy() -> PartnershipStrategy | None:
    """The partnership strategy in force: the one whose period started last."""
    return PartnershipStrategy.objects.select_related("plan").order_by("-period_start").first()


def strategy_get(*, code: str | None = None) -> PartnershipStrategy | None:
    if code is None:
        return current_strategy()
    return PartnershipStrategy.objects.select_related("plan").filter(code=code).first()


def category_list(*, strategy: PartnershipStrategy | None = None) -> QuerySet[PartnerCategory]:
    strategy = strategy or current_strategy()
    return PartnerCategory.objects.filter(strategy=strategy).order_by("number")


def categories_with_lines(*, strategy: PartnershipStrategy) -> QuerySet[PartnerCategory]:
    """Categories with their objectives and engagement strategies, in document order."""
    return category_list(strategy=strategy).prefetch_related(
        Prefetch("objectives", CategoryObjective.objects.order_by("number")),
        Prefetch("strategies", EngagementStrategy.objects.order_by("number")),
    )


def category_get(*, code: str, strategy: PartnershipStrategy | None = None) -> PartnerCategory:
    return categories_with_lines(strategy=strategy or current_strategy()).get(code=code)


def domains_with_outcomes(*, plan: StrategicPlan) -> QuerySet[DomainOfChange]:
    return (
        DomainOfChange.objects.filter(plan=plan)
        .prefetch_related(Prefetch("outcomes", Outcome.objects.order_by("code")))
        .order_by("code")
    )


def outcome_list(*, plan: StrategicPlan | None = None) -> QuerySet[Outcome]:
    if plan is None:
        strategy = current_strategy()
        plan = strategy.plan if strategy else None
    return Outcome.objects.filter(domain__plan=plan).order_by("code")


def strategy_document(*, strategy: PartnershipStrategy) -> dict:
    """The whole strategy as plain data, as `accord export_strategy` prints it."""
    plan = strategy.plan
    return {
        "plan": {
            "code": strategy.code, "title": strategy.title,
            "document_symbol": strategy.document_symbol,
            "period_start": strategy.period_start.isoformat(),
            "period_end": strategy.period_end.isoformat(),
            "strategic_plan": {
                "code": plan.code, "title": plan.title,
                "period_start": plan.period_start.isoformat(),
                "period_end": plan.period_end.isoformat(),
                "vision": plan.vision, "mission": plan.mission, "objective": plan.objective,
            },
        },
        "purposes": [{"code": p.code, "text": p.text} for p in strategy.purposes.order_by("code")],
        "expected_results": [
            {"code": r.code, "title": r.title, "text": r.text}
            for r in strategy.expected_results.order_by("code")
        ],
        "partner_categories": [
            {
                "number": c.number, "code": c.code, "name": c.name, "short_name": c.short_name,
                "table_name": c.table_name, "description": c.description,
                "iati_organisation_types": c.iati_organisation_types,
                "objectives": [o.text for o in c.objectives.all()],
                "strategies": [s.text for s in c.strategies.all()],
            }
            for c in categories_with_lines(strategy=strategy)
        ],
        "domains_of_change": [
            {
                "code": d.code, "name": d.name,
                "outcomes": [{"code": o.code, "name": o.name} for o in d.outcomes.all()],
            }
            for d in domains_with_outcomes(plan=plan)
        ],
        "drivers_of_change": [{"code": d.code, "name": d.name} for d in plan.drivers.all()],
        "flagship_programmes": [{"code": f.code, "name": f.name} for f in plan.flagships.all()],
    }

"""Read-only API of the strategy."""

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from accord.strategy import permissions, selectors
from accord.strategy.models import PartnerCategory

router = Router(tags=["strategy"])


class ObjectiveOut(Schema):
    number: int
    text: str


class StrategyLineOut(Schema):
    code: str
    number: int
    text: str


class CategoryOut(Schema):
    number: int
    code: str
    name: str
    short_name: str
    description: str
    iati_organisation_types: list[str]


class CategoryDetailOut(CategoryOut):
    objectives: list[ObjectiveOut]
    strategies: list[StrategyLineOut]


class OutcomeOut(Schema):
    code: str
    name: str


def _require_view(request) -> None:
    if not permissions.can_view(request.auth):
        raise HttpError(403, "You may not read the strategy.")


@router.get("", response=dict, summary="The whole current strategy")
def strategy_read(request):
    _require_view(request)
    strategy = selectors.current_strategy()
    if strategy is None:
        raise Http404
    return selectors.strategy_document(strategy=strategy)


@router.get("/categories", response=list[CategoryOut], summary="Partner categories")
def category_list(request):
    _require_view(request)
    return list(selectors.category_list())


@router.get("/categories/{code}", response=CategoryDetailOut, summary="One partner category")
def category_read(request, code: str):
    _require_view(request)
    try:
        category = selectors.category_get(code=code)
    except PartnerCategory.DoesNotExist:
        raise Http404 from None
    return {
        **{f: getattr(category, f) for f in CategoryOut.model_fields},
        "objectives": [{"number": o.number, "text": o.text} for o in category.objectives.all()],
        "strategies": [
            {"code": f"{category.number}.{s.number}", "number": s.number, "text": s.text}
            for s in category.strategies.all()
        ],
    }


@router.get("/outcomes", response=list[OutcomeOut], summary="Outcomes of the strategic plan")
def outcome_list(request):
    _require_view(request)
    return list(selectors.outcome_list())

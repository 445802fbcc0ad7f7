from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from accord.strategy import permissions, selectors
from accord.strategy.models import PartnerCategory


def _strategy_or_404():
    strategy = selectors.current_strategy()
    if strategy is None:
        raise Http404("No partnership strategy is loaded.")
    return strategy


def overview(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    strategy = _strategy_or_404()
    return render(request, "strategy/overview.html", {
        "strategy": strategy,
        "purposes": strategy.purposes.order_by("code"),
        "expected_results": strategy.expected_results.order_by("code"),
        "categories": selectors.categories_with_lines(strategy=strategy),
        "domains": selectors.domains_with_outcomes(plan=strategy.plan),
        "drivers": strategy.plan.drivers.all(),
        "flagships": strategy.plan.flagships.all(),
    })


def category_detail(request, code: str):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    strategy = _strategy_or_404()
    try:
        category = selectors.category_get(code=code, strategy=strategy)
    except PartnerCategory.DoesNotExist:
        raise Http404("No such partner category.") from None
    return render(request, "strategy/category.html", {"strategy": strategy, "category": category})

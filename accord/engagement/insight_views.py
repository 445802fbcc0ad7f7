"""The strategy scorecard (with its heat map), relationship health ("needs attention") and the
coordination page. Each view checks permission first, validates the query with a form, calls
the selectors and renders; the figures count only what the user may see."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from accord.accounts.roles import can
from accord.core.htmx import render_page
from accord.engagement import coordination, health, permissions
from accord.engagement import scorecard as scorecards
from accord.engagement.insight_forms import AttentionForm, CoordinationForm, PeriodForm
from accord.engagement.views import fragment, paginate, varies


def _require_view(user) -> None:
    if not can(user, "engagement.view"):
        raise PermissionDenied


def scorecard(request):
    _require_view(request.user)
    form = PeriodForm(request.GET or None)
    date_from, date_to = form.period()
    card = scorecards.with_heat(
        scorecards.scorecard(user=request.user, date_from=date_from, date_to=date_to)
    )
    return render(
        request,
        "engagement/scorecard.html",
        {"form": form, "card": card, "can_view_plan": permissions.can_view_plan(request.user)},
    )


def attention(request):
    _require_view(request.user)
    form = AttentionForm(request.GET or None)
    values = form.values()
    qs = health.needs_attention(
        user=request.user,
        owner=request.user if values["mine"] else None,
        region=values["region"],
    )
    return varies(
        render_page(
            request,
            "engagement/attention.html",
            {"form": form, "page": paginate(request, qs), "mine": values["mine"]},
            partial=fragment(request, "results"),
        )
    )


def coordination_page(request):
    _require_view(request.user)
    form = CoordinationForm(request.GET or None)
    values = form.values()
    links = coordination.overlapping_links(user=request.user, **values)
    page = paginate(request, links)
    pairs = coordination.overlaps_for(
        user=request.user, links=page.object_list, window=values["window"]
    )
    return varies(
        render_page(
            request,
            "engagement/coordination.html",
            {
                "form": form,
                "page": page,
                "pairs": pairs,
                "window": values["window"] or coordination.overlap_days(),
            },
            partial=fragment(request, "results"),
        )
    )

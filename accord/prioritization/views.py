"""Pages of the ranking: the ranked partners per category and region with their breakdown, the
what-if panel, the recompute action, and the partner page's Priority tab. Each view checks
permission first, validates with a form, calls one selector or service, and renders."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, varies
from accord.prioritization import explain, permissions, scoring, selectors
from accord.prioritization.criteria import CRITERIA
from accord.prioritization.forms import RankingFilterForm, WhatIfForm

WHAT_IF_ROWS = 15


def _explained(rows, run) -> None:
    snapshot = run.snapshot if run else {}
    for row in rows:
        explain.explain(row, snapshot)


def _run_context(request) -> dict:
    return {
        "run": selectors.current_run(),
        "pending": selectors.pending_run(),
        "active": selectors.active_model(),
        "can_manage": permissions.can_manage(request.user),
    }


def ranking(request):
    permissions.require_view(request.user)
    form = RankingFilterForm(request.GET or None)
    filters = form.filters()
    context = _run_context(request)
    run = context["run"]
    page = paginate(request, selectors.ranking(user=request.user, run=run, filters=filters))
    _explained(page.object_list, run)
    weights = (run.snapshot.get("weights") if run else None) or None
    context |= {
        "form": form,
        "filters": filters,
        "page": page,
        "offset": page.start_index() - 1 if page.paginator.count else 0,
        "what_if_form": WhatIfForm(initial_weights=weights),
        "criteria": CRITERIA,
    }
    return varies(
        render_page(
            request, "prioritization/ranking.html", context, partial=fragment(request, "results")
        )
    )


def what_if(request):
    """The ranking re-ordered under the weights given (HTMX fragment; a page without it)."""
    permissions.require_view(request.user)
    filters = RankingFilterForm(request.GET or None).filters()
    run = selectors.current_run()
    form = WhatIfForm(request.GET)
    rows = []
    if form.is_valid():
        rows = selectors.what_if(
            user=request.user, run=run, filters=filters, weights=form.weights(), limit=WHAT_IF_ROWS
        )
    return varies(
        render_page(
            request,
            "prioritization/what_if.html",
            {"what_if_form": form, "rows": rows, "run": run, "filters": filters},
            partial=fragment(request, "what_if_results"),
            # htmx 2 does not swap a 4xx answer: the panel shows the message with a 200.
            status=200 if form.is_valid() or request.htmx else 400,
        )
    )


@require_POST
def recompute(request):
    permissions.require_manage(request.user)
    model = selectors.active_model()
    if selectors.pending_run() is not None:
        messages.info(request, "A computation is already waiting or in progress.")
    elif model is None:
        messages.error(request, "No scoring model is active: activate a version first.")
    else:
        scoring.score_in_background(model=model, actor=request.user)
        messages.success(request, f"Scores are being recomputed with {model}.")
    return redirect("prioritization:ranking")


def run_status(request):
    """The computation's progress (polled by the ranking page while a run is pending)."""
    permissions.require_view(request.user)
    return render_page(
        request, "prioritization/ranking.html", _run_context(request), partial="status"
    )


def partner_score(request, pk: int):
    """The partner page's Priority tab content (loaded with HTMX by _partner_tab.html)."""
    organisation = permissions.organisation_for(request.user, pk)
    data = selectors.partner_score(user=request.user, organisation=organisation)
    if data["score"] is not None:
        explain.explain(data["score"], data["run"].snapshot)
    return varies(
        render_page(
            request,
            "prioritization/partner_score.html",
            {"organisation": organisation, **data},
            partial=fragment(request, "tab"),
        )
    )

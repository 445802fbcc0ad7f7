"""Pages of the catalogue: the indicators against their targets (filters by period, outcome,
category, status), an indicator's page (definition, baseline and targets, values by period
and part, chart with its table, history), and the administrators' pages to keep the
catalogue, set targets and recompute the KPIs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.core.htmx import render_page
from accord.engagement.views import fragment, submit, varies
from accord.results import catalogue_services, measurement_selectors, permissions, selectors
from accord.results.chart import series_chart
from accord.results.compute import compute_kpis
from accord.results.forms import CatalogueFilterForm, IndicatorForm, TargetForm
from accord.results.periods import spec


def _period_or_none(value: str, form) -> str | None:
    """The period code asked for, or None (the current year) with the error on the form."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return spec(value)["code"]
    except ValidationError as exc:
        form.apply_errors(exc)
        return None


def indicator_list(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    period = _period_or_none(data.get("period", ""), form)
    rows = selectors.indicators_against_targets(
        period,
        data.get("category") or None,
        outcome=data.get("outcome") or None,
        status=data.get("status") or None,
    )
    return varies(
        render_page(
            request,
            "results/indicators.html",
            {
                "form": form,
                "rows": rows,
                "period_label": rows[0].period_label if rows else period,
                "can_manage": permissions.can_manage(request.user),
                "can_approve": permissions.can_approve(request.user),
            },
            partial=fragment(request, "rows"),
        )
    )


def indicator_detail(request, code: str, *, target_form=None, status=200):
    indicator = permissions.indicator_for(request.user, code)
    page = measurement_selectors.indicator_page(user=request.user, indicator=indicator)
    return render(
        request,
        "results/indicator_detail.html",
        {
            "indicator": indicator,
            **page,
            "chart": series_chart(page["series"]),
            "can_enter": permissions.can_enter(request.user) and not indicator.is_computed,
            "can_manage": permissions.can_manage(request.user),
            "target_form": target_form or TargetForm(),
        },
        status=status,
    )


@require_POST
def target_set(request, code: str):
    indicator = permissions.indicator_for(request.user, code, action="manage")
    form = TargetForm(request.POST)
    if form.is_valid() and submit(
        form,
        catalogue_services.target_set,
        actor=request.user,
        indicator=indicator,
        **form.cleaned_data,
    ):
        messages.success(request, "Target saved.")
        return redirect("results:indicator", code=indicator.code)
    return indicator_detail(request, code, target_form=form, status=400)


def _indicator_form_page(request, form, indicator=None):
    return render(request, "results/indicator_form.html", {"form": form, "indicator": indicator})


def indicator_create(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = submit(
            form, catalogue_services.indicator_create, actor=request.user, **form.values()
        )
        if indicator is not None:
            messages.success(request, f"Indicator {indicator.code} added to the catalogue.")
            return redirect("results:indicator", code=indicator.code)
    return _indicator_form_page(request, form)


def indicator_edit(request, code: str):
    indicator = permissions.indicator_for(request.user, code, action="manage")
    if request.method == "POST":
        form = IndicatorForm(request.POST, versioned=True)
        if form.is_valid() and submit(
            form,
            catalogue_services.indicator_update,
            actor=request.user,
            indicator=indicator,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ):
            messages.success(request, "Indicator saved.")
            return redirect("results:indicator", code=indicator.code)
    else:
        form = IndicatorForm(initial=IndicatorForm.initial_for(indicator))
    return _indicator_form_page(request, form, indicator)


@require_POST
def compute(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = CatalogueFilterForm(request.POST)
    period = _period_or_none(request.POST.get("period", ""), form)
    if form.errors:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("results:indicators")
    report = compute_kpis(period)
    messages.success(
        request,
        f"KPIs computed for {report.period}: {report.created} new values, "
        f"{report.updated} changed, {report.unchanged} unchanged, {report.removed} removed.",
    )
    return redirect(f"{reverse('results:indicators')}?period={report.period}")

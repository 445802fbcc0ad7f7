"""Pages of the exchange rates: the list (every funding reader), and for those who may manage
rates a form to enter or correct one and a CSV import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from accord.accounts.roles import can
from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.funding import permissions, rate_services
from accord.funding.models import ExchangeRate
from accord.funding.rates_forms import RateFilterForm, RateForm, RateImportForm
from accord.funding.rates_selectors import rate_rows

RATES_PAGE_SIZE = 50


def rate_list(request):
    if not can(request.user, "funding.view"):
        raise PermissionDenied
    form = RateFilterForm(request.GET or None)
    page = paginate(request, rate_rows(**form.values()), size=RATES_PAGE_SIZE)
    return varies(
        render_page(
            request,
            "funding/rates.html",
            {"form": form, "page": page, "can_manage": permissions.can_manage_rates(request.user)},
            partial=fragment(request, "results"),
        )
    )


def _require_manager(user) -> None:
    if not permissions.can_manage_rates(user):
        raise PermissionDenied


def _rate_form(request, *, exchange_rate=None):
    _require_manager(request.user)
    if request.method == "POST":
        form = RateForm(request.POST)
        if form.is_valid() and submit(
            form,
            rate_services.rate_save,
            actor=request.user,
            exchange_rate=exchange_rate,
            **form.cleaned_data,
        ):
            messages.success(request, "Exchange rate saved.")
            return redirect("funding:rates")
    elif exchange_rate is not None:
        form = RateForm(
            initial={f: getattr(exchange_rate, f) for f in ("currency", "month", "rate", "source")}
        )
    else:
        form = RateForm()
    return render(request, "funding/rates_form.html", {"form": form, "rate": exchange_rate})


def rate_create(request):
    return _rate_form(request)


def rate_edit(request, pk: int):
    _require_manager(request.user)
    return _rate_form(request, exchange_rate=get_object_or_404(ExchangeRate, pk=pk))


def rate_import(request):
    _require_manager(request.user)
    report = None
    if request.method == "POST":
        form = RateImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = rate_services.rates_import(
                actor=request.user,
                data=form.cleaned_data["file"].read(),
                source=form.cleaned_data["source"],
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = RateImportForm()
    status = 400 if report is not None and report.errors and not report.applied else 200
    return render(
        request, "funding/rates_import.html", {"form": form, "report": report}, status=status
    )

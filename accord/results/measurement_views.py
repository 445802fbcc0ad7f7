"""Pages of measurements: entering a value (the total or one part of a disaggregation), a
value with its status buttons and history, editing a draft, the list of values, and the
approval queue where approvers approve or return values in place (HTMX)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.history import history_for, history_rows
from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.results import measurement_selectors, permissions, services
from accord.results.forms import MeasurementFilterForm, MeasurementForm, TransitionForm
from accord.results.measurement_selectors import MeasurementFilters
from accord.results.models import Measurement


def measurement_create(request, code: str):
    indicator = permissions.indicator_for(request.user, code)
    if not permissions.can_enter(request.user):
        raise PermissionDenied
    form = MeasurementForm(
        request.POST or None, indicator=indicator, initial={"period": request.GET.get("period", "")}
    )
    if request.method == "POST" and form.is_valid():
        measurement = submit(
            form,
            services.measurement_create,
            actor=request.user,
            indicator=indicator,
            **form.values(),
        )
        if measurement is not None:
            messages.success(request, "Value saved as a draft: submit it for approval.")
            return redirect("results:measurement", pk=measurement.pk)
    return render(
        request,
        "results/measurement_form.html",
        {"form": form, "indicator": indicator, "measurement": None},
        status=400 if form.errors else 200,
    )


def measurement_edit(request, pk: int):
    measurement = permissions.measurement_for(request.user, pk, action="edit")
    indicator = measurement.indicator
    if request.method == "POST":
        form = MeasurementForm(request.POST, indicator=indicator, editing=True, versioned=True)
        if form.is_valid() and submit(
            form,
            services.measurement_update,
            actor=request.user,
            measurement=measurement,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ):
            messages.success(request, "Value saved.")
            return redirect("results:measurement", pk=measurement.pk)
    else:
        form = MeasurementForm(
            indicator=indicator,
            editing=True,
            initial={
                name: getattr(measurement, name)
                for name in ("value", "numerator", "denominator", "note", "version")
            },
        )
    return render(
        request,
        "results/measurement_form.html",
        {"form": form, "indicator": indicator, "measurement": measurement},
    )


def _detail(request, pk, *, transition_form=None, status=200):
    measurement = permissions.measurement_for(request.user, pk)
    return render(
        request,
        "results/measurement_detail.html",
        {
            "m": measurement,
            "can_edit": measurement.status in services.EDITABLE
            and measurement.source == "manual"
            and permissions.can_enter(request.user)
            and permissions.in_region(request.user, measurement.region),
            "transitions": measurement_selectors.available_transitions(
                user=request.user, measurement=measurement
            ),
            "transition_form": transition_form,
            "history": history_rows(history_for(measurement), Measurement),
        },
        status=status,
    )


def measurement_detail(request, pk: int):
    return _detail(request, pk)


@require_POST
def measurement_transition(request, pk: int):
    measurement = permissions.measurement_for(request.user, pk, action="transition")
    form = TransitionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else None
    done = data and submit(
        form,
        services.measurement_transition,
        actor=request.user,
        measurement=measurement,
        transition=data["transition"],
        reason=data["reason"],
        expected_version=data["version"],
    )
    if request.htmx and request.POST.get("from") == "queue":
        return render(
            request,
            "results/queue.html#row",
            {
                "m": measurement,
                "form": form,
                "done": bool(done),
                "options": []
                if done
                else measurement_selectors.available_transitions(
                    user=request.user, measurement=measurement
                ),
            },
            status=200 if done else 400,
        )
    if done:
        messages.success(request, f"The value is now {measurement.get_status_display().lower()}.")
        return redirect("results:measurement", pk=measurement.pk)
    return _detail(request, pk, transition_form=form, status=400)


def approval_queue(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    page = paginate(request, measurement_selectors.approval_queue(user=request.user))
    preparers = services.preparers_of(list(page.object_list))
    rows = [
        {
            "m": m,
            "options": measurement_selectors.available_transitions(
                user=request.user, measurement=m, preparers=preparers[m.pk]
            ),
        }
        for m in page
    ]
    return render(request, "results/queue.html", {"page": page, "rows": rows})


def measurement_list(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    form = MeasurementFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = measurement_selectors.measurement_list(
        user=request.user,
        filters=MeasurementFilters(
            **{k: data.get(k) or "" for k in ("status", "indicator", "period")}
        ),
    )
    return varies(
        render_page(
            request,
            "results/measurements.html",
            {"form": form, "page": paginate(request, qs)},
            partial=fragment(request, "results"),
        )
    )

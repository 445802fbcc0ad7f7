"""Pages of obligations: add and edit one under its agreement, move it along (submitted,
done, waived, reopened), the list of open obligations, and the calendar of what falls due in
the next 90 days (overdue first, grouped by week)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.accounts.selectors import staff_user_list
from accord.agreements import obligation_services, permissions, selectors
from accord.agreements.forms import ObligationForm, ObligationTransitionForm
from accord.engagement.views import attempt, paginate, submit


def _back(obligation_or_agreement_id) -> str:
    return reverse("agreements:detail", args=[obligation_or_agreement_id]) + "#obligations"


def _form_page(request, form, *, agreement, obligation=None, status=200):
    return render(
        request,
        "agreements/obligation_form.html",
        {"form": form, "agreement": agreement, "obligation": obligation},
        status=status,
    )


def obligation_create(request, pk: int):
    agreement = permissions.agreement_for(request.user, pk, action="edit")
    form = ObligationForm(request.POST or None, initial={"owner": agreement.owner_id})
    if request.method == "POST" and form.is_valid():
        obligation = submit(
            form,
            obligation_services.obligation_create,
            actor=request.user,
            agreement=agreement,
            **form.values(),
        )
        if obligation is not None:
            messages.success(request, f"Obligation “{obligation.title}” added.")
            return redirect(_back(agreement.pk))
    return _form_page(request, form, agreement=agreement)


def obligation_edit(request, pk: int):
    obligation = permissions.obligation_for(request.user, pk, action="edit")
    if request.method == "POST":
        form = ObligationForm(request.POST, versioned=True)
        if form.is_valid() and submit(
            form,
            obligation_services.obligation_update,
            actor=request.user,
            obligation=obligation,
            expected_version=form.cleaned_data["version"],
            **form.values(),
        ):
            messages.success(request, f"Obligation “{obligation.title}” saved.")
            return redirect(_back(obligation.agreement_id))
    else:
        form = ObligationForm(initial=ObligationForm.initial_for(obligation))
    return _form_page(request, form, agreement=obligation.agreement, obligation=obligation)


@require_POST
def obligation_transition(request, pk: int):
    obligation = permissions.obligation_for(request.user, pk, action="complete")
    form = ObligationTransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        attempt(
            request,
            f"Obligation “{obligation.title}” updated.",
            obligation_services.obligation_transition,
            actor=request.user,
            obligation=obligation,
            transition=data["transition"],
            note=data["note"],
            expected_version=data["version"],
        )
    else:
        messages.error(request, "Choose a valid status change.")
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_back(obligation.agreement_id))


def _owner_filter(request) -> tuple[int | None, str]:
    """?owner=me (the default on the calendar for people who own obligations), an id, or all."""
    value = request.GET.get("owner", "")
    if value == "me":
        return request.user.pk, "me"
    if value.isdigit():
        return int(value), value
    return None, ""


def obligation_list(request):
    if not can(request.user, "agreements.view"):
        raise PermissionDenied
    owner, chosen = _owner_filter(request)
    qs = selectors.obligation_list(user=request.user, owner=owner)
    page = paginate(request, qs)
    selectors.annotate_obligations(request.user, page.object_list)
    return render(
        request,
        "agreements/obligations.html",
        {"page": page, "owner": chosen, "owners": staff_user_list()},
    )


def obligation_calendar(request):
    if not can(request.user, "agreements.view"):
        raise PermissionDenied
    owner, chosen = _owner_filter(request)
    calendar = selectors.obligation_calendar(user=request.user, owner=owner)
    selectors.annotate_obligations(request.user, calendar.overdue)
    for _, rows in calendar.weeks:
        selectors.annotate_obligations(request.user, rows)
    return render(
        request,
        "agreements/calendar.html",
        {"calendar": calendar, "owner": chosen, "owners": staff_user_list()},
    )

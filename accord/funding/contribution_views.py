"""Pages of contributions: record one without a pledge, read, correct and delete it (part of
the funding app's URLs; a contribution against a pledge is recorded from the pledge's page)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accord.core.errors import ConflictError
from accord.engagement.views import submit
from accord.funding import (
    contribution_services,
    permissions,
    pledge_selectors,
)
from accord.funding.money_forms import (
    AllocationFormSet,
    ContributionForm,
    allocations_of,
)
from accord.funding.money_view_helpers import InitialData, history_of, require_edit, require_view
from accord.funding.pipeline_views import picker_context

# --- contributions ---


def record_contribution(request, form, allocations, **kwargs):
    """Record the contribution of a bound form and allocations formset, or None when invalid."""
    if form.is_valid() & allocations.is_valid():
        return submit(
            form,
            contribution_services.contribution_record,
            actor=request.user,
            allocations=allocations_of(allocations),
            **kwargs,
            **form.values(),
        )
    return None


def contribution_create(request):
    """A contribution received without a pledge (?partner= preselects the partner)."""
    require_edit(request.user)
    partner = request.GET.get("partner", "")
    initial = {
        "value_date": timezone.localdate(),
        "organisation": int(partner) if partner.isdigit() else None,
    }
    form = ContributionForm(request.POST or None, initial=initial)
    allocations = AllocationFormSet(request.POST or None, prefix="alloc")
    if request.method == "POST" and "find" not in request.POST:
        c = record_contribution(request, form, allocations)
        if c is not None:
            messages.success(request, "Contribution recorded.")
            return redirect("funding:contribution_detail", pk=c.pk)
    data = request.POST if request.method == "POST" else InitialData(form.initial)
    return render(
        request,
        "funding/contribution_form.html",
        {
            "form": form,
            "allocations": allocations,
            "partner_picker": picker_context(request, field="organisation", data=data),
        },
    )


def contribution_detail(request, pk: int):
    require_view(request.user)
    c = pledge_selectors.contribution_detail(user=request.user, pk=pk)
    return render(
        request,
        "funding/contribution_detail.html",
        {
            "c": c,
            "can_edit": permissions.can_edit(request.user, c),
            "history": history_of(request, c),
        },
    )


def contribution_edit(request, pk: int):
    require_view(request.user)
    c = pledge_selectors.contribution_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, c):
        raise PermissionDenied
    pledge = (
        pledge_selectors.pledge_detail(user=request.user, pk=c.pledge_id) if c.pledge_id else None
    )
    initial = {
        f: getattr(c, f)
        for f in (
            "amount",
            "currency",
            "value_date",
            "kind",
            "in_kind_description",
            "reference",
            "note",
            "version",
        )
    }
    initial["instalment"] = c.instalment_id or ""
    initial["soft_credits"] = ", ".join(
        f"{s.organisation_id}:{s.role}" for s in c.softcredit_set.all()
    )
    form = ContributionForm(request.POST or None, pledge=pledge, initial=initial, versioned=True)
    allocations = AllocationFormSet(
        request.POST or None,
        prefix="alloc",
        initial=[
            {
                "flagship": a.flagship.code if a.flagship else "",
                "outcome": a.outcome.code if a.outcome else "",
                "amount": a.amount,
            }
            for a in c.allocations.all()
        ],
    )
    if request.method == "POST" and form.is_valid() & allocations.is_valid():
        values = form.values()
        values.pop("organisation", None)
        if pledge is None:
            values.pop("instalment", None)
        saved = submit(
            form,
            contribution_services.contribution_update,
            actor=request.user,
            contribution=c,
            expected_version=form.cleaned_data["version"],
            allocations=allocations_of(allocations),
            **values,
        )
        if saved is not None:
            messages.success(request, "Contribution corrected.")
            return redirect("funding:contribution_detail", pk=c.pk)
    return render(
        request,
        "funding/contribution_form.html",
        {
            "form": form,
            "allocations": allocations,
            "c": c,
        },
    )


@require_POST
def contribution_delete(request, pk: int):
    require_view(request.user)
    c = pledge_selectors.contribution_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, c):
        raise PermissionDenied
    version = request.POST.get("version", "")
    try:
        contribution_services.contribution_delete(
            request.user,
            contribution=c,
            expected_version=int(version) if version.isdigit() else None,
        )
    except ConflictError as exc:
        messages.error(request, str(exc))
        return redirect("funding:contribution_detail", pk=c.pk)
    messages.success(request, "Contribution deleted; the pledge's payments were recomputed.")
    if c.pledge_id:
        return redirect("funding:pledge_detail", pk=c.pledge_id)
    return redirect("funding:contribution_list")


# --- targets ---

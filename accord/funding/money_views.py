"""Pages of pledges, contributions, targets and the funding view. Each view checks permission
first, validates with a form, calls one service or selector, and renders; records outside the
user's scope answer 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.funding import (
    gap_selectors,
    permissions,
    pledge_selectors,
    pledge_services,
    schedules,
)
from accord.funding.contribution_views import record_contribution
from accord.funding.money_forms import (
    AllocationFormSet,
    ContributionForm,
    GapForm,
    InstalmentFormSet,
    MoneyFilterForm,
    PledgeForm,
    SplitForm,
    schedule_of,
)
from accord.funding.money_view_helpers import InitialData, history_of, require_edit, require_view
from accord.funding.pipeline_views import picker_context
from accord.partners import permissions as partner_permissions

# --- the funding view ---


def gap(request):
    require_view(request.user)
    form = GapForm(request.GET or None)
    year, by = form.choice()
    rows = gap_selectors.funding_gap(request.user, year=year, by=by)
    trend = gap_selectors.funding_trend(request.user, year=year, by=by)
    return varies(
        render_page(
            request,
            "funding/gap.html",
            {
                "form": form,
                "year": year,
                "by": by,
                "by_label": gap_selectors.BY_CHOICES[by],
                "rows": rows,
                "has_targets": by in ("flagship", "outcome"),
                "bars": gap_selectors.bar_chart(rows),
                "trend": trend,
                "trend_chart": gap_selectors.trend_chart(trend),
                "can_manage_targets": permissions.can_manage_targets(request.user),
            },
            partial=fragment(request, "figures"),
        )
    )


# --- pledges ---


def _list_page(request, *, pledges: bool):
    require_view(request.user)
    form = MoneyFilterForm(request.GET or None, pledges=pledges)
    filters = form.filters()
    select = pledge_selectors.pledge_list if pledges else pledge_selectors.contribution_list
    page = paginate(request, select(user=request.user, filters=filters))
    template = "funding/pledge_list.html" if pledges else "funding/contribution_list.html"
    return varies(
        render_page(
            request,
            template,
            {
                "form": form,
                "page": page,
                "can_edit": permissions.can_edit(request.user),
            },
            partial=fragment(request, "results"),
        )
    )


def pledge_list(request):
    return _list_page(request, pledges=True)


def contribution_list(request):
    return _list_page(request, pledges=False)


def _pledge_initial(request) -> dict:
    """What a new pledge starts from: a won opportunity (?opportunity=) or a partner."""
    initial = {"value_date": timezone.localdate()}
    opportunity = request.GET.get("opportunity")
    if opportunity:
        o = permissions.opportunity_for(request.user, opportunity)
        initial.update(
            opportunity=o.pk,
            organisation=o.organisation_id,
            title=o.title,
            kind=o.kind,
            in_kind_description=o.in_kind_description,
            amount=o.amount,
            currency=o.currency,
            flagship=o.flagship.code if o.flagship_id else "",
            outcomes=list(o.outcomes.values_list("code", flat=True)),
        )
    elif (request.GET.get("partner") or "").isdigit():
        initial["organisation"] = int(request.GET["partner"])
    return initial


def _schedule_forms(request, form, initial_rows):
    """The schedule formset; "split" replaces it with N equal instalments, "add_row" adds one."""
    if request.method != "POST":
        return (
            InstalmentFormSet(prefix="schedule", initial=initial_rows),
            SplitForm(prefix="split", initial={"first_due": timezone.localdate()}),
            False,
        )
    formset = InstalmentFormSet(request.POST, prefix="schedule")
    split = SplitForm(request.POST, prefix="split")
    if "split" in request.POST and split.is_valid() and form.is_valid():
        try:
            rows = schedules.propose_instalments(
                form.cleaned_data["amount"],
                split.cleaned_data["count"],
                split.cleaned_data["first_due"],
                months_apart=split.cleaned_data["months_apart"],
            )
        except ValidationError as exc:
            split.add_error("count", exc.messages)
        else:
            initial = [{"due_date": d, "amount": a} for d, a in rows]
            return InstalmentFormSet(prefix="schedule", initial=initial), split, True
    if "add_row" in request.POST:
        rows = [
            {"due_date": f["due_date"].value(), "amount": f["amount"].value()}
            for f in formset.forms
        ]
        return InstalmentFormSet(prefix="schedule", initial=[*rows, {}]), split, True
    return formset, split, "split" in request.POST


def _pledge_form_page(request, form, formset, split, *, pledge=None, status=200):
    data = request.POST if request.method == "POST" else InitialData(form.initial)
    return render(
        request,
        "funding/pledge_form.html",
        {
            "form": form,
            "formset": formset,
            "split": split,
            "pledge": pledge,
            "partner_picker": picker_context(request, field="organisation", data=data),
            "kept": [i for i in pledge.instalments.all() if i.received_amount > 0]
            if pledge
            else [],
        },
        status=status,
    )




def pledge_create(request):
    require_edit(request.user)
    initial = _pledge_initial(request) if request.method == "GET" else {}
    form = PledgeForm(request.POST or None, initial=initial)
    formset, split, rerender = _schedule_forms(
        request, form, [{"due_date": initial.get("value_date"), "amount": initial.get("amount")}]
    )
    posted = request.method == "POST" and not rerender and "find" not in request.POST
    if posted and form.is_valid() & formset.is_valid():
        pledge = submit(
            form,
            pledge_services.pledge_create,
            actor=request.user,
            schedule=schedule_of(formset),
            **form.values(),
        )
        if pledge is not None:
            messages.success(request, f"Pledge “{pledge.title}” recorded.")
            return redirect("funding:pledge_detail", pk=pledge.pk)
    return _pledge_form_page(request, form, formset, split)


def pledge_edit(request, pk: int):
    require_view(request.user)
    pledge = pledge_selectors.pledge_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, pledge):
        raise PermissionDenied
    unpaid = [
        {"due_date": i.due_date, "amount": i.amount}
        for i in pledge.instalments.all()
        if i.received_amount <= 0
    ]
    initial = {
        "organisation": pledge.organisation_id,
        "title": pledge.title,
        "kind": pledge.kind,
        "in_kind_description": pledge.in_kind_description,
        "amount": pledge.amount,
        "currency": pledge.currency,
        "value_date": pledge.value_date,
        "status": pledge.status,
        "cancelled_reason": pledge.cancelled_reason,
        "version": pledge.version,
        "flagship": pledge.flagship.code if pledge.flagship else "",
        "outcomes": [o.code for o in pledge.outcomes.all()],
    }
    form = PledgeForm(request.POST or None, initial=initial, editing=True, versioned=True)
    formset, split, rerender = _schedule_forms(request, form, unpaid)
    if request.method == "POST" and not rerender and form.is_valid() & formset.is_valid():
        values = form.values()
        values.pop("organisation", None)
        values.pop("opportunity", None)
        saved = submit(
            form,
            pledge_services.pledge_update,
            actor=request.user,
            pledge=pledge,
            expected_version=form.cleaned_data["version"],
            schedule=schedule_of(formset) if unpaid or formset.forms else None,
            **values,
        )
        if saved is not None:
            messages.success(request, f"Pledge “{saved.title}” saved.")
            return redirect("funding:pledge_detail", pk=pledge.pk)
    return _pledge_form_page(request, form, formset, split, pledge=pledge)


def _pledge_page(request, pk, *, form=None, allocations=None, status=200):
    require_view(request.user)
    pledge = pledge_selectors.pledge_detail(user=request.user, pk=pk)
    can_edit = permissions.can_edit(request.user, pledge)
    if can_edit and form is None:
        form = ContributionForm(
            pledge=pledge, initial={"currency": pledge.currency, "value_date": timezone.localdate()}
        )
        allocations = AllocationFormSet(prefix="alloc")
    return render(
        request,
        "funding/pledge_detail.html",
        {
            "pledge": pledge,
            "can_edit": can_edit,
            "form": form,
            "allocations": allocations,
            "surplus": max(pledge.received_amount - pledge.amount, 0),
            "outstanding": max(pledge.amount - pledge.received_amount, 0),
            "history": history_of(request, pledge),
        },
        status=status,
    )


def pledge_detail(request, pk: int):
    return _pledge_page(request, pk)


# --- contributions ---


@require_POST
def pledge_contribute(request, pk: int):
    require_view(request.user)
    pledge = pledge_selectors.pledge_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, pledge):
        raise PermissionDenied
    form = ContributionForm(request.POST, pledge=pledge)
    allocations = AllocationFormSet(request.POST, prefix="alloc")
    if record_contribution(request, form, allocations, pledge=pledge) is not None:
        messages.success(request, "Contribution recorded.")
        return redirect("funding:pledge_detail", pk=pledge.pk)
    return _pledge_page(request, pk, form=form, allocations=allocations, status=400)



def partner_money(request, pk: int):
    require_view(request.user)
    organisation = partner_permissions.organisation_for(request.user, pk)
    data = pledge_selectors.partner_money(user=request.user, organisation=organisation)
    template = "funding/_partner_money.html" if request.htmx else "funding/pledge_partner.html"
    return varies(
        render(
            request,
            template,
            {"organisation": organisation, "can_edit": permissions.can_edit(request.user), **data},
        )
    )

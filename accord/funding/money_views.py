"""Pages of pledges, contributions, targets and the funding view. Each view checks permission
first, validates with a form, calls one service or selector, and renders; records outside the
user's scope answer 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError
from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.funding import (
    contribution_services,
    gap_selectors,
    permissions,
    pledge_selectors,
    pledge_services,
    target_services,
)
from accord.funding.money_forms import (
    AllocationFormSet,
    ContributionForm,
    GapForm,
    InstalmentFormSet,
    MoneyFilterForm,
    PledgeForm,
    SplitForm,
    TargetForm,
    allocations_of,
    schedule_of,
)
from accord.funding.pipeline_views import picker_context
from accord.partners import permissions as partner_permissions


def _require_view(user) -> None:
    if not can(user, "funding.view"):
        raise PermissionDenied


def _require_edit(user) -> None:
    if not permissions.can_edit(user):
        raise PermissionDenied


def _history(request, record):
    entries = pledge_selectors.record_history(user=request.user, record=record)
    return history_rows(entries, type(record)) if can(request.user, "history.view") else None


# --- the funding view ---


def gap(request):
    _require_view(request.user)
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
    _require_view(request.user)
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
            rows = pledge_services.propose_instalments(
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
    data = request.POST if request.method == "POST" else _Initial(form.initial)
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


class _Initial(dict):
    def getlist(self, key):
        value = self.get(key)
        return [] if value in (None, "") else [value]


def pledge_create(request):
    _require_edit(request.user)
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
    _require_view(request.user)
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
    _require_view(request.user)
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
            "history": _history(request, pledge),
        },
        status=status,
    )


def pledge_detail(request, pk: int):
    return _pledge_page(request, pk)


# --- contributions ---


def _record(request, form, allocations, **kwargs):
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


@require_POST
def pledge_contribute(request, pk: int):
    _require_view(request.user)
    pledge = pledge_selectors.pledge_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, pledge):
        raise PermissionDenied
    form = ContributionForm(request.POST, pledge=pledge)
    allocations = AllocationFormSet(request.POST, prefix="alloc")
    if _record(request, form, allocations, pledge=pledge) is not None:
        messages.success(request, "Contribution recorded.")
        return redirect("funding:pledge_detail", pk=pledge.pk)
    return _pledge_page(request, pk, form=form, allocations=allocations, status=400)


def contribution_create(request):
    """A contribution received without a pledge (?partner= preselects the partner)."""
    _require_edit(request.user)
    partner = request.GET.get("partner", "")
    initial = {
        "value_date": timezone.localdate(),
        "organisation": int(partner) if partner.isdigit() else None,
    }
    form = ContributionForm(request.POST or None, initial=initial)
    allocations = AllocationFormSet(request.POST or None, prefix="alloc")
    if request.method == "POST" and "find" not in request.POST:
        c = _record(request, form, allocations)
        if c is not None:
            messages.success(request, "Contribution recorded.")
            return redirect("funding:contribution_detail", pk=c.pk)
    data = request.POST if request.method == "POST" else _Initial(form.initial)
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
    _require_view(request.user)
    c = pledge_selectors.contribution_detail(user=request.user, pk=pk)
    return render(
        request,
        "funding/contribution_detail.html",
        {
            "c": c,
            "can_edit": permissions.can_edit(request.user, c),
            "history": _history(request, c),
        },
    )


def contribution_edit(request, pk: int):
    _require_view(request.user)
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
    _require_view(request.user)
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


def target_list(request):
    _require_view(request.user)
    can_manage = permissions.can_manage_targets(request.user)
    form = None
    if can_manage:
        form = TargetForm(request.POST or None, initial={"year": timezone.localdate().year})
        if request.method == "POST" and form.is_valid():
            target = submit(
                form, target_services.target_create, actor=request.user, **form.values()
            )
            if target is not None:
                messages.success(request, f"Target set: {target}.")
                return redirect("funding:target_list")
    elif request.method == "POST":
        raise PermissionDenied
    page = paginate(request, pledge_selectors.target_list(user=request.user))
    return render(
        request,
        "funding/target_list.html",
        {
            "page": page,
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form is not None and form.errors else 200,
    )


def target_edit(request, pk: int):
    _require_view(request.user)
    target = pledge_selectors.target_for(request.user, pk)
    if not permissions.can_manage_targets(request.user):
        raise PermissionDenied
    subject = f"f:{target.flagship.code}" if target.flagship else f"o:{target.outcome.code}"
    form = TargetForm(
        request.POST or None,
        editing=True,
        versioned=True,
        initial={
            "year": target.year,
            "subject": subject,
            "amount_usd": target.amount_usd,
            "note": target.note,
            "version": target.version,
        },
    )
    if request.method == "POST" and "delete" in request.POST:
        version = request.POST.get("version", "")
        if (
            submit(
                form,
                target_services.target_delete,
                actor=request.user,
                target=target,
                expected_version=int(version) if version.isdigit() else None,
            )
            is None
            and not form.errors
        ):
            messages.success(request, f"Target deleted: {target}.")
            return redirect("funding:target_list")
    elif request.method == "POST" and form.is_valid():
        values = form.values()
        saved = submit(
            form,
            target_services.target_update,
            actor=request.user,
            target=target,
            expected_version=form.cleaned_data["version"],
            year=values["year"],
            amount_usd=values["amount_usd"],
            note=values["note"],
        )
        if saved is not None:
            messages.success(request, f"Target saved: {saved}.")
            return redirect("funding:target_list")
    return render(
        request,
        "funding/target_form.html",
        {"form": form, "target": target, "history": _history(request, target)},
    )


# --- a partner's money: the part of the partner page's Funding tab ---


def partner_money(request, pk: int):
    _require_view(request.user)
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

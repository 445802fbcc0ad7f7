"""Recording that a published item was sent to partners and contacts: one form, one
transaction, whether it names one partner or every foundation of a region (the audience is
expanded into ticked partners by "Add these partners", so the sender sees and may untick them
before recording)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accord.knowledge import permissions, selectors, services
from accord.knowledge.forms import DisseminationForm
from accord.knowledge.picker import Initial, audience, picker_context
from accord.knowledge.resolve import MAX_RECIPIENTS


def _page(request, form, item, *, extra_ids=(), status=200):
    data = request.POST if request.method == "POST" else Initial(form.initial)
    return render(
        request,
        "knowledge/disseminate.html",
        {
            "form": form,
            "item": item,
            "max_recipients": MAX_RECIPIENTS,
            **picker_context(request.user, field="organisations", data=data, extra_ids=extra_ids),
        },
        status=status,
    )


def item_disseminate(request, pk: int):
    item = selectors.item_detail(user=request.user, pk=pk)
    permissions.require_write(request.user)
    if request.method != "POST":
        partner = request.GET.get("partner", "")
        initial = {"organisations": [int(partner)] if partner.isdigit() else []}
        return _page(request, DisseminationForm(initial=initial), item)
    form = DisseminationForm(request.POST)
    if "add_audience" in request.POST:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        ids = audience(
            request.user,
            category=data.get("audience_category") or "",
            region=data.get("audience_region") or "",
        )
        if not ids:
            form.add_error("audience_category", "No partner you can see is in that audience.")
        elif len(ids) > MAX_RECIPIENTS:
            form.add_error(
                "audience_category",
                f"More than {MAX_RECIPIENTS} partners: choose a narrower audience.",
            )
            ids = []
        return _page(request, form, item, extra_ids=ids)
    if "find" in request.POST or not form.is_valid():
        return _page(request, form, item)
    try:
        sent = services.dissemination_record(
            actor=request.user,
            item=item,
            channel=form.cleaned_data["channel"],
            sent_on=form.cleaned_data["sent_on"],
            organisations=form.cleaned_data["organisations"],
            contacts=form.cleaned_data["contacts"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        form.apply_errors(exc)
        return _page(request, form, item)
    count = len(form.cleaned_data["organisations"]) + len(form.cleaned_data["contacts"])
    messages.success(
        request, f"Recorded: sent by {sent.get_channel_display().lower()} to {count} recipient(s)."
    )
    return redirect("knowledge:detail", pk=item.pk)

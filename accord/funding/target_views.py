"""Pages of funding targets (part of the funding app's URLs)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from accord.engagement.views import paginate, submit
from accord.funding import (
    permissions,
    pledge_selectors,
    target_services,
)
from accord.funding.money_forms import (
    TargetForm,
)
from accord.funding.money_view_helpers import history_of, require_view


def target_list(request):
    require_view(request.user)
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
    require_view(request.user)
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
        {"form": form, "target": target, "history": history_of(request, target)},
    )


# --- a partner's money: the part of the partner page's Funding tab ---

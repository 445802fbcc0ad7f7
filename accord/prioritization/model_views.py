"""Pages of the scoring-model versions: the list, one version (weights, priorities, runs,
history), copy, edit a draft, activate. Reading is open to whoever reads priorities; changes
are the administrator's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.errors import ConflictError
from accord.core.history import history_rows
from accord.prioritization import permissions, selectors, services
from accord.prioritization.criteria import CRITERIA
from accord.prioritization.forms import ModelVersionForm
from accord.prioritization.models import ScoringModel

RENAME = {
    "priority_outcomes": "outcomes",
    "priority_flagships": "flagships",
    "priority_countries": "countries",
    "priority_resources": "resources",
    **{c.code: f"weight_{c.code}" for c in CRITERIA},
}


def model_list(request):
    permissions.require_view(request.user)
    models = list(selectors.model_list())
    for m in models:
        m.weight_map = {w.criterion: w.weight for w in m.weights.all()}
    return render(
        request,
        "prioritization/model_list.html",
        {
            "models": models,
            "criteria": CRITERIA,
            "can_manage": permissions.can_manage(request.user),
        },
    )


def model_detail(request, pk: int):
    model = permissions.model_for(request.user, pk)
    detail = selectors.model_detail(model)
    detail["history"] = history_rows(detail["history"], ScoringModel)
    return render(
        request,
        "prioritization/model_detail.html",
        {
            "model": model,
            **detail,
            "can_manage": permissions.can_manage(request.user),
        },
    )


@require_POST
def model_copy(request, pk: int):
    model = permissions.model_for(request.user, pk, action="manage")
    copy = services.model_copy(actor=request.user, model=model)
    messages.success(request, f"{copy} created as a draft from version {model.number}.")
    return redirect("prioritization:model_edit", pk=copy.pk)


def model_edit(request, pk: int):
    model = permissions.model_for(request.user, pk, action="manage")
    detail = selectors.model_detail(model)
    if request.method == "POST":
        form = ModelVersionForm(request.POST, versioned=True)
        if form.is_valid():
            try:
                services.model_update(
                    actor=request.user,
                    model=model,
                    expected_version=form.cleaned_data["version"],
                    **form.values(),
                )
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.apply_errors(exc, rename=RENAME)
            else:
                messages.success(request, f"{model} saved.")
                return redirect("prioritization:model_detail", pk=model.pk)
        status = 400
    else:
        form = ModelVersionForm(initial=ModelVersionForm.initial_for(model, detail))
        status = 200
    return render(
        request, "prioritization/model_form.html", {"model": model, "form": form}, status=status
    )


@require_POST
def model_activate(request, pk: int):
    model = permissions.model_for(request.user, pk, action="manage")
    try:
        services.model_activate(
            actor=request.user, model=model, expected_version=_int(request.POST.get("version"))
        )
    except (ValidationError, ConflictError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
        return redirect("prioritization:model_detail", pk=model.pk)
    messages.success(request, f"{model} is now active; the scores are being recomputed with it.")
    return redirect("prioritization:ranking")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None

"""Pages of the pipeline: the board (columns by stage, one-click moves), the list, an
opportunity with its moves and history, the form, and a partner's Funding tab. Each view checks
permission first, validates with a form, calls one service or selector, and renders;
opportunities outside the user's scope answer 404."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError
from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.funding import permissions, pipeline_selectors, pipeline_services
from accord.funding.models import Opportunity
from accord.funding.money_view_helpers import InitialData
from accord.funding.pipeline_forms import MoveForm, OpportunityForm, PipelineFilterForm
from accord.partners import permissions as partner_permissions
from accord.partners import selectors as partner_selectors

CARDS_PER_COLUMN = 20


def _require_view(user) -> None:
    if not can(user, "funding.view"):
        raise PermissionDenied


def _board_context(request, query: QueryDict) -> dict:
    form = PipelineFilterForm(query or None)
    filters = form.filters()
    data = pipeline_selectors.board(user=request.user, filters=filters, per_column=CARDS_PER_COLUMN)
    priced = data["priced_from"]
    can_edit = permissions.can_edit(request.user)
    for column in data["columns"]:
        for card in column.cards:
            card.moves = (
                pipeline_selectors.card_moves(card, data["stages"], priced)
                if can_edit and permissions.can_edit(request.user, card)
                else []
            )
    shown = {k: v for k, v in query.items() if k in form.fields and v}
    return {
        "form": form,
        "columns": data["columns"],
        "query": urlencode(shown),
        "can_edit": can_edit,
        "per_column": CARDS_PER_COLUMN,
    }


def pipeline_board(request):
    _require_view(request.user)
    return varies(
        render_page(
            request,
            "funding/pipeline.html",
            _board_context(request, request.GET),
            partial=fragment(request, "board"),
        )
    )


def opportunity_list(request):
    _require_view(request.user)
    form = PipelineFilterForm(request.GET or None, with_list=True)
    qs = pipeline_selectors.opportunity_list(user=request.user, filters=form.filters())
    return varies(
        render_page(
            request,
            "funding/opportunity_list.html",
            {
                "form": form,
                "page": paginate(request, qs),
                "can_edit": permissions.can_edit(request.user),
            },
            partial=fragment(request, "results"),
        )
    )


def _detail(request, pk, *, move_form=None, status=200):
    o = pipeline_selectors.opportunity_detail(user=request.user, pk=pk)
    entries = list(pipeline_selectors.history(o))
    return render(
        request,
        "funding/opportunity_detail.html",
        {
            "o": o,
            "can_edit": permissions.can_edit(request.user, o),
            "moves": pipeline_selectors.available_moves(request.user, o),
            "move_form": move_form,
            "stage_history": pipeline_selectors.stage_history(entries),
            "history": history_rows(entries, Opportunity)
            if can(request.user, "history.view")
            else None,
        },
        status=status,
    )


def opportunity_detail(request, pk: int):
    return _detail(request, pk)


# --- the form, with its two partner pickers ---

PICKERS = {"organisation": "partner_q", "co_funders": "cofunder_q"}


def picker_context(request, *, field: str, data) -> dict:
    """What a partner picker shows (the shape of engagement/_partner_picker.html): the chosen
    partners kept checked, and search results for its own search box."""
    user = request.user
    chosen_ids = [int(v) for v in data.getlist(field) if str(v).strip().isdigit()]
    chosen = list(
        partner_permissions.visible_organisations(user)
        .filter(pk__in=chosen_ids)
        .select_related("country")
        .order_by("sort_name")
    )
    q = (data.get(PICKERS[field]) or "").strip()[:200]
    found = partner_selectors.organisation_search(user=user, q=q, limit=10) if q else []
    taken = {o.pk for o in chosen}
    return {
        "picker_field": field,
        "picker_multiple": field == "co_funders",
        "picker_chosen": chosen,
        "picker_found": [o for o in found if o.pk not in taken],
        "picker_q": q,
        "picker_param": PICKERS[field],
        "picker_contacts": [],
    }


def partner_picker(request):
    if not permissions.can_edit(request.user):
        raise PermissionDenied
    field = request.GET.get("field") if request.GET.get("field") in PICKERS else "organisation"
    return render(
        request,
        "engagement/_partner_picker.html",
        picker_context(request, field=field, data=request.GET),
    )




def _form_page(request, form, *, opportunity=None):
    data = request.POST if request.method == "POST" else InitialData(form.initial)
    return render(
        request,
        "funding/opportunity_form.html",
        {
            "form": form,
            "o": opportunity,
            "partner_picker": picker_context(request, field="organisation", data=data),
            "cofunder_picker": picker_context(request, field="co_funders", data=data),
        },
    )


def _searching(request) -> bool:
    return "find" in request.POST


def opportunity_create(request):
    if not permissions.can_edit(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = OpportunityForm(request.POST)
        if not _searching(request) and form.is_valid():
            o = submit(
                form, pipeline_services.opportunity_create, actor=request.user, **form.values()
            )
            if o is not None:
                messages.success(request, f"Opportunity “{o.title}” recorded.")
                return redirect("funding:opportunity_detail", pk=o.pk)
    else:
        partner = request.GET.get("organisation", "")
        form = OpportunityForm(
            initial={
                "organisation": [int(partner)] if partner.isdigit() else [],
                "owner": request.user.pk,
                "stage": "identified",
            }
        )
    return _form_page(request, form)


def opportunity_edit(request, pk: int):
    o = pipeline_selectors.opportunity_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, o):
        raise PermissionDenied
    if request.method == "POST":
        form = OpportunityForm(request.POST, versioned=True, editing=True)
        saved = (
            not _searching(request)
            and form.is_valid()
            and submit(
                form,
                pipeline_services.opportunity_update,
                actor=request.user,
                opportunity=o,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        )
        if saved:
            messages.success(request, f"Opportunity “{o.title}” saved.")
            return redirect("funding:opportunity_detail", pk=o.pk)
    else:
        form = OpportunityForm(initial=OpportunityForm.initial_for(o), editing=True)
    return _form_page(request, form, opportunity=o)


# --- stage changes, from the opportunity's page or a board card ---


def _move(request, o, form) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        pipeline_services.opportunity_move(
            request.user, o, stage_code=data["stage"], version=data["version"], note=data["note"]
        )
    except ValidationError as exc:
        form.apply_errors(exc)
        return False
    except ConflictError as exc:
        form.add_error(None, str(exc))
        return False
    return True


@require_POST
def opportunity_move(request, pk: int):
    o = permissions.opportunity_for(request.user, pk)
    if not permissions.can_edit(request.user, o):
        raise PermissionDenied
    form = MoveForm(request.POST)
    moved = _move(request, o, form)
    if request.POST.get("from") == "board":
        query = QueryDict(request.POST.get("query", ""))
        if moved:
            messages.success(request, f"“{o.title}” moved to {o.stage.name}.")
        else:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        if request.htmx:
            context = _board_context(request, query)
            return render(request, "funding/pipeline.html#board", context)
        return redirect(reverse("funding:pipeline") + (f"?{query.urlencode()}" if query else ""))
    if moved:
        messages.success(request, f"“{o.title}” is now in {o.stage.name}.")
        return redirect("funding:opportunity_detail", pk=o.pk)
    return _detail(request, pk, move_form=form, status=400)


# --- the Funding tab of the partner page ---


def partner_pipeline(request, pk: int):
    _require_view(request.user)
    organisation = partner_permissions.organisation_for(request.user, pk)
    return render(
        request,
        "funding/pipeline_partner.html",
        {
            "organisation": organisation,
            "pipeline": pipeline_selectors.partner_pipeline(
                user=request.user, organisation=organisation
            ),
            "can_edit": permissions.can_edit(request.user),
        },
    )

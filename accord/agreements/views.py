"""Pages of agreements: the list, one agreement (facts, parties, value, life-cycle buttons,
amendments, documents, obligations, history), the forms, the party picker, document download
and the partner page's tab. Each view checks permission first (permissions.py), validates with
a form, calls one service or selector, and renders. Obligation pages: obligation_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.agreements import (
    amendment_services,
    documents,
    permissions,
    selectors,
    services,
    terms,
)
from accord.agreements.forms import (
    AgreementFilterForm,
    AgreementForm,
    AmendmentForm,
    DocumentForm,
    TransitionForm,
    parties_from,
)
from accord.agreements.models import Agreement, AgreementType, PartyRole
from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.partners import permissions as partner_permissions
from accord.partners import selectors as partner_selectors


def agreement_list(request):
    if not can(request.user, "agreements.view"):
        raise PermissionDenied
    form = AgreementFilterForm(request.GET or None)
    filters = selectors.AgreementFilters(**form.filters())
    qs = selectors.agreement_list(user=request.user, filters=filters)
    page = paginate(request, qs, prefetch=selectors.page_prefetch(request.user))
    return varies(
        render_page(
            request,
            "agreements/list.html",
            {"form": form, "page": page, "can_create": permissions.can_create(request.user)},
            partial=fragment(request, "results"),
        )
    )


# --- the party picker ---


class _Data(dict):
    """Initial parties in the shape of request data, for the picker."""

    def getlist(self, key):
        value = self.get(key) or []
        return value if isinstance(value, list) else [value]


def _initial_parties(parties: list[dict]) -> _Data:
    data = _Data(party=[str(p["organisation"].pk) for p in parties])
    data.update({f"role_{p['organisation'].pk}": p["role"] for p in parties})
    return data


def picker_context(request, data) -> dict:
    """The chosen parties (kept checked, with their roles) and the partners found for
    `party_q`."""
    user = request.user
    wanted = parties_from(data)
    roles = {p["organisation"]: p["role"] for p in wanted}
    chosen = list(
        partner_permissions.visible_organisations(user)
        .filter(pk__in=roles)
        .select_related("country")
        .order_by("sort_name")
    )
    q = (data.get("party_q") or "").strip()[:200]
    found = partner_selectors.organisation_search(user=user, q=q, limit=10) if q else []
    for org in chosen:
        org.party_role = roles.get(org.pk, PartyRole.CO_SIGNATORY)
    return {
        "picker_chosen": chosen,
        "picker_found": [o for o in found if o.pk not in roles],
        "picker_q": q,
        "party_roles": PartyRole.choices,
    }


def party_picker(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    return render(request, "agreements/_party_picker.html", picker_context(request, request.GET))


# --- create, edit ---


def _prefill(request) -> dict:
    """A new agreement's starting values: from ?opportunity=, ?organisation= or ?pledge=."""
    user, get = request.user, request.GET
    initial: dict = {"owner": user.pk}
    if get.get("opportunity"):
        initial.update(selectors.prefill_from_opportunity(user=user, pk=get["opportunity"]))
    elif get.get("organisation"):
        initial.update(selectors.prefill_from_organisation(user=user, pk=get["organisation"]))
    if get.get("pledge", "").isdigit():
        initial["pledge"] = int(get["pledge"])
    return initial


def _form_page(request, form, *, agreement=None, data=None, status=200, extra=None):
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "show_parties": not form.signed,
            **picker_context(request, data if data is not None else request.POST),
            **(extra or {}),
        },
        status=status,
    )


def agreement_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = AgreementForm(request.POST)
        if "find" not in request.POST and form.is_valid():
            agreement = submit(
                form,
                services.agreement_create,
                actor=request.user,
                parties=parties_from(request.POST),
                **form.values(),
            )
            if agreement is not None:
                messages.success(request, f"Agreement {agreement.reference} recorded as a draft.")
                return redirect("agreements:detail", pk=agreement.pk)
        return _form_page(request, form)
    initial = _prefill(request)
    parties = initial.pop("parties", [])
    label = initial.pop("opportunity_label", "")
    form = AgreementForm(initial=initial)
    return _form_page(
        request, form, data=_initial_parties(parties), extra={"opportunity_label": label}
    )


def agreement_edit(request, pk: int):
    agreement = permissions.agreement_for(request.user, pk, action="edit")
    signed = agreement.status in terms.SIGNED
    if request.method == "POST":
        form = AgreementForm(request.POST, versioned=True, signed=signed)
        if "find" not in request.POST and form.is_valid():
            extra = {} if signed else {"parties": parties_from(request.POST)}
            saved = submit(
                form,
                services.agreement_update,
                actor=request.user,
                agreement=agreement,
                expected_version=form.cleaned_data["version"],
                **extra,
                **form.values(),
            )
            if saved is not None:
                messages.success(request, f"Agreement {agreement.reference} saved.")
                return redirect("agreements:detail", pk=agreement.pk)
        return _form_page(request, form, agreement=agreement)
    form = AgreementForm(initial=AgreementForm.initial_for(agreement), signed=signed)
    data = _initial_parties(terms.current_parties(agreement))
    return _form_page(request, form, agreement=agreement, data=data)


# --- one agreement ---


def _detail(request, pk, *, transition_form=None, document_form=None, status=200, partial=None):
    user = request.user
    agreement = selectors.agreement_detail(user=user, pk=pk)
    can_edit = permissions.can_edit(user, agreement)
    obligations = selectors.annotate_obligations(user, agreement.obligations.all())
    return render_page(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "can_edit": can_edit,
            "signed": agreement.status in terms.SIGNED,
            "can_amend": can_edit and agreement.status in amendment_services.AMENDABLE,
            "funding": selectors.linked_funding(user=user, agreement=agreement),
            "transitions": selectors.available_transitions(user=user, agreement=agreement),
            "transition_form": transition_form,
            "document_form": document_form or (DocumentForm() if can_edit else None),
            "obligations": obligations,
            "history": history_rows(selectors.history(obj=agreement), Agreement)
            if can(user, "history.view")
            else None,
        },
        partial=partial,
        status=status,
    )


def agreement_detail(request, pk: int):
    return _detail(request, pk)


@require_POST
def agreement_transition(request, pk: int):
    agreement = permissions.agreement_for(request.user, pk, action="edit")
    form = TransitionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else None
    done = data and submit(
        form,
        services.agreement_transition,
        actor=request.user,
        agreement=agreement,
        transition=data["transition"],
        note=data["note"],
        date=data["date"],
        expected_version=data["version"],
    )
    if done:
        messages.success(
            request, f"Agreement {agreement.reference} is now {agreement.get_status_display()}."
        )
        if not request.htmx:
            return redirect("agreements:detail", pk=agreement.pk)
    partial = "status" if request.htmx else None
    return _detail(
        request,
        pk,
        transition_form=None if done else form,
        partial=partial,
        status=200 if done or request.htmx else 400,
    )


def amendment_create(request, pk: int):
    agreement = permissions.agreement_for(request.user, pk, action="edit")
    parties = terms.current_parties(agreement)
    if request.method == "POST":
        form = AmendmentForm(request.POST, versioned=True)
        data = request.POST
        if "find" not in request.POST and form.is_valid():
            values = form.values()
            amendment = submit(
                form,
                amendment_services.amendment_create,
                actor=request.user,
                agreement=agreement,
                expected_version=form.cleaned_data["version"],
                parties=parties_from(request.POST),
                **values,
            )
            if amendment is not None:
                messages.success(request, f"Amendment {amendment.number} recorded.")
                return redirect("agreements:detail", pk=agreement.pk)
    else:
        form = AmendmentForm(initial=AmendmentForm.initial_for(agreement))
        data = _initial_parties(parties)
    return render(
        request,
        "agreements/amendment_form.html",
        {"form": form, "agreement": agreement, **picker_context(request, data)},
    )


# --- documents ---


@require_POST
def document_upload(request, pk: int):
    agreement = permissions.agreement_for(request.user, pk, action="edit")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid() and submit(
        form,
        documents.document_upload,
        actor=request.user,
        agreement=agreement,
        file=form.cleaned_data["file"],
        title=form.cleaned_data["title"],
    ):
        messages.success(request, "Document added.")
        return redirect("agreements:detail", pk=agreement.pk)
    return _detail(request, pk, document_form=form, status=400)


def document_download(request, pk: int):
    document = permissions.document_for(request.user, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


# --- the partner page's tab ---


def partner_agreements(request, pk: int):
    if not can(request.user, "agreements.view"):
        raise PermissionDenied
    organisation = partner_permissions.organisation_for(request.user, pk)
    qs = selectors.partner_agreements(user=request.user, organisation=organisation)
    return varies(
        render(
            request,
            "agreements/partner_agreements.html",
            {
                "organisation": organisation,
                "page": paginate(request, qs, size=10),
                "can_create": permissions.can_create(request.user),
            },
        )
    )


def type_list(request):
    """The agreement types (administrators add and retire them in the admin site)."""
    if not can(request.user, "agreements.view"):
        raise PermissionDenied
    return render(
        request,
        "agreements/types.html",
        {
            "types": AgreementType.objects.all(),
            "can_manage": permissions.can_manage_types(request.user),
        },
    )

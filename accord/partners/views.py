"""Pages of the partner registry. Each view checks permission first, validates with a form,
calls one service or selector, and renders; objects outside the user's scope answer 404."""


from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.partners import permissions, selectors, services, views_duplicates
from accord.partners.forms import (
    ContactForm,
    OrganisationForm,
    PartnerFilterForm,
    RelationshipForm,
    RelationshipSearchForm,
)
from accord.partners.models import Contact, Organisation, Resource

TABS = [
    ("overview", "Overview"),
    ("contacts", "Contacts"),
    ("relationships", "Relationships"),
    ("engagements", "Engagements"),
    ("funding", "Funding"),
    ("agreements", "Agreements"),
    ("diligence", "Due diligence"),
    ("priority", "Priority"),
    ("stories", "Stories"),
    ("history", "History"),
]
# The tabs other apps fill, and the action that shows each (the registry's own tabs are open to
# whoever may see the partner; history is checked on the object).
TAB_ACTIONS = {
    "engagements": "engagement.view",
    "funding": "funding.view",
    "agreements": "agreements.view",
    "diligence": "diligence.view",
    "priority": "prioritization.view",
    "stories": "knowledge.view",
}


def _fragment(request, name: str) -> str | None:
    """The partial to render for an HTMX request; a history-restore request (back button after
    htmx's cache expired) wants the whole page."""
    htmx = getattr(request, "htmx", None)
    return None if htmx and htmx.history_restore_request else name


def partner_list(request):
    if can(request.user, "portal.self"):
        # A partner focal point's registry is its own organisation, in the portal (the staff
        # list's filters name staff members).
        return redirect("portal:partner_home")
    if not can(request.user, "partners.view"):
        raise PermissionDenied
    form = PartnerFilterForm(request.GET or None)
    filters = form.filters()
    organisations = selectors.organisation_list(user=request.user, filters=filters)
    page = Paginator(organisations, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    response = render_page(
        request,
        "partners/list.html",
        {
            "form": form,
            "page": page,
            "sort": filters.sort,
            "can_create": permissions.can_create(request.user),
        },
        partial=_fragment(request, "results"),
    )
    # The same URL answers a fragment to HTMX and a page to the browser: caches must tell apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def partner_detail(request, pk: int):
    organisation = selectors.organisation_detail(user=request.user, pk=pk)
    can_view_history = permissions.can_view_history(request.user, organisation)
    tabs = [
        (key, label)
        for key, label in TABS
        if (key != "history" or can_view_history)
        and (key not in TAB_ACTIONS or can(request.user, TAB_ACTIONS[key]))
    ]
    tab = request.GET.get("tab", "overview")
    if tab not in dict(tabs):
        tab = "overview"
    context = {
        "organisation": organisation,
        "tab": tab,
        "tabs": tabs,
        "can_edit": permissions.can_edit(request.user, organisation),
        "can_archive": permissions.can_archive(request.user, organisation),
        "can_edit_contacts": permissions.can_edit_contact(request.user, organisation),
        "can_view_history": can_view_history,
        "can_view_engagements": can(request.user, "engagement.view"),
        "can_view_funding": can(request.user, "funding.view"),
        "can_view_agreements": can(request.user, "agreements.view"),
        "can_view_diligence": can(request.user, "diligence.view"),
        "can_view_priority": can(request.user, "prioritization.view"),
        "can_view_stories": can(request.user, "knowledge.view"),
    }
    if tab == "overview":
        context["resources"] = [
            Resource(code).label
            for code in organisation.resources_offered
            if code in Resource.values
        ]
    elif tab == "relationships":
        # organisation_detail prefetched both ends, limited to what the user may see.
        context["relationships"] = [*organisation.links_out, *organisation.links_in]
    elif tab == "history":
        context["history"] = history_rows(selectors.history(obj=organisation), Organisation)
    return render(request, "partners/detail.html", context)


def partner_create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    likely = []
    # Likely duplicates are shown before saving; "Create anyway" (create_anyway=1) goes on.
    if request.method == "POST" and form.is_valid() and not request.POST.get("create_anyway"):
        likely = views_duplicates.likely_on_create(request.user, form.cleaned_data)
    if request.method == "POST" and form.is_valid() and not likely:
        try:
            organisation = services.organisation_create(actor=request.user, **form.values())
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, f"Partner “{organisation.name}” created.")
            return redirect("partners:detail", pk=organisation.pk)
    return render(
        request, "partners/form.html", {"form": form, "organisation": None, "likely": likely}
    )


def _save_versioned(request, form, success: str, update) -> tuple[bool, bool]:
    """An edit of a versioned record: validate the form, call `update(expected_version=...,
    **values)`, put the service's field errors on the form. Returns (saved, conflict)."""
    if not form.is_valid():
        return False, False
    try:
        update(expected_version=form.cleaned_data["version"], **form.values())
    except ValidationError as exc:
        form.apply_errors(exc)
        return False, False
    except ConflictError as exc:
        form.add_error(None, str(exc))
        return False, True
    messages.success(request, success)
    return True, False


def partner_edit(request, pk: int):
    organisation = permissions.organisation_for(request.user, pk, action="edit")
    conflict = False
    if request.method == "POST":
        form = OrganisationForm(request.POST, versioned=True)
        saved, conflict = _save_versioned(
            request, form, f"Partner “{organisation.name}” saved.",
            lambda **values: services.organisation_update(
                actor=request.user, organisation=organisation, **values
            ),
        )
        if saved:
            return redirect("partners:detail", pk=organisation.pk)
    else:
        form = OrganisationForm(initial=OrganisationForm.initial_for(organisation))
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "organisation": organisation,
            "conflict": conflict,
        },
    )


def _archive_or_restore(request, pk: int, *, action: str, service, done: str):
    organisation = permissions.organisation_for(request.user, pk, action=action)
    version = request.POST.get("version")
    try:
        service(
            actor=request.user,
            organisation=organisation,
            expected_version=int(version) if version and version.isdigit() else None,
        )
    except ConflictError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Partner “{organisation.name}” {done}.")
    return redirect("partners:detail", pk=organisation.pk)


@require_POST
def partner_archive(request, pk: int):
    return _archive_or_restore(
        request, pk, action="archive", service=services.organisation_archive, done="archived"
    )


@require_POST
def partner_restore(request, pk: int):
    return _archive_or_restore(
        request, pk, action="restore", service=services.organisation_restore, done="restored"
    )


def contact_detail(request, pk: int):
    contact = selectors.contact_get(user=request.user, pk=pk)
    return render(
        request,
        "partners/contact_detail.html",
        {
            "contact": contact,
            "organisation": contact.organisation,
            "can_edit": permissions.can_edit_contact(request.user, contact),
            "history": history_rows(selectors.history(obj=contact), Contact)
            if permissions.can_view_history(request.user, contact.organisation)
            else None,
        },
    )


def contact_create(request, pk: int):
    organisation = permissions.organisation_for(request.user, pk)
    if not permissions.can_edit_contact(request.user, organisation):
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(
                actor=request.user, organisation=organisation, **form.values()
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, f"Contact “{contact.full_name}” added.")
            return redirect("partners:contact_detail", pk=contact.pk)
    return render(
        request,
        "partners/contact_form.html",
        {
            "form": form,
            "organisation": organisation,
            "contact": None,
        },
    )


def _editable_contact(request, pk: int):
    return permissions.contact_for(request.user, pk, action="edit")


def contact_edit(request, pk: int):
    contact = _editable_contact(request, pk)
    conflict = False
    if request.method == "POST":
        form = ContactForm(request.POST, versioned=True)
        saved, conflict = _save_versioned(
            request, form, f"Contact “{contact.full_name}” saved.",
            lambda **values: services.contact_update(actor=request.user, contact=contact, **values),
        )
        if saved:
            return redirect("partners:contact_detail", pk=contact.pk)
    else:
        form = ContactForm(initial=ContactForm.initial_for(contact))
    return render(
        request,
        "partners/contact_form.html",
        {
            "form": form,
            "organisation": contact.organisation,
            "contact": contact,
            "conflict": conflict,
        },
    )


@require_POST
def contact_archive(request, pk: int):
    contact = _editable_contact(request, pk)
    services.contact_archive(actor=request.user, contact=contact)
    messages.success(request, f"Contact “{contact.full_name}” archived.")
    return redirect(f"{_detail_url(contact.organisation_id)}?tab=contacts")


def _detail_url(pk: int) -> str:
    return reverse("partners:detail", kwargs={"pk": pk})


def relationship_create(request, pk: int):
    organisation = permissions.organisation_for(request.user, pk, action="edit")
    search = RelationshipSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    form = RelationshipForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            other = permissions.organisation_for(request.user, form.cleaned_data["other"])
        except Http404:
            form.add_error("other", "That organisation does not exist or is outside your scope.")
        else:
            source, target = (
                (organisation, other) if form.direction == "out" else (other, organisation)
            )
            try:
                services.relationship_create(
                    actor=request.user,
                    source=source,
                    target=target,
                    kind=form.kind,
                    since=form.cleaned_data["since"],
                    until=form.cleaned_data["until"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form.apply_errors(exc, rename={"target": "other", "kind": "link"})
            except PermissionDeniedError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Relationship added.")
                return redirect(f"{_detail_url(organisation.pk)}?tab=relationships")
    candidates = (
        [
            c
            for c in selectors.organisation_search(user=request.user, q=q, limit=10)
            if c.pk != organisation.pk
        ]
        if q
        else []
    )
    partial = _fragment(request, "candidates") if request.method == "GET" else None
    return render_page(
        request,
        "partners/relationship_form.html",
        {
            "organisation": organisation,
            "form": form,
            "search": search,
            "q": q,
            "candidates": candidates,
        },
        partial=partial,
    )


@require_POST
def relationship_delete(request, pk: int, relationship_pk: int):
    organisation = permissions.organisation_for(request.user, pk, action="edit")
    relationship = (
        selectors.relationship_list(organisation=organisation, user=request.user)
        .filter(pk=relationship_pk)
        .first()
    )
    if relationship is None:
        raise Http404("No such relationship.")
    services.relationship_delete(actor=request.user, relationship=relationship)
    messages.success(request, "Relationship removed.")
    return redirect(f"{_detail_url(organisation.pk)}?tab=relationships")

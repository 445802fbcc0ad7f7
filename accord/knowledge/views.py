"""Pages of the knowledge hub. Each view checks permission first, validates with a form, calls
one service or selector, and renders; an item the user may not see answers 404. Sending an
item out is in dissemination_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError
from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, submit, varies
from accord.knowledge import permissions, selectors, services, states
from accord.knowledge.forms import ItemFilterForm, ItemForm
from accord.knowledge.models import Item
from accord.knowledge.picker import Initial, picker_context
from accord.partners import permissions as partner_permissions


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def item_list(request):
    _require(permissions.can_view(request.user))
    form = ItemFilterForm(request.GET or None, show_state=permissions.can_write(request.user))
    filters = form.filters()
    qs = selectors.item_list(user=request.user, filters=filters)
    page = paginate(request, qs, prefetch=selectors.page_prefetch(request.user))
    partner = None
    if filters.partner:
        partner = (
            partner_permissions.visible_organisations(request.user)
            .filter(pk=filters.partner)
            .only("id", "name")
            .first()
        )
    return varies(
        render_page(
            request,
            "knowledge/list.html",
            {
                "form": form,
                "page": page,
                "partner": partner,
                "can_write": permissions.can_write(request.user),
            },
            partial=fragment(request, "results"),
        )
    )


def item_detail(request, pk: int):
    item = selectors.item_detail(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "knowledge/detail.html",
        {
            "item": item,
            "can_edit": permissions.can_edit(user, item),
            "can_disseminate": permissions.can_disseminate(user, item),
            "transitions": states.available(user, item),
            "disseminations": selectors.item_disseminations(user=user, item=item),
            "history": history_rows(selectors.history(item, user=user), Item)
            if can(user, "history.view")
            else None,
        },
    )


def _form_page(request, form, *, item=None):
    data = request.POST if request.method == "POST" else Initial(form.initial)
    return render(
        request,
        "knowledge/form.html",
        {"form": form, "item": item, **picker_context(request.user, field="partners", data=data)},
    )


def item_create(request):
    _require(permissions.can_write(request.user))
    if request.method == "POST":
        form = ItemForm(request.POST)
        if "find" not in request.POST and form.is_valid():
            item = submit(form, services.item_create, actor=request.user, **form.values())
            if item is not None:
                messages.success(request, f"“{item.title}” saved as a draft.")
                return redirect("knowledge:detail", pk=item.pk)
    else:
        partner = request.GET.get("partner", "")
        form = ItemForm(initial={"partners": [int(partner)] if partner.isdigit() else []})
    return _form_page(request, form)


def _initial(item: Item) -> dict:
    links = item.partner_links.all()  # prefetched, limited to the user's scope
    initial = {name: getattr(item, name) for name in services.SCALAR_FIELDS}
    initial |= {
        "outcomes": list(item.outcomes.all()),
        "countries": list(item.countries.all()),
        "flagships": list(item.flagships.all()),
        "version": item.version,
        "partners": [link.organisation_id for link in links],
    }
    initial |= {f"role_{link.organisation_id}": link.role for link in links}
    return initial


def item_edit(request, pk: int):
    item = selectors.item_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, item):
        raise PermissionDenied
    if request.method == "POST":
        form = ItemForm(request.POST, versioned=True)
        saved = (
            "find" not in request.POST
            and form.is_valid()
            and submit(
                form,
                services.item_update,
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        )
        if saved:
            messages.success(request, f"“{item.title}” saved.")
            return redirect("knowledge:detail", pk=item.pk)
    else:
        form = ItemForm(initial=_initial(item))
    return _form_page(request, form, item=item)


@require_POST
def item_transition(request, pk: int):
    item = permissions.item_for(request.user, pk)
    version = request.POST.get("version", "")
    try:
        services.item_transition(
            actor=request.user,
            item=item,
            name=request.POST.get("transition", ""),
            note=request.POST.get("note", ""),
            expected_version=int(version) if version.isdigit() else None,
        )
    except (ValidationError, ConflictError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(request, f"“{item.title}” is now {item.get_state_display().lower()}.")
    return redirect("knowledge:detail", pk=item.pk)


def partner_picker(request):
    _require(permissions.can_write(request.user))
    field = "organisations" if request.GET.get("field") == "organisations" else "partners"
    return render(
        request,
        "knowledge/_picker.html",
        picker_context(request.user, field=field, data=request.GET),
    )


def partner_items(request, pk: int):
    """The Stories tab of the partner page: what the partner took part in or received."""
    _require(permissions.can_view(request.user))
    organisation = partner_permissions.organisation_for(request.user, pk)
    rows = selectors.partner_items(user=request.user, organisation=organisation)
    return varies(
        render_page(
            request,
            "knowledge/partner_items.html",
            {
                "organisation": organisation,
                "rows": rows,
                "limit": selectors.PARTNER_TAB_LIMIT,
                "can_write": permissions.can_write(request.user),
            },
            partial=fragment(request, "tab"),
        )
    )

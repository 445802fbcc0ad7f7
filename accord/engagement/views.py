"""Pages of the engagement log. Each view checks permission first, validates with a form,
calls one service or selector, and renders; engagements outside the user's scope answer 404.
Governance and plan pages are in governance_views.py and plan_views.py."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError
from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.engagement import coordination, health, permissions, selectors, services
from accord.engagement.forms import (
    EngagementFilterForm,
    EngagementForm,
    FollowUpForm,
    QuickEngagementForm,
)
from accord.engagement.models import Engagement
from accord.partners import permissions as partner_permissions
from accord.partners import selectors as partner_selectors


def paginate(request, qs, *, prefetch=(), size: int | None = None, param: str = "page"):
    """One page of `qs` (the `param` query parameter), with `prefetch` run on its rows only."""
    page = Paginator(qs, size or settings.ACCORD_PAGE_SIZE).get_page(request.GET.get(param))
    prefetch_related_objects(page.object_list, *prefetch)
    return page


def fragment(request, name: str) -> str | None:
    """The partial an HTMX request asks for; a history-restore request wants the whole page."""
    htmx = getattr(request, "htmx", None)
    return None if htmx and htmx.history_restore_request else name


def varies(response):
    # The same URL answers a fragment to HTMX and a page to the browser: caches must tell apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- the partner picker (a search box and the chosen partners, as checkboxes or radios) ---


def _ids(values) -> list[int]:
    return list(dict.fromkeys(int(v) for v in values if str(v).strip().isdigit()))


def picker_context(request, *, field: str, data) -> dict:
    """What the partner picker shows: the chosen partners (kept checked), search results for
    `partner_q`, and with the multiple picker the chosen partners' contacts."""
    user = request.user
    multiple = field == "organisations"
    chosen_ids = _ids(data.getlist(field))
    chosen = list(
        partner_permissions.visible_organisations(user)
        .filter(pk__in=chosen_ids)
        .select_related("country")
        .order_by("sort_name")
    )
    q = (data.get("partner_q") or "").strip()[:200]
    found = partner_selectors.organisation_search(user=user, q=q, limit=10) if q else []
    taken = {o.pk for o in chosen}
    contacts = []
    if multiple and chosen:
        contacts = list(
            partner_selectors.contact_list(user=user)
            .filter(organisation_id__in=taken)
            .order_by("organisation__sort_name", "last_name")
        )
    return {
        "picker_field": field,
        "picker_multiple": multiple,
        "picker_chosen": chosen,
        "picker_found": [o for o in found if o.pk not in taken],
        "picker_q": q,
        "picker_contacts": contacts,
        "picker_contact_ids": set(_ids(data.getlist("contacts"))),
    }


def partner_picker(request):
    # The picker serves the forms that name partners: engagements and governance records.
    if not (permissions.can_log(request.user) or permissions.can_record_governance(request.user)):
        raise PermissionDenied
    field = "organisations" if request.GET.get("field") != "organisation" else "organisation"
    return render(
        request,
        "engagement/_partner_picker.html",
        picker_context(request, field=field, data=request.GET),
    )


# --- engagements ---


def engagement_list(request):
    if not can(request.user, "engagement.view"):
        raise PermissionDenied
    form = EngagementFilterForm(request.GET or None)
    filters = form.filters()
    qs = selectors.engagement_list(user=request.user, filters=filters)
    page = paginate(request, qs, prefetch=selectors.page_prefetch(request.user))
    partner = None
    if filters.partner is not None:
        partner = (
            partner_permissions.visible_organisations(request.user)
            .filter(pk=filters.partner)
            .first()
        )
    return varies(
        render_page(
            request,
            "engagement/list.html",
            {
                "form": form,
                "page": page,
                "partner": partner,
                "can_log": permissions.can_log(request.user),
            },
            partial=fragment(request, "results"),
        )
    )


def attempt(request, done: str, service, /, **kwargs) -> None:
    """Call `service(**kwargs)` for a button (no form to hold errors): its refusal, or `done`,
    becomes the message shown on the next page."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)


def submit(form, service, /, **kwargs):
    """Call `service(**kwargs)` for a valid form; a refusal (ValidationError, ConflictError)
    goes onto the form, and the result is then None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        form.apply_errors(exc)
    except ConflictError as exc:
        form.add_error(None, str(exc))
    return None


def _form_page(request, form, *, engagement=None):
    data = request.POST if request.method == "POST" else _initial_data(form)
    return render(
        request,
        "engagement/form.html",
        {
            "form": form,
            "engagement": engagement,
            **picker_context(request, field="organisations", data=data),
        },
    )


class _Initial(dict):
    """The form's initial ids in the shape of request data, for the picker."""

    def getlist(self, key):
        value = self.get(key) or []
        return value if isinstance(value, list) else [value]


def _initial_data(form) -> _Initial:
    return _Initial(
        organisations=form.initial.get("organisations", []),
        contacts=form.initial.get("contacts", []),
    )


def engagement_create(request):
    if not permissions.can_log(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = EngagementForm(request.POST)
        if "find" not in request.POST and form.is_valid():
            engagement = submit(
                form, services.engagement_create, actor=request.user, **form.values()
            )
            if engagement is not None:
                messages.success(request, f"Engagement “{engagement.title}” logged.")
                return redirect("engagement:detail", pk=engagement.pk)
    else:
        partner = request.GET.get("partner", "")
        form = EngagementForm(
            initial={
                "staff": [request.user.pk],
                "organisations": [int(partner)] if partner.isdigit() else [],
            }
        )
    return _form_page(request, form)


def engagement_edit(request, pk: int):
    engagement = permissions.engagement_for(request.user, pk, action="edit")
    if request.method == "POST":
        form = EngagementForm(request.POST, versioned=True)
        saved = (
            "find" not in request.POST
            and form.is_valid()
            and submit(
                form,
                services.engagement_update,
                actor=request.user,
                engagement=engagement,
                expected_version=form.cleaned_data["version"],
                **form.values(),
            )
        )
        if saved:
            messages.success(request, f"Engagement “{engagement.title}” saved.")
            return redirect("engagement:detail", pk=engagement.pk)
    else:
        form = EngagementForm(initial=EngagementForm.initial_for(engagement))
    return _form_page(request, form, engagement=engagement)


def _detail_page(request, pk, *, follow_up_form=None, status=200):
    engagement = selectors.engagement_detail(user=request.user, pk=pk)
    can_edit = permissions.can_edit(request.user, engagement)
    show_history = can(request.user, "history.view")
    return render(
        request,
        "engagement/detail.html",
        {
            "engagement": engagement,
            "can_edit": can_edit,
            "hidden_partners": engagement.partner_count - len(engagement.partners_shown),
            "follow_up_form": follow_up_form or (FollowUpForm() if can_edit else None),
            "history": history_rows(
                selectors.engagement_history(user=request.user, engagement=engagement), Engagement
            )
            if show_history
            else None,
        },
        status=status,
    )


def engagement_detail(request, pk: int):
    return _detail_page(request, pk)


# --- a partner's engagements: the tab on the partner page ---


def _partner_tab(request, organisation, *, form=None, status=200):
    user = request.user
    links = paginate(request, selectors.partner_timeline(organisation=organisation), size=10)
    engagements = [link.engagement for link in links]
    prefetch_related_objects(engagements, *selectors.page_prefetch(user))
    if form is None and permissions.can_log(user):
        form = _quick_form(request, organisation)
    return varies(
        render_page(
            request,
            "engagement/partner_engagements.html",
            {
                "organisation": organisation,
                "page": links,
                "engagements": engagements,
                "summary": selectors.partner_summary(organisation=organisation),
                "health": health.partner_health(organisation=organisation),
                "coordination": coordination.partner_coordination(organisation=organisation),
                "form": form,
            },
            partial=fragment(request, "timeline"),
            status=status,
        )
    )


def _quick_form(request, organisation, data=None):
    contacts = partner_selectors.contact_list(user=request.user, organisation=organisation)
    return QuickEngagementForm(data, organisation=organisation, contacts=list(contacts[:50]))


def partner_engagements(request, pk: int):
    if not can(request.user, "engagement.view"):
        raise PermissionDenied
    organisation = partner_permissions.organisation_for(request.user, pk)
    return _partner_tab(request, organisation)


@require_POST
def partner_log(request, pk: int):
    """Log an engagement with this partner from its page, in a couple of clicks."""
    if not permissions.can_log(request.user):
        raise PermissionDenied
    organisation = partner_permissions.organisation_for(request.user, pk)
    form = _quick_form(request, organisation, request.POST)
    engagement = form.is_valid() and submit(
        form,
        services.engagement_create,
        actor=request.user,
        organisations=[organisation],
        staff=[request.user],
        **form.values(),
    )
    if engagement:
        messages.success(request, f"Engagement “{engagement.title}” logged.")
        if not request.htmx:
            tab = reverse("partners:detail", args=[organisation.pk])
            return redirect(f"{tab}?tab=engagements")
        return _partner_tab(request, organisation)
    return _partner_tab(request, organisation, form=form, status=200 if request.htmx else 400)


# --- follow-ups ---


@require_POST
def follow_up_create(request, pk: int):
    engagement = permissions.engagement_for(request.user, pk, action="edit")
    form = FollowUpForm(request.POST)
    if form.is_valid() and submit(
        form,
        services.follow_up_create,
        actor=request.user,
        engagement=engagement,
        **form.cleaned_data,
    ):
        messages.success(request, "Follow-up added.")
        return redirect("engagement:detail", pk=engagement.pk)
    return _detail_page(request, engagement.pk, follow_up_form=form, status=400)


@require_POST
def follow_up_done(request, pk: int):
    follow_up = permissions.follow_up_for(request.user, pk, action="complete")
    attempt(
        request,
        f"Follow-up “{follow_up}” done.",
        services.follow_up_complete,
        actor=request.user,
        follow_up=follow_up,
    )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(reverse("engagement:detail", args=[follow_up.engagement_id]) + "#follow-ups")


def follow_up_list(request):
    if not can(request.user, "engagement.view"):
        raise PermissionDenied
    mine = request.GET.get("who") != "all"
    qs = selectors.follow_up_list(user=request.user, owner=request.user if mine else None)
    return render(
        request,
        "engagement/follow_ups.html",
        {
            "page": paginate(request, qs),
            "mine": mine,
        },
    )

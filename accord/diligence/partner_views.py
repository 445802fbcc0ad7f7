"""The due-diligence tab of the partner page (loaded with HTMX by diligence/_partner_tab.html):
why the partner is blocked, its screening hits and those of its contacts, its reviews, and the
"Screen now" button."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.core.htmx import render_page
from accord.diligence import hit_services, permissions, review_selectors
from accord.engagement.views import fragment, varies
from accord.partners import permissions as partner_permissions


def _tab(request, organisation, *, status=200):
    user = request.user
    return varies(
        render_page(
            request,
            "diligence/partner_diligence.html",
            {
                "organisation": organisation,
                **review_selectors.partner_diligence(user=user, organisation=organisation),
                "can_screen": permissions.can_screen(user)
                and permissions.in_region(user, organisation),
                "can_prepare": permissions.can_prepare(user)
                and permissions.in_region(user, organisation),
            },
            partial=fragment(request, "tab"),
            status=status,
        )
    )


def partner_diligence(request, pk: int):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    organisation = partner_permissions.organisation_for(request.user, pk)
    return _tab(request, organisation)


@require_POST
def partner_screen(request, pk: int):
    if not permissions.can_screen(request.user):
        raise PermissionDenied
    organisation = partner_permissions.organisation_for(request.user, pk)
    try:
        run = hit_services.screen_organisation(actor=request.user, organisation=organisation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        found = run.counts.get("organisations_new", 0) + run.counts.get("contacts_new", 0)
        messages.success(
            request, f"Screened against {run.version}: {found} new possible match(es)."
        )
    if request.htmx:
        return _tab(request, organisation)
    return redirect(reverse("partners:detail", args=[organisation.pk]) + "?tab=diligence")

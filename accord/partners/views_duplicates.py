"""Pages of duplicate detection: the review queue, the decision "not a duplicate", and the
panel of likely duplicates the partner form shows while someone types."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from accord.accounts.roles import can
from accord.core.htmx import render_page
from accord.partners import duplicates, permissions
from accord.partners.matching import find_matches
from accord.partners.models import Organisation

# The form fields the panel reads (the partner form's names).
PANEL_FIELDS = (
    "name",
    "acronym",
    "aliases",
    "website",
    "email",
    "country",
    "iati_identifier",
    "registration_number",
)


def duplicate_queue(request):
    candidates = duplicates.duplicate_candidate_list(user=request.user)
    page = Paginator(candidates, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    htmx = getattr(request, "htmx", None)
    partial = None if htmx and htmx.history_restore_request else "queue"
    response = render_page(request, "partners/duplicates.html", {"page": page}, partial=partial)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def duplicate_not_duplicate(request, pk: int):
    candidate = duplicates.duplicate_candidate_for(user=request.user, pk=pk)
    error = ""
    try:
        candidate = duplicates.duplicate_mark_not_duplicate(
            actor=request.user, candidate=candidate, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if getattr(request, "htmx", None):
        return render(
            request, "partners/duplicates.html#decided", {"candidate": candidate, "error": error}
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, f"“{candidate.first.name}” and “{candidate.second.name}” are kept apart."
        )
    return redirect("partners:duplicates")


def _panel_values(request) -> dict:
    data = {name: request.GET.get(name, "").strip()[:300] for name in PANEL_FIELDS}
    data["aliases"] = [a.strip() for a in data["aliases"].splitlines() if a.strip()]
    return data


@require_GET
def duplicate_panel(request):
    """Likely duplicates of what the partner form holds now (an HTMX fragment)."""
    user = request.user
    if not (permissions.can_create(user) or can(user, "partners.edit")):
        raise PermissionDenied
    values = _panel_values(request)
    editing = request.GET.get("organisation", "")
    exclude = [int(editing)] if editing.isdigit() else []
    matches = []
    if len(values["name"]) >= 3:
        matches = visible_matches(user, values, exclude=exclude)
    return render(request, "partners/duplicates_panel.html", {"matches": matches})


def visible_matches(user, values: dict, *, exclude=()) -> list[dict]:
    """`find_matches` for these form values, limited to what `user` may see, without pairs
    already decided "not a duplicate" with the organisation being edited."""
    found = find_matches(
        name=values["name"],
        acronym=values.get("acronym", ""),
        aliases=values.get("aliases", ()),
        website=values.get("website", ""),
        email=values.get("email", ""),
        country=values.get("country") or None,
        iati_identifier=values.get("iati_identifier", ""),
        registration_number=values.get("registration_number", ""),
        exclude_ids=exclude,
    )
    if not found:
        return []
    ids = {m.organisation_id for m in found}
    orgs = {
        o.pk: o
        for o in permissions.visible_organisations(
            user, Organisation.objects.select_related("country").filter(pk__in=ids)
        )
    }
    decided = duplicates.decided_pairs(set(exclude)) if exclude else set()
    return [
        {"organisation": orgs[m.organisation_id], "score": m.score, "reasons": m.reasons}
        for m in found
        if m.organisation_id in orgs
        and not any(tuple(sorted((m.organisation_id, e))) in decided for e in exclude)
    ]


def likely_on_create(user, values: dict) -> list[dict]:
    """What the create form shows before saving. An organisation with the same IATI
    identifier is left to the service, which refuses the identifier with its own message."""
    iati = (values.get("iati_identifier") or "").strip()
    return [
        m
        for m in visible_matches(user, values)
        if not (iati and m["organisation"].iati_identifier == iati)
    ]

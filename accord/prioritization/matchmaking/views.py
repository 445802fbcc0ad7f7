"""Pages of matchmaking: the overview (partners with their best suggested connections), one
partner's suggestions, the panel on the partner page's Priority tab, and the accept / dismiss
buttons (a confirmation that says what will happen, then the decision). Each view checks
permission first, validates with a form, calls one service or selector, and renders; partners
outside the user's scope answer 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accord.core.htmx import render_page
from accord.engagement.views import fragment, paginate, varies
from accord.prioritization.matchmaking import network_selectors, permissions, selectors, services
from accord.prioritization.matchmaking.forms import DecisionForm, MatchFilterForm, PairForm
from accord.prioritization.matchmaking.suggestions import (
    MatchFilters,
    suggestion_between,
    suggestions_for,
    suggestions_for_many,
)

PARTNERS_PER_PAGE = 10
PER_PARTNER = 3
ON_PARTNER_PAGE = 20
ON_PANEL = 5


def _suggestions_page(request, template: str, context: dict):
    """A page of suggestion cards (its #results fragment for HTMX); the cards' buttons come
    back to this very URL."""
    context |= {"can_decide": permissions.can_decide(request.user), "next": request.get_full_path()}
    return varies(render_page(request, template, context, partial=fragment(request, "results")))


def overview(request):
    permissions.require_view(request.user)
    form = MatchFilterForm(request.GET or None)
    filters = form.filters()
    side = form.chosen_side()
    partners = selectors.partners_to_match(user=request.user, side=side, filters=filters)
    page = paginate(request, partners, size=PARTNERS_PER_PAGE)
    found = suggestions_for_many(
        user=request.user,
        organisations=list(page.object_list),
        filters=MatchFilters(outcome=filters.outcome),
        limit=PER_PARTNER,
    )
    context = {
        "form": form,
        "page": page,
        "rows": [(org, found[org.pk]) for org in page.object_list],
        "per_partner": PER_PARTNER,
    }
    return _suggestions_page(request, "matchmaking/overview.html", context)


def partner_suggestions(request, pk: int):
    organisation = permissions.partner_for(request.user, pk)
    form = MatchFilterForm(request.GET or None, with_side=False)
    context = {
        "organisation": organisation,
        "form": form,
        "suggestions": suggestions_for(
            user=request.user,
            organisation=organisation,
            filters=form.filters(),
            limit=ON_PARTNER_PAGE,
        ),
        "decisions": list(
            selectors.decision_list(user=request.user, organisation=organisation)[:10]
        ),
    }
    return _suggestions_page(request, "matchmaking/partner.html", context)


def partner_panel(request, pk: int):
    """The partner's neighbourhood and best suggestions, for the Priority tab of its page."""
    organisation = permissions.partner_for(request.user, pk)
    return render(
        request,
        "matchmaking/partner_panel.html",
        {
            "organisation": organisation,
            "suggestions": suggestions_for(
                user=request.user, organisation=organisation, limit=ON_PANEL
            ),
            "hood": network_selectors.neighbourhood(user=request.user, organisation=organisation),
            "run": network_selectors.latest_run(),
            "can_decide": permissions.can_decide(request.user),
            "next": reverse("partners:detail", args=[pk]) + "?tab=priority",
        },
    )


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else fallback


def _pair(request, form: PairForm):
    partner = permissions.partner_for(request.user, form.cleaned_data["partner"])
    other = permissions.partner_for(request.user, form.cleaned_data["other"])
    try:
        funder, implementer = services.orient(partner, other)
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    return (partner, other, funder, implementer), ""


def card(request):
    """One suggestion as it stands now (what "Cancel" on a confirmation brings back)."""
    permissions.require_view(request.user)
    form = PairForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("Give the two partners of the suggestion.")
    pair, problem = _pair(request, form)
    if pair is None:
        return HttpResponseBadRequest(problem)
    partner, _, funder, implementer = pair
    return render(
        request,
        "matchmaking/_suggestion.html",
        {
            "s": suggestion_between(user=request.user, funder=funder, implementer=implementer),
            "subject_id": partner.pk,
            "can_decide": permissions.can_decide(request.user),
            "next": _safe_next(request, ""),
        },
    )


@require_http_methods(["GET", "POST"])
def decide(request):
    """GET: what accepting or dismissing this pair will do, with the button that does it.
    POST: do it; HTMX gets the outcome in place of the suggestion, a browser a message."""
    if not permissions.can_decide(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("Give the two partners and accept or dismiss.")
    pair, problem = _pair(request, form)
    if pair is None:
        return HttpResponseBadRequest(problem)
    partner, other, funder, implementer = pair
    if not permissions.can_decide(request.user, partner, other):
        raise PermissionDenied
    fallback = reverse("matchmaking:partner", args=[partner.pk])
    context = {
        "form": form,
        "funder": funder,
        "implementer": implementer,
        "subject_id": partner.pk,
        "next": _safe_next(request, fallback),
    }
    if request.method == "GET":
        return render_page(request, "matchmaking/decide.html", context, partial="confirm")
    service = services.match_accept if form.accepting else services.match_dismiss
    try:
        decision = service(
            actor=request.user, partner=partner, other=other, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        decision, context["problem"] = None, " ".join(exc.messages)
    if request.htmx:
        return render(request, "matchmaking/_decided.html", {**context, "decision": decision})
    if decision is None:
        messages.error(request, context["problem"])
    elif decision.engagement_id:
        messages.success(
            request, f"Introduction of {funder} and {implementer} logged on both timelines."
        )
    else:
        messages.success(request, f"Dismissed: {funder} and {implementer} won't be suggested.")
    return redirect(context["next"])

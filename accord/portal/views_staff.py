"""Staff pages of the portal: the queue of registrations, join requests and key-field
changes, each with its checks and the decision; the stream of expressions of interest per
outcome and flagship programme, with answers and conversions."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.core.htmx import render_page
from accord.partners import permissions as partner_permissions
from accord.partners.models import Organisation
from accord.portal import interest_services, profile_services, registration_services, selectors
from accord.portal.forms import (
    AnswerForm,
    DecisionForm,
    EngagementFromInterestForm,
    InterestFilterForm,
    OpportunityFromInterestForm,
)
from accord.portal.models import RegistrationKind
from accord.portal.permissions import (
    can_answer,
    can_approve,
    can_decide_registration,
    can_staff,
    require,
)
from accord.portal.selectors import InterestFilters

TABS = {"registrations": RegistrationKind.NEW, "joins": RegistrationKind.JOIN}


def staff_home(request):
    require(request.user, "portal.staff", "The portal queues are for staff.")
    tab = request.GET.get("tab", "registrations")
    if tab == "changes":
        rows = selectors.change_queue(user=request.user)
    else:
        tab = tab if tab in TABS else "registrations"
        rows = selectors.registration_queue(user=request.user, kind=TABS[tab])
    page = Paginator(rows, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(
        request,
        "portal/staff_home.html",
        {
            "tab": tab,
            "page": page,
            "counts": selectors.queue_counts(user=request.user),
        },
        partial="rows",
    )


def registration_detail(request, pk: int):
    require(request.user, "portal.staff", "The portal queues are for staff.")
    reg = selectors.registration_detail(user=request.user, pk=pk)
    matches = selectors.matched_organisations(user=request.user, registration=reg)
    form = DecisionForm(matches=matches)
    return render(
        request,
        "portal/registration_detail.html",
        _registration_context(request, reg, matches, form),
    )


def _registration_context(request, reg, matches, form) -> dict:
    return {
        "reg": reg,
        "matches": matches,
        "form": form,
        "staff_view": can_staff(request.user),
        "can_decide": can_decide_registration(request.user, reg),
    }


def decide_registration(request, pk: int, *, done: str):
    """Approve or reject a registration or join request (staff, or the focal point of the
    organisation a join request is aimed at)."""
    reg = selectors.registration_detail(user=request.user, pk=pk)
    matches = selectors.matched_organisations(user=request.user, registration=reg)
    form = DecisionForm(request.POST, matches=matches)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                chosen = None
                if data["organisation"]:
                    chosen = partner_permissions.organisation_for(
                        request.user, data["organisation"], qs=Organisation.objects.all()
                    )
                registration_services.registration_approve(
                    actor=request.user,
                    registration=reg,
                    organisation=chosen,
                    note=data["note"],
                    login_url=request.build_absolute_uri(reverse("login")),
                )
                messages.success(request, f"Approved: {reg.full_name} can now log in.")
            else:
                registration_services.registration_reject(
                    actor=request.user, registration=reg, reason=data["note"]
                )
                messages.success(request, f"Rejected: {reg.full_name} is told why.")
        except ValidationError as exc:
            form.apply_errors(exc, rename={"reason": "note"})
        else:
            return redirect(done)
    return render(
        request,
        "portal/registration_detail.html",
        _registration_context(request, reg, matches, form),
        status=400,
    )


@require_POST
def registration_decide(request, pk: int):
    require(request.user, "portal.staff", "The portal queues are for staff.")
    return decide_registration(request, pk, done="portal:staff_home")


def change_detail(request, pk: int):
    require(request.user, "portal.staff", "The portal queues are for staff.")
    change = selectors.change_detail(user=request.user, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                profile_services.change_request_apply(actor=request.user, request=change)
                messages.success(request, "The change is applied to the registry.")
            else:
                profile_services.change_request_reject(
                    actor=request.user, request=change, reason=form.cleaned_data["note"]
                )
                messages.success(request, "The change is rejected; the partner sees why.")
        except ValidationError as exc:
            form.apply_errors(exc, rename={"reason": "note"})
        else:
            return redirect("portal:staff_home")
    return render(
        request,
        "portal/change_detail.html",
        {
            "change": change,
            "form": form,
            "can_decide": can_approve(request.user),
        },
        status=400 if form.errors else 200,
    )


def interest_stream(request):
    require(request.user, "portal.staff", "The portal queues are for staff.")
    filters = InterestFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.interest_list(
        user=request.user,
        filters=InterestFilters(
            outcome=values.get("outcome", ""),
            flagship=values.get("flagship", ""),
            status=values.get("status", ""),
        ),
    )
    page = Paginator(rows, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(
        request, "portal/interest_stream.html", {"filters": filters, "page": page}, partial="rows"
    )


def interest_review(request, pk: int):
    require(request.user, "portal.staff", "The portal queues are for staff.")
    eoi = selectors.interest_detail(user=request.user, pk=pk)
    return render(request, "portal/interest_detail.html", _review_context(request, eoi))


def _review_context(request, eoi, **forms) -> dict:
    return {
        "eoi": eoi,
        "staff_view": True,
        "can_answer": can_answer(request.user),
        "answer_form": forms.get("answer") or AnswerForm(initial={"answer": eoi.answer}),
        "engagement_form": forms.get("engagement") or EngagementFromInterestForm(),
        "opportunity_form": forms.get("opportunity") or OpportunityFromInterestForm(),
    }


_ACTIONS = {
    "answer": (AnswerForm, interest_services.interest_answer, "The partner can read your answer."),
    "engagement": (
        EngagementFromInterestForm,
        interest_services.interest_to_engagement,
        "An engagement is logged with the partner.",
    ),
    "opportunity": (
        OpportunityFromInterestForm,
        interest_services.interest_to_opportunity,
        "An opportunity is open in the pipeline.",
    ),
}


@require_POST
def interest_act(request, pk: int, action: str):
    """Answer an expression of interest, or turn it into an engagement or an opportunity."""
    require(request.user, "portal.answer", "You may not act on expressions of interest.")
    eoi = selectors.interest_detail(user=request.user, pk=pk)
    if action not in _ACTIONS:
        return redirect("portal:interest_review", pk=pk)
    form_class, service, done = _ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, interest=eoi, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, done)
            return redirect("portal:interest_review", pk=pk)
    eoi = selectors.interest_detail(user=request.user, pk=pk)
    return render(
        request,
        "portal/interest_detail.html",
        _review_context(request, eoi, **{action: form}),
        status=400,
    )

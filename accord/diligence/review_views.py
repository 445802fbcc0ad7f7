"""Pages of due-diligence reviews (list with due renewals and expired approvals, the checklist
form, a review with its decision buttons) and the policy page of administrators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.history import history_for, history_rows
from accord.core.htmx import render_page
from accord.diligence import checklist, permissions, review_selectors, review_services
from accord.diligence.forms import PolicyForm, ReviewFilterForm, ReviewForm, ReviewTransitionForm
from accord.diligence.models import DiligencePolicy, DiligenceReview
from accord.diligence.selectors import current_policy
from accord.engagement.views import fragment, paginate, submit, varies
from accord.partners import permissions as partner_permissions


def review_list(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    form = ReviewFilterForm(request.GET or None)
    qs = review_selectors.review_list(user=request.user, filters=form.filters())
    return varies(
        render_page(
            request,
            "diligence/reviews.html",
            {"form": form, "page": paginate(request, qs),
             "can_set_policy": permissions.can_set_policy(request.user)},
            partial=fragment(request, "results"),
        )
    )


def review_create(request):
    if not permissions.can_prepare(request.user):
        raise PermissionDenied
    organisation = partner_permissions.organisation_for(
        request.user, request.GET.get("organisation") or request.POST.get("organisation")
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = submit(
            form, review_services.review_create, actor=request.user,
            organisation=organisation, **form.values(),
        )
        if review is not None:
            messages.success(request, "Review started: submit it for a decision when ready.")
            return redirect("diligence:review_detail", pk=review.pk)
    return render(
        request, "diligence/review_form.html",
        {"form": form, "organisation": organisation, "review": None},
    )


def review_edit(request, pk: int):
    review = permissions.review_for(request.user, pk, action="edit")
    if request.method == "POST":
        form = ReviewForm(request.POST, versioned=True)
        if form.is_valid() and submit(
            form, review_services.review_update, actor=request.user, review=review,
            expected_version=form.cleaned_data["version"], **form.values(),
        ):
            messages.success(request, "Review saved.")
            return redirect("diligence:review_detail", pk=review.pk)
    else:
        form = ReviewForm(initial=ReviewForm.initial_for(review))
    return render(
        request, "diligence/review_form.html",
        {"form": form, "organisation": review.organisation, "review": review},
    )


def _detail(request, pk, *, transition_form=None, status=200):
    review = permissions.review_for(request.user, pk)
    return render(
        request,
        "diligence/review_detail.html",
        {
            "review": review,
            "rows": checklist.rows(review.checklist),
            "expired": review_selectors.is_expired(review),
            "can_edit": review.status == "draft" and permissions.can_prepare(request.user)
            and permissions.in_region(request.user, review.organisation),
            "transitions": review_selectors.available_transitions(
                user=request.user, review=review
            ),
            "transition_form": transition_form,
            "default_valid_until": review_selectors.default_valid_until(),
            "history": history_rows(history_for(review), DiligenceReview),
        },
        status=status,
    )


def review_detail(request, pk: int):
    return _detail(request, pk)


@require_POST
def review_transition(request, pk: int):
    review = permissions.review_for(request.user, pk, action="transition")
    form = ReviewTransitionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else None
    if data and submit(
        form, review_services.review_transition, actor=request.user, review=review,
        transition=data["transition"], reason=data["reason"], conditions=data["conditions"],
        valid_until=data["valid_until"], expected_version=data["version"],
    ):
        messages.success(request, f"The review is now {review.get_status_display().lower()}.")
        return redirect("diligence:review_detail", pk=review.pk)
    return _detail(request, pk, transition_form=form, status=400)


def policy_page(request):
    if not permissions.can_set_policy(request.user):
        raise PermissionDenied
    policy = current_policy()
    if request.method == "POST":
        form = PolicyForm(request.POST)
        if form.is_valid() and submit(
            form, review_services.policy_update, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, "Due-diligence policy saved.")
            return redirect("diligence:policy")
    else:
        form = PolicyForm(initial={
            "categories": list(policy.categories.all()) if policy.pk else [],
            "validity_months": policy.validity_months,
            "remind_days_before": policy.remind_days_before,
        })
    history = history_rows(history_for(policy), DiligencePolicy) if policy.pk else []
    return render(request, "diligence/policy.html", {"form": form, "history": history})

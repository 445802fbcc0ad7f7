"""A reviewer's pages: the queue of assigned applications, and each assignment — first the
conflict-of-interest declaration (the applicant's name only), then, with no conflict, the
application and the score form. A declared conflict hides the application for good."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.errors import PermissionDeniedError
from accord.engagement.views import submit
from accord.portal.calls import permissions, review_selectors, review_services
from accord.portal.calls.forms import DeclarationForm, ScoreForm
from accord.portal.calls.models import Answer, ApplicationDocument, CallStatus


def _reviewer(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied
    return request.user


def assignments(request):
    user = _reviewer(request)
    rows = [review_selectors.annotate_mine(a) for a in review_selectors.assignments(user=user)]
    return render(request, "calls/assignments.html", {"rows": rows})


def _score_initial(review) -> dict:
    if review is None:
        return {}
    initial = {"comment": review.comment}
    for s in review.scores.all():
        initial[f"score_{s.criterion_id}"] = str(s.score)
        initial[f"comment_{s.criterion_id}"] = s.comment
    return initial


def _page(request, application, *, declaration_form=None, score_form=None, status=200):
    context = {
        "application": application,
        "call": application.call,
        "declaration_form": declaration_form or DeclarationForm(),
        "status_ok": application.call.status == CallStatus.UNDER_REVIEW,
    }
    declaration = application.declaration
    if declaration is not None and declaration.has_conflict:
        context["conflict_message"] = review_selectors.CONFLICT
        return render(request, "calls/assignment.html", context, status=403)
    if declaration is not None:
        criteria = list(application.call.criteria.all())
        review = (
            application.reviews.filter(reviewer=request.user).prefetch_related("scores").first()
        )
        context |= {
            "answers": Answer.objects.filter(application=application).select_related("question"),
            "documents": ApplicationDocument.objects.filter(application=application),
            "review": review,
            "score_form": score_form
            or ScoreForm(initial=_score_initial(review), criteria=criteria),
        }
    return render(request, "calls/assignment.html", context, status=status)


def assignment(request, pk):
    user = _reviewer(request)
    return _page(request, review_selectors.assignment_for(user=user, pk=pk))


@require_POST
def declare(request, pk):
    user = _reviewer(request)
    application = review_selectors.assignment_for(user=user, pk=pk)
    form = DeclarationForm(request.POST)
    if form.is_valid() and submit(
        form,
        review_services.declaration_make,
        actor=user,
        application=application,
        has_conflict=form.cleaned_data["has_conflict"],
        note=form.cleaned_data["note"],
    ):
        messages.success(request, "Declaration recorded.")
        return redirect("calls:assignment", application.pk)
    return _page(request, application, declaration_form=form, status=400)


@require_POST
def score(request, pk):
    user = _reviewer(request)
    application = review_selectors.assignment_for(user=user, pk=pk)
    form = ScoreForm(request.POST, criteria=list(application.call.criteria.all()))
    if form.is_valid():
        try:
            review = review_services.review_save(
                actor=user,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        except PermissionDeniedError as exc:
            messages.error(request, str(exc))
            return _page(request, application, status=403)
        else:
            messages.success(request, f"Review saved: weighted score {review.total} / 100.")
            return redirect("calls:assignments")
    return _page(request, application, score_form=form, status=400)

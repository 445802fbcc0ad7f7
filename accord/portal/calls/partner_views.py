"""A partner user's pages: the open calls its organisation may apply to with its applications
and results; a call (published clarifications, its own questions, its application and the
notice of the result); the application form (answers, documents, save, submit).

Only the user's own organisation's application is ever looked up (by call and organisation),
so another applicant's application cannot be reached by any URL."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accord.core.errors import ConflictError
from accord.engagement.views import submit
from accord.portal.calls import application_services, permissions, selectors
from accord.portal.calls.eligibility import clarifications_open, eligibility_problems, is_open
from accord.portal.calls.forms import AnswerForm, ClarificationForm, DocumentForm
from accord.portal.calls.models import ApplicationStatus
from accord.portal.permissions import partner_organisation


def _applicant(request):
    if not permissions.is_applicant(request.user):
        raise PermissionDenied
    return request.user


def mine(request):
    user = _applicant(request)
    return render(
        request,
        "calls/partner_home.html",
        {
            "open_calls": selectors.calls_for_partner(user=user),
            "applications": selectors.my_applications(user=user),
            "organisation": partner_organisation(user),
        },
    )


def _call_context(request, call, **extra) -> dict:
    user = request.user
    application = selectors.own_application(user=user, call=call)
    now = timezone.now()
    return {
        "call": call,
        "application": application,
        "is_open": is_open(call, now),
        "clarifications_open": clarifications_open(call, now),
        "clarifications": selectors.published_clarifications(call),
        "my_questions": selectors.own_clarifications(call, user),
        "problems": eligibility_problems(call, partner_organisation(user))
        if is_open(call, now)
        else [],
        "question_form": ClarificationForm(),
        **extra,
    }


def partner_call(request, pk):
    _applicant(request)
    call = selectors.call_detail(user=request.user, pk=pk)
    return render(request, "calls/partner_call.html", _call_context(request, call))


@require_POST
def ask(request, pk):
    user = _applicant(request)
    call = selectors.call_detail(user=user, pk=pk)
    form = ClarificationForm(request.POST)
    if form.is_valid() and submit(
        form,
        application_services.clarification_ask,
        actor=user,
        call=call,
        question=form.cleaned_data["question"],
    ):
        messages.success(
            request,
            "Question sent. The answer will be published on this page "
            "for every applicant, without your name.",
        )
        return redirect("calls:partner_call", call.pk)
    return render(
        request,
        "calls/partner_call.html",
        _call_context(request, call, question_form=form),
        status=400,
    )


def _apply_page(request, call, application, form, document_form, status=200):
    return render(
        request,
        "calls/apply.html",
        {
            "call": call,
            "application": application,
            "form": form,
            "document_form": document_form,
            "is_open": is_open(call),
        },
        status=status,
    )


def _initial(application) -> dict:
    if application is None:
        return {}
    answers = {f"answer_{a.question_id}": a.text for a in application.answers.all()}
    return {"summary": application.summary, "version": application.version, **answers}


def apply(request, pk):
    """The application form: save the draft (`action=save`) or submit it (`action=submit`)."""
    user = _applicant(request)
    call = selectors.call_detail(user=user, pk=pk)
    application = selectors.own_application(user=user, call=call)
    questions = list(call.questions.all())
    if application is not None and application.status != ApplicationStatus.DRAFT:
        return redirect("calls:partner_call", call.pk)
    if request.method != "POST":
        form = AnswerForm(initial=_initial(application), questions=questions)
        return _apply_page(request, call, application, form, DocumentForm())
    form = AnswerForm(request.POST.copy(), questions=questions)
    if form.is_valid():
        try:
            application = application_services.application_save(
                actor=user,
                call=call,
                summary=form.cleaned_data["summary"],
                answers=form.answers(),
                expected_version=form.cleaned_data["version"],
            )
            form.data["version"] = str(application.version)  # the draft is saved either way
            if request.POST.get("action") == "submit":
                application_services.application_submit(actor=user, application=application)
                messages.success(
                    request,
                    "Application submitted. You will be told the result "
                    "on this page and by e-mail.",
                )
                return redirect("calls:partner_call", call.pk)
        except ValidationError as exc:
            form.apply_errors(exc)
        except ConflictError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Draft saved. You can come back and submit it before the deadline."
            )
            return redirect("calls:apply", call.pk)
    application = selectors.own_application(user=user, call=call)
    return _apply_page(request, call, application, form, DocumentForm(), status=400)


@require_POST
def upload(request, pk):
    user = _applicant(request)
    call = selectors.call_detail(user=user, pk=pk)
    application = selectors.own_application(user=user, call=call)
    document_form = DocumentForm(request.POST, request.FILES)
    if application is None:
        document_form.add_error(None, "Save your application as a draft before adding documents.")
    elif document_form.is_valid() and submit(
        document_form,
        application_services.document_add,
        actor=user,
        application=application,
        file=document_form.cleaned_data["file"],
        title=document_form.cleaned_data["title"],
    ):
        messages.success(request, "Document added.")
        return redirect(reverse("calls:apply", args=[call.pk]) + "#documents")
    form = AnswerForm(initial=_initial(application), questions=list(call.questions.all()))
    return _apply_page(request, call, application, form, document_form, status=400)

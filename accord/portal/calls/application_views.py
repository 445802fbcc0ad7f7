"""Staff pages of one application (answers, documents, reviews with their scores, decisions,
conversion to an opportunity or an agreement, history) and document downloads for everyone
entitled to them. Each view checks permission first, calls one service or selector, renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.history import history_for, history_rows
from accord.portal.calls import permissions, review_selectors, selection_services, selectors
from accord.portal.calls.forms import ConvertForm
from accord.portal.calls.models import Application, ApplicationDocument
from accord.portal.calls.views import flash_errors


def application_detail(request, pk):
    user = request.user
    if not permissions.can_see_applications(user):
        raise PermissionDenied
    application = selectors.application_detail(user=user, pk=pk)
    return render(
        request,
        "calls/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "can_manage": permissions.can_manage(user),
            "convert_form": ConvertForm(),
            "history": history_rows(history_for(application), Application)
            if can(user, "history.view")
            else None,
        },
    )


@require_POST
def application_decide(request, pk):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    application = permissions.application_for(
        request.user, pk, Application.objects.select_related("call")
    )
    try:
        selection_services.application_decide(
            actor=request.user, application=application, decision=request.POST.get("decision", "")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"Application {application.get_status_display().lower()}.")
    if request.POST.get("back") == "call":  # decided from the call's ranking
        return redirect(reverse("calls:detail", args=[application.call_id]) + "#applications")
    return redirect("calls:application", application.pk)


@require_POST
def application_convert(request, pk):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    application = permissions.application_for(
        request.user, pk, Application.objects.select_related("call", "organisation")
    )
    form = ConvertForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"into": "Choose an opportunity or an agreement."})
        if form.cleaned_data["into"] == "opportunity":
            selection_services.application_to_opportunity(
                actor=request.user, application=application
            )
        else:
            selection_services.application_to_agreement(
                actor=request.user,
                application=application,
                type=form.cleaned_data["type"] or "mou",
            )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, f"Recorded as an {form.cleaned_data['into']}.")
    return redirect("calls:application", application.pk)


def document_download(request, pk):
    """A document of an application: for staff who see applications, the applicant, and
    reviewers who declared no conflict with the application."""
    user = request.user
    document = (
        ApplicationDocument.objects.filter(pk=permissions.int_or_404(pk))
        .select_related("application")
        .first()
    )
    if document is None:
        raise Http404
    application = document.application
    allowed = permissions.visible_applications(user).filter(pk=application.pk).exists()
    if not allowed:
        review_selectors.cleared_for(user=user, pk=application.pk)  # 404 / 403 otherwise
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )

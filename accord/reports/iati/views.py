"""The IATI page and the two downloads (/reports/iati/...). The files stream as they are
written; the organisation file is for those who see every region."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from accord.reports import document_permissions as permissions
from accord.reports.iati import activities, files, identity


def _download(kind: str, user) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        files.file_stream(kind, user), content_type="application/xml; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    name = f"{identity.organisation_identifier()}-{kind}-{stamp}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def iati_page(request):
    permissions.require(request.user, "reports.export")
    return render(
        request,
        "reports/iati.html",
        {
            "identifier": identity.organisation_identifier(),
            "name": identity.organisation_name(),
            "can_organisation": permissions.can_export_organisation_file(request.user),
            "has_activities": activities.has_activities(request.user),
        },
    )


def iati_organisation(request):
    permissions.require_organisation_file(request.user)
    return _download("organisation", request.user)


def iati_activities(request):
    permissions.require(request.user, "reports.export")
    if not activities.has_activities(request.user):
        context = {"nothing": True, "identifier": identity.organisation_identifier()}
        return render(request, "reports/iati_empty.html", context, status=404)
    return _download("activities", request.user)

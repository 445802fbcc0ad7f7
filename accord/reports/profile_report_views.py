"""The partner profile report (PDF), opened from the partner's page."""

from django.http import HttpResponse
from django.utils.text import slugify

from accord.reports import document_permissions as permissions
from accord.reports.pdf import render_pdf
from accord.reports.profile_report import partner_profile


def partner_profile_pdf(request, pk: int):
    permissions.require(request.user, "reports.export")
    profile = partner_profile(user=request.user, pk=pk)
    pdf = render_pdf("reports/profile_report_pdf.html", profile, request=request)
    organisation = profile["organisation"]
    label = slugify(organisation.acronym or organisation.name)[:60] or organisation.pk
    name = f"partner-profile-{label}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""The Executive Board report page (period chooser and the report) and its PDF, both from the
same template body (reports/board_report_body.html)."""

from django.http import HttpResponse
from django.shortcuts import render

from accord.core.htmx import render_page
from accord.reports import document_permissions as permissions
from accord.reports.board_report import board_report
from accord.reports.board_report_forms import PeriodForm
from accord.reports.pdf import render_pdf


def _report_for(request):
    form = PeriodForm(request.GET or None)
    period = form.period()
    report = None
    if period is not None:
        report = board_report(user=request.user, date_from=period[0], date_to=period[1])
    return form, report


def board_report_page(request):
    permissions.require(request.user, "reports.view")
    form, report = _report_for(request)
    return render_page(
        request,
        "reports/board_report.html",
        {"form": form, "report": report, "can_export": permissions.can_export(request.user)},
        partial="report",
        # HTMX swaps only successful answers: its fragment shows the period's errors itself.
        status=200 if report is not None or getattr(request, "htmx", False) else 400,
    )


def board_report_pdf(request):
    permissions.require(request.user, "reports.export")
    form, report = _report_for(request)
    if report is None:
        context = {"form": form, "report": None, "can_export": True}
        return render(request, "reports/board_report.html", context, status=400)
    pdf = render_pdf("reports/board_report_pdf.html", {"report": report}, request=request)
    name = f"executive-board-report-{report.date_from}-{report.date_to}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""The Executive Board report, the partner profile report and the IATI files."""

from django.urls import path

from accord.reports import board_report_views, profile_report_views
from accord.reports.iati import views as iati_views

urlpatterns: list = [
    path("board/", board_report_views.board_report_page, name="board_report"),
    path("board/report.pdf", board_report_views.board_report_pdf, name="board_report_pdf"),
    path(
        "partners/<int:pk>/profile.pdf",
        profile_report_views.partner_profile_pdf,
        name="partner_profile_pdf",
    ),
    path("iati/", iati_views.iati_page, name="iati"),
    path("iati/organisation.xml", iati_views.iati_organisation, name="iati_organisation"),
    path("iati/activities.xml", iati_views.iati_activities, name="iati_activities"),
]

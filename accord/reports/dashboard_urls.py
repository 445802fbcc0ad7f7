"""The dashboard and the list exports."""

from django.urls import path

from accord.reports import dashboard_views, exports_views

urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("data/<slug:chart>.csv", dashboard_views.dashboard_data, name="dashboard_data"),
    path("export/<slug:name>.<slug:fmt>", exports_views.export_list, name="export"),
]

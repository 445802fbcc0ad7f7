"""The reports app's pages: the dashboard and list exports (dashboard_urls.py), the Executive
Board report, the partner profile and the IATI files (document_urls.py)."""

from accord.reports import dashboard_urls, document_urls

app_name = "reports"
urlpatterns = [*dashboard_urls.urlpatterns, *document_urls.urlpatterns]

"""The Executive Board report, the partner profile report and the IATI files."""

urlpatterns: list = []

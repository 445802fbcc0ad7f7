"""The reports app's pages."""

app_name = "reports"
urlpatterns: list = []

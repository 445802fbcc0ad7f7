"""The prioritization app's pages."""

app_name = "prioritization"
urlpatterns: list = []

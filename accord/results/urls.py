"""The results app's pages."""

app_name = "results"
urlpatterns: list = []

"""The calls app's pages."""

app_name = "calls"
urlpatterns: list = []

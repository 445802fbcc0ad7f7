"""The portal app's pages."""

app_name = "portal"
urlpatterns: list = []

"""The matchmaking app's pages."""

app_name = "matchmaking"
urlpatterns: list = []

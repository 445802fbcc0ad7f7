"""The dashboard and the list exports."""

urlpatterns: list = []

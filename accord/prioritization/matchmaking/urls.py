"""The matchmaking app's pages, under /matches/."""

from django.urls import path

from accord.prioritization.matchmaking import network_views, views

app_name = "matchmaking"
urlpatterns = [
    path("", views.overview, name="suggestions"),
    path("partners/<int:pk>/", views.partner_suggestions, name="partner"),
    path("partners/<int:pk>/panel/", views.partner_panel, name="partner_panel"),
    path("suggestion/", views.card, name="card"),
    path("decide/", views.decide, name="decide"),
    path("network/", network_views.network, name="network"),
    path("network/data/", network_views.network_data, name="network_data"),
    path("network/partners/<int:pk>/", network_views.neighbourhood_data, name="neighbourhood_data"),
]

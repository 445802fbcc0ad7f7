"""The prioritization app's pages, under /priorities/."""

from django.urls import path

from accord.prioritization import model_views, views

app_name = "prioritization"
urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("what-if/", views.what_if, name="what_if"),
    path("recompute/", views.recompute, name="recompute"),
    path("status/", views.run_status, name="run_status"),
    path("partners/<int:pk>/", views.partner_score, name="partner_score"),
    path("models/", model_views.model_list, name="models"),
    path("models/<int:pk>/", model_views.model_detail, name="model_detail"),
    path("models/<int:pk>/copy/", model_views.model_copy, name="model_copy"),
    path("models/<int:pk>/edit/", model_views.model_edit, name="model_edit"),
    path("models/<int:pk>/activate/", model_views.model_activate, name="model_activate"),
]

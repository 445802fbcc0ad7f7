"""The results app's pages."""

from django.urls import path

from accord.results import measurement_views, views

app_name = "results"
urlpatterns = [
    path("", views.indicator_list, name="indicators"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<str:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<str:code>/targets/", views.target_set, name="target_set"),
    path(
        "indicators/<str:code>/enter/",
        measurement_views.measurement_create,
        name="measurement_create",
    ),
    path("compute/", views.compute, name="compute"),
    path("measurements/", measurement_views.measurement_list, name="measurements"),
    path("measurements/<int:pk>/", measurement_views.measurement_detail, name="measurement"),
    path(
        "measurements/<int:pk>/edit/", measurement_views.measurement_edit, name="measurement_edit"
    ),
    path(
        "measurements/<int:pk>/transition/",
        measurement_views.measurement_transition,
        name="measurement_transition",
    ),
    path("approvals/", measurement_views.approval_queue, name="queue"),
]

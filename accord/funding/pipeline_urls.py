"""Pages of the pipeline and of the exchange rates (part of the funding app's URLs)."""

from django.urls import path

from accord.funding import pipeline_views, rates_views

urlpatterns = [
    path("pipeline/", pipeline_views.pipeline_board, name="pipeline"),
    path("opportunities/", pipeline_views.opportunity_list, name="opportunity_list"),
    path("opportunities/new/", pipeline_views.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/", pipeline_views.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/edit/", pipeline_views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/move/", pipeline_views.opportunity_move, name="opportunity_move"),
    path("partner-picker/", pipeline_views.partner_picker, name="partner_picker"),
    path("partners/<int:pk>/pipeline/", pipeline_views.partner_pipeline, name="partner_pipeline"),
    path("rates/", rates_views.rate_list, name="rates"),
    path("rates/new/", rates_views.rate_create, name="rate_create"),
    path("rates/<int:pk>/edit/", rates_views.rate_edit, name="rate_edit"),
    path("rates/import/", rates_views.rate_import, name="rate_import"),
]

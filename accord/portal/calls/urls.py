"""The calls app's pages (under /calls/)."""

from django.urls import path

from accord.portal.calls import (
    application_views,
    partner_views,
    public_views,
    review_views,
    views,
)

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/", views.call_form, name="create"),
    path("criteria-total/", views.criteria_total, name="criteria_total"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/edit/", views.call_form, name="edit"),
    path("<int:pk>/status/", views.call_transition, name="transition"),
    path("clarifications/<int:pk>/answer/", views.clarification_reply, name="answer"),
    path("applications/<int:pk>/", application_views.application_detail, name="application"),
    path("applications/<int:pk>/decision/", application_views.application_decide, name="decide"),
    path("applications/<int:pk>/convert/", application_views.application_convert, name="convert"),
    path("documents/<int:pk>/", application_views.document_download, name="document"),
    # reviewers
    path("assignments/", review_views.assignments, name="assignments"),
    path("assignments/<int:pk>/", review_views.assignment, name="assignment"),
    path("assignments/<int:pk>/declare/", review_views.declare, name="declare"),
    path("assignments/<int:pk>/score/", review_views.score, name="score"),
    # partner users
    path("mine/", partner_views.mine, name="mine"),
    path("mine/<int:pk>/", partner_views.partner_call, name="partner_call"),
    path("mine/<int:pk>/apply/", partner_views.apply, name="apply"),
    path("mine/<int:pk>/documents/", partner_views.upload, name="upload"),
    path("mine/<int:pk>/ask/", partner_views.ask, name="ask"),
    # the public
    path("open/", public_views.open_calls, name="open"),
    path("open/<int:pk>/", public_views.public_call, name="public_call"),
]

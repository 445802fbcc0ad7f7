"""Pages of pledges, contributions, targets and the funding view (part of the funding app's
URLs, mounted at /funding/)."""

from django.urls import path

from accord.funding import contribution_views, money_views, target_views

urlpatterns = [
    path("", money_views.gap, name="gap"),
    path("pledges/", money_views.pledge_list, name="pledge_list"),
    path("pledges/new/", money_views.pledge_create, name="pledge_create"),
    path("pledges/<int:pk>/", money_views.pledge_detail, name="pledge_detail"),
    path("pledges/<int:pk>/edit/", money_views.pledge_edit, name="pledge_edit"),
    path(
        "pledges/<int:pk>/contributions/",
        money_views.pledge_contribute,
        name="pledge_contribute",
    ),
    path("contributions/", money_views.contribution_list, name="contribution_list"),
    path("contributions/new/", contribution_views.contribution_create, name="contribution_create"),
    path(
        "contributions/<int:pk>/",
        contribution_views.contribution_detail,
        name="contribution_detail",
    ),
    path(
        "contributions/<int:pk>/edit/",
        contribution_views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "contributions/<int:pk>/delete/",
        contribution_views.contribution_delete,
        name="contribution_delete",
    ),
    path("targets/", target_views.target_list, name="target_list"),
    path("targets/<int:pk>/edit/", target_views.target_edit, name="target_edit"),
    path("partners/<int:pk>/money/", money_views.partner_money, name="partner_money"),
]

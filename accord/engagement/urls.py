from django.urls import path

from accord.engagement import governance_views, insight_views, plan_views, views

app_name = "engagement"
urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("new/", views.engagement_create, name="create"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
    path("<int:pk>/edit/", views.engagement_edit, name="edit"),
    path("<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("partner-picker/", views.partner_picker, name="partner_picker"),
    path("partners/<int:pk>/", views.partner_engagements, name="partner_engagements"),
    path("partners/<int:pk>/log/", views.partner_log, name="partner_log"),
    # governance bodies
    path("governance/", governance_views.body_list, name="bodies"),
    path("governance/new/", governance_views.body_form, name="body_create"),
    path("governance/<int:pk>/", governance_views.body_detail, name="body_detail"),
    path("governance/<int:pk>/edit/", governance_views.body_form, name="body_edit"),
    path("governance/<int:pk>/members/new/", governance_views.member_add, name="member_add"),
    path(
        "governance/<int:pk>/sessions/new/", governance_views.session_create, name="session_create"
    ),
    path("governance/members/<int:pk>/end/", governance_views.member_end, name="member_end"),
    path(
        "governance/members/<int:pk>/remove/", governance_views.member_remove, name="member_remove"
    ),
    path("governance/sessions/<int:pk>/", governance_views.session_detail, name="session_detail"),
    path(
        "governance/sessions/<int:pk>/participants/new/",
        governance_views.participant_add,
        name="participant_add",
    ),
    path(
        "governance/participants/<int:pk>/remove/",
        governance_views.participant_remove,
        name="participant_remove",
    ),
    # the implementation plan
    path("plan/", plan_views.plan_page, name="plan"),
    path("plan/new/", plan_views.action_create, name="action_create"),
    path("plan/<int:pk>/", plan_views.action_detail, name="action_detail"),
    path("plan/<int:pk>/edit/", plan_views.action_edit, name="action_edit"),
    path("plan/<int:pk>/status/", plan_views.action_transition, name="action_transition"),
    path("plan/<int:pk>/notes/", plan_views.note_add, name="note_add"),
    path("plan/<int:pk>/link/", plan_views.engagement_link, name="engagement_link"),
    path("plan/<int:pk>/unlink/", plan_views.engagement_unlink, name="engagement_unlink"),
    # the scorecard, relationship health and coordination
    path("scorecard/", insight_views.scorecard, name="scorecard"),
    path("attention/", insight_views.attention, name="attention"),
    path("coordination/", insight_views.coordination_page, name="coordination"),
]

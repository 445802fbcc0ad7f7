"""The portal app's pages."""

from django.urls import path

from accord.portal import views_partner, views_public, views_staff

app_name = "portal"
urlpatterns = [
    # Public
    path("", views_public.portal_home, name="home"),
    path("how-to-partner/", views_public.how_to_partner, name="how_to_partner"),
    path("register/", views_public.register, name="register"),
    path("join/", views_public.join, name="join"),
    path("registered/", views_public.registered, name="registered"),
    path("verify/<str:token>/", views_public.verify, name="verify"),
    # Partner focal points
    path("me/", views_partner.partner_home, name="partner_home"),
    path("me/profile/", views_partner.profile_edit, name="profile"),
    path("me/contacts/new/", views_partner.contact_edit, name="contact_new"),
    path("me/contacts/<int:pk>/", views_partner.contact_edit, name="contact_edit"),
    path("me/contacts/<int:pk>/remove/", views_partner.contact_remove, name="contact_remove"),
    path("me/interests/", views_partner.interest_list, name="interests"),
    path("me/interests/new/", views_partner.interest_create, name="interest_new"),
    path("me/interests/<int:pk>/", views_partner.interest_detail, name="interest"),
    path(
        "me/interests/<int:pk>/withdraw/", views_partner.interest_withdraw, name="interest_withdraw"
    ),
    path("me/joins/<int:pk>/decide/", views_partner.join_decide, name="join_decide"),
    # Staff
    path("staff/", views_staff.staff_home, name="staff_home"),
    path("staff/registrations/<int:pk>/", views_staff.registration_detail, name="registration"),
    path(
        "staff/registrations/<int:pk>/decide/",
        views_staff.registration_decide,
        name="registration_decide",
    ),
    path("staff/changes/<int:pk>/", views_staff.change_detail, name="change"),
    path("staff/interests/", views_staff.interest_stream, name="interest_stream"),
    path("staff/interests/<int:pk>/", views_staff.interest_review, name="interest_review"),
    path("staff/interests/<int:pk>/<str:action>/", views_staff.interest_act, name="interest_act"),
]

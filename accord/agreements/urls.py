from django.urls import path

from accord.agreements import obligation_views, views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("new/", views.agreement_create, name="create"),
    path("types/", views.type_list, name="types"),
    path("party-picker/", views.party_picker, name="party_picker"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/status/", views.agreement_transition, name="transition"),
    path("<int:pk>/amendments/new/", views.amendment_create, name="amendment_create"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("partners/<int:pk>/", views.partner_agreements, name="partner_agreements"),
    # obligations
    path("<int:pk>/obligations/new/", obligation_views.obligation_create, name="obligation_create"),
    path("obligations/", obligation_views.obligation_list, name="obligations"),
    path("obligations/calendar/", obligation_views.obligation_calendar, name="calendar"),
    path("obligations/<int:pk>/edit/", obligation_views.obligation_edit, name="obligation_edit"),
    path(
        "obligations/<int:pk>/status/",
        obligation_views.obligation_transition,
        name="obligation_transition",
    ),
]

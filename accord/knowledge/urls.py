"""The knowledge app's pages."""

from django.urls import path

from accord.knowledge import dissemination_views, views

app_name = "knowledge"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("partner-picker/", views.partner_picker, name="partner_picker"),
    path("partners/<int:pk>/", views.partner_items, name="partner_items"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/transition/", views.item_transition, name="transition"),
    path("<int:pk>/disseminate/", dissemination_views.item_disseminate, name="disseminate"),
]

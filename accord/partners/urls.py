from django.urls import path

from accord.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_create, name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/edit/", views.partner_edit, name="edit"),
    path("<int:pk>/archive/", views.partner_archive, name="archive"),
    path("<int:pk>/restore/", views.partner_restore, name="restore"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/archive/", views.contact_archive, name="contact_archive"),
    path("<int:pk>/relationships/new/", views.relationship_create, name="relationship_create"),
    path(
        "<int:pk>/relationships/<int:relationship_pk>/delete/",
        views.relationship_delete,
        name="relationship_delete",
    ),
]

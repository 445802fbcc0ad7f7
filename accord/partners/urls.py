from django.urls import path

from accord.partners import views, views_duplicates, views_import, views_merge

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
    # Import wizard (views_import.py)
    path("imports/", views_import.import_list, name="import_list"),
    path("imports/new/", views_import.import_new, name="import_new"),
    path("imports/<int:pk>/", views_import.import_detail, name="import_detail"),
    path("imports/<int:pk>/mapping/", views_import.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/preview/", views_import.import_preview, name="import_preview"),
    path("imports/<int:pk>/run/", views_import.import_run, name="import_run"),
    path("imports/<int:pk>/progress/", views_import.import_progress, name="import_progress"),
    path("imports/<int:pk>/rollback/", views_import.import_rollback, name="import_rollback"),
    # Merges (views_merge.py)
    path("merge/", views_merge.merge_page, name="merge"),
    path("merges/", views_merge.merge_list, name="merge_list"),
    path("merges/<int:pk>/", views_merge.merge_detail, name="merge_detail"),
    path("merges/<int:pk>/undo/", views_merge.merge_undo_view, name="merge_undo"),
    # Duplicate detection (views_duplicates.py)
    path("duplicates/", views_duplicates.duplicate_queue, name="duplicates"),
    path(
        "duplicates/<int:pk>/not-duplicate/",
        views_duplicates.duplicate_not_duplicate,
        name="duplicate_not_duplicate",
    ),
    path("duplicates/panel/", views_duplicates.duplicate_panel, name="duplicate_panel"),
]

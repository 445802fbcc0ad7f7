from django.urls import path

from accord.diligence import list_views, partner_views, review_views, views

app_name = "diligence"
urlpatterns = [
    # the screening hits review queue
    path("hits/", views.hit_queue, name="hits"),
    path("hits/<int:pk>/", views.hit_detail, name="hit_detail"),
    path("hits/<int:pk>/decide/", views.hit_decide, name="hit_decide"),
    path("hits/<int:pk>/reopen/", views.hit_reopen, name="hit_reopen"),
    # due-diligence reviews and the policy
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews/new/", review_views.review_create, name="review_create"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/edit/", review_views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/status/", review_views.review_transition, name="review_transition"),
    path("policy/", review_views.policy_page, name="policy"),
    # sanctions lists
    path("lists/", list_views.list_page, name="lists"),
    path("lists/upload/", list_views.list_upload, name="list_upload"),
    path("lists/entries/", list_views.entry_list, name="entries"),
    path("lists/entries/<int:pk>/", list_views.entry_detail, name="entry_detail"),
    # the partner page's tab
    path("partners/<int:pk>/", partner_views.partner_diligence, name="partner_diligence"),
    path("partners/<int:pk>/screen/", partner_views.partner_screen, name="partner_screen"),
]

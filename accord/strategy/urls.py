from django.urls import path

from accord.strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("categories/<slug:code>/", views.category_detail, name="category"),
]

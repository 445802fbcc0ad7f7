from django.contrib import admin
from django.urls import include, path

from accord.api.api import api

urlpatterns = [
    path("", include("accord.accounts.urls")),
    path("strategy/", include("accord.strategy.urls")),
    path("partners/", include("accord.partners.urls")),
    path("engagement/", include("accord.engagement.urls")),
    path("funding/", include("accord.funding.urls")),
    path("agreements/", include("accord.agreements.urls")),
    path("diligence/", include("accord.diligence.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

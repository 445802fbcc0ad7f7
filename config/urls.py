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
    path("priorities/", include("accord.prioritization.urls")),
    path("matches/", include("accord.prioritization.matchmaking.urls")),
    path("portal/", include("accord.portal.urls")),
    path("calls/", include("accord.portal.calls.urls")),
    path("results/", include("accord.results.urls")),
    path("knowledge/", include("accord.knowledge.urls")),
    path("reports/", include("accord.reports.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

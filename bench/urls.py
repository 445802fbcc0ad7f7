"""Accord's URLs plus the bench-only plain JSON view (never mounted by Accord itself)."""

from django.urls import path

from bench.views import organisation_list_plain
from config.urls import urlpatterns as accord_urlpatterns

urlpatterns = [
    path("bench/plain/organisations", organisation_list_plain, name="bench_plain_list"),
    *accord_urlpatterns,
]

"""URLs for the merge API's tests: the project's URLs plus the merge router on an API of its
own, with the project's authentication and error format (the API assembly mounts the same
router under /api/v1/)."""

from django.urls import path
from ninja import NinjaAPI
from ninja.security import SessionAuth

from accord.accounts.auth import BearerToken
from accord.api import errors
from accord.partners.api_merge import router
from config.urls import urlpatterns as project_urls

BASE = "/api/merge-tests"

api = NinjaAPI(
    title="Merge API tests",
    auth=[BearerToken(), SessionAuth(csrf=True)],
    urls_namespace="merge_api_tests",
)
errors.install(api)
api.add_router("/", router)

urlpatterns = [*project_urls, path("api/merge-tests/", api.urls)]

"""The REST API's assembly: each app declares its endpoints in its own api.py."""

from ninja import NinjaAPI
from ninja.security import SessionAuth

from accord.accounts.auth import BearerToken
from accord.api import errors
from accord.partners.api import router as partners_router
from accord.strategy.api import router as strategy_router

api = NinjaAPI(
    title="Accord API",
    version="1",
    description="Partners, contacts, relationships and the partnership strategy.",
    auth=[BearerToken(), SessionAuth(csrf=True)],
    urls_namespace="api",
)
errors.install(api)
api.add_router("/strategy", strategy_router)
api.add_router("/", partners_router)

"""The REST API's assembly: each app declares its endpoints in its own api.py."""

from ninja import NinjaAPI
from ninja.security import SessionAuth

from accord.accounts.auth import BearerToken
from accord.agreements.api import router as agreements_router
from accord.api import errors
from accord.diligence.api import router as diligence_router
from accord.engagement.api import router as engagement_router
from accord.funding.api import router as funding_router
from accord.knowledge.api import router as knowledge_router
from accord.partners.api import router as partners_router
from accord.partners.api_merge import router as merge_router
from accord.partners.api_quality import router as quality_router
from accord.portal.api import router as portal_router
from accord.portal.calls.api import router as calls_router
from accord.prioritization.api import router as prioritization_router
from accord.prioritization.matchmaking.api import router as matchmaking_router
from accord.reports.api import router as reports_router
from accord.results.api import router as results_router
from accord.strategy.api import router as strategy_router

api = NinjaAPI(
    title="Accord API",
    version="1",
    description=(
        "Partners, contacts, relationships, duplicates and merges, engagements, governance "
        "and the implementation plan, the resource-mobilisation pipeline, pledges and "
        "contributions, agreements and their obligations, and the partnership strategy."
    ),
    auth=[BearerToken(), SessionAuth(csrf=True)],
    urls_namespace="api",
)
errors.install(api)
api.add_router("/strategy", strategy_router)
api.add_router("/", quality_router)  # before partners: /organisations/duplicates/check
api.add_router("/", partners_router)
api.add_router("/", merge_router)
api.add_router("/", engagement_router)
api.add_router("/", funding_router)
api.add_router("/", agreements_router)
api.add_router("/", diligence_router)
api.add_router("/", prioritization_router)
api.add_router("/", matchmaking_router)
api.add_router("/", portal_router)
api.add_router("/", calls_router)
api.add_router("/", results_router)
api.add_router("/", knowledge_router)
api.add_router("/", reports_router)

"""The reports app's REST endpoints (mounted under /api/v1/ by accord/api/api.py): dashboard
figures (dashboard_api.py) and documents (document_api.py)."""

from ninja import Router

from accord.reports.dashboard_api import router as dashboard_router
from accord.reports.document_api import router as document_router

router = Router(tags=["Dashboards and reports"])
router.add_router("/", dashboard_router)
router.add_router("/", document_router)

"""The funding app's REST endpoints (mounted under /api/v1/ by accord/api/api.py): the pipeline
and exchange rates (pipeline_api.py), pledges, contributions, targets and the funding view
(money_api.py)."""

from ninja import Router

from accord.funding.money_api import router as money_router
from accord.funding.pipeline_api import router as pipeline_router

router = Router()
router.add_router("/", pipeline_router)
router.add_router("/", money_router)

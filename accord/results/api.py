"""The results app's REST endpoints (mounted under /api/v1/ by accord/api/api.py)."""

from ninja import Router

router = Router(tags=["Results framework"])

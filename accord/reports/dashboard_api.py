"""Dashboard figures over the API."""

from ninja import Router

router = Router()

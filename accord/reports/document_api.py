"""Reports and IATI files over the API."""

from ninja import Router

router = Router()

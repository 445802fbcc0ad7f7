"""REST endpoints of the funding app (pipeline part), mounted through accord/funding/api.py."""

from ninja import Router

router = Router(tags=["funding"])

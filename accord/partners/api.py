"""API of the partner registry: organisations, contacts, relationships."""

from ninja import Router

router = Router(tags=["partners"])

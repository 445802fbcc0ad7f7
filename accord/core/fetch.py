"""The fetch mode of the querysets that pages and endpoints iterate over.

In tests it is FETCH_RAISE, so a lazy load of a relation that a selector forgot to
select_related/prefetch fails loudly instead of turning a list into N+1 queries. In
production it is FETCH_PEERS: a forgotten relation costs one batched query, not N."""

from django.conf import settings
from django.db import models
from django.db.models import QuerySet

_MODES = {"raise": models.FETCH_RAISE, "peers": models.FETCH_PEERS, "one": models.FETCH_ONE}


def guarded(queryset: QuerySet) -> QuerySet:
    return queryset.fetch_mode(_MODES[getattr(settings, "ACCORD_FETCH_MODE", "peers")])

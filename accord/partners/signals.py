"""What the registry announces to other apps, after the change is committed: organisations or
contacts created, or their names (or an organisation's country) changed. Sanctions screening
listens (accord/diligence); the registry does not know who does.

    organisations_changed.send(sender=Organisation, ids=[...], created=bool)
    contacts_changed.send(sender=Contact, ids=[...], created=bool)"""

from django.db import transaction
from django.dispatch import Signal

organisations_changed = Signal()
contacts_changed = Signal()

# The fields whose change is announced (what screening compares).
ORGANISATION_NAME_FIELDS = frozenset({"name", "acronym", "aliases", "country"})
CONTACT_NAME_FIELDS = frozenset({"first_name", "last_name"})


def announce(signal: Signal, model, ids: list[int], *, created: bool) -> None:
    if ids:
        transaction.on_commit(
            lambda: signal.send(sender=model, ids=list(ids), created=created), robust=True
        )

"""Test data for the knowledge hub, made through the services (so the body is sanitised and
the history written as in real use); `actor=None` is the system."""

from datetime import date

from accord.knowledge import services
from accord.knowledge.models import Item, Kind

STORY = "<p>Residents of the informal settlement mapped their <strong>own</strong> streets.</p>"


def item(*, actor=None, **fields) -> Item:
    values = {
        "kind": Kind.IMPACT_STORY,
        "title": "Mapping Mathare with its residents",
        "summary": "Community mapping changed the upgrading plan.",
        "body": STORY,
        "date": date(2025, 3, 14),
    }
    return services.item_create(actor=actor, **(values | fields))


def published(*, actor=None, **fields) -> Item:
    """An item taken through review to publication by the system."""
    made = item(actor=actor, **fields)
    for name in ("submit", "publish"):
        made = services.item_transition(actor=None, item=made, name=name)
    return made

"""Recording changes into the append-only history.

Services call these in the same transaction as the write, so a change and its history entry
land together or not at all, with the same semantics on SQLite and PostgreSQL."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from accord.core.models import HistoryEntry


def model_key(obj_or_model: models.Model | type[models.Model]) -> str:
    return obj_or_model._meta.label_lower


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value, readable on the history page."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Current values of `fields`, foreign keys by their string form."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            continue
        if field.is_relation:
            related = getattr(obj, name)
            values[name] = str(related) if related is not None else None
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in after
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def record(
    *, obj: models.Model, action: str, actor=None, changes: dict | None = None,
    batch: str = "", note: str = "",
) -> HistoryEntry:
    return HistoryEntry.objects.create(
        model=model_key(obj), object_id=obj.pk, object_repr=str(obj)[:300], action=action,
        changes=changes or {}, actor=actor if actor and actor.is_authenticated else None,
        batch=batch, note=note[:300],
    )


def history_for(obj: models.Model, *, limit: int = 200):
    return (
        HistoryEntry.objects.filter(model=model_key(obj), object_id=obj.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )

"""Recording changes into the append-only history.

Services call these in the same transaction as the write, so a change and its history entry
land together or not at all, with the same semantics on SQLite and PostgreSQL."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
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


def _field_of(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(field, name: str) -> str:
    label = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
    return label[:1].upper() + label[1:]


def _shown(value, field=None) -> str:
    if value is None or value == "" or value == []:
        return ""
    choices = dict(getattr(field, "flatchoices", None) or ())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(choices.get(value, value))


def history_rows(entries, model) -> list:
    """History entries for a record's page: each gets `rows`, its changes as (field label,
    before, after), with coded values (a status, a lawful basis) shown by their names."""
    entries = list(entries)
    for entry in entries:
        rows = []
        for name, change in (entry.changes if isinstance(entry.changes, dict) else {}).items():
            old, new = change if isinstance(change, list) and len(change) == 2 else (None, change)
            field = _field_of(model, name)
            rows.append((_label(field, name), _shown(old, field), _shown(new, field)))
        entry.rows = rows
    return entries

"""Rows as JSON, for logs that must rebuild them exactly (the merge log), and history entries
written in bulk for operations that touch many rows at once."""

from django.db import models

from accord.core.history import model_key
from accord.core.models import HistoryEntry


def serialise(obj: models.Model) -> dict:
    """Every column of a row as JSON-safe text, so the row can be rebuilt exactly."""
    data = {}
    for f in obj._meta.concrete_fields:
        value = f.value_from_object(obj)
        plain = value is None or isinstance(f, models.JSONField)
        data[f.attname] = value if plain else f.value_to_string(obj)
    return data


def deserialise(model, data: dict) -> dict:
    columns = {f.attname: f for f in model._meta.concrete_fields}
    return {
        name: None if value is None else columns[name].to_python(value)
        for name, value in data.items()
        if name in columns
    }


def recreate(model, rows: list[dict]) -> None:
    values = [deserialise(model, row) for row in rows]
    objs = [model(**row) for row in values]
    model._default_manager.bulk_create(objs)
    # bulk_create stamps auto_now(_add) columns with "now": put the original times back.
    stamped = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    if stamped:
        for obj, row in zip(objs, values, strict=True):
            for f in stamped:
                setattr(obj, f.attname, row.get(f.attname))
        model._default_manager.bulk_update(objs, [f.name for f in stamped])


class Journal:
    """History entries of the rows a merge or an undo moves, written in one query."""

    def __init__(self, *, actor, note: str) -> None:
        self.actor = actor if actor is not None and actor.is_authenticated else None
        self.note = note[:300]
        self.entries: list[HistoryEntry] = []

    def add(self, obj, action: str, changes: dict) -> None:
        self.entries.append(
            HistoryEntry(
                model=model_key(obj),
                object_id=obj.pk,
                object_repr=str(obj)[:300],
                action=action,
                changes=changes,
                actor=self.actor,
                note=self.note,
            )
        )

    def flush(self) -> None:
        HistoryEntry.objects.bulk_create(self.entries)
        self.entries = []

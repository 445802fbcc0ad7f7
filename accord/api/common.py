"""What every app's API module shares: the permission check, paging, a reference to a record by
id and name, and a record's history in the API's shape."""

from datetime import datetime

from django.db.models import prefetch_related_objects
from ninja import Field, Schema

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.core.history import history_for


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDeniedError("You may not do this.")


class Page(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(25, ge=1, le=200)


def paginate(qs, page: Page, prefetch=()) -> dict:
    """One page of `qs` with the total count; `prefetch` runs once for the page's rows."""
    count = qs.count()
    start = (page.page - 1) * page.page_size
    rows = list(qs[start : start + page.page_size]) if start < count else []
    prefetch_related_objects(rows, *prefetch)
    return {"count": count, "page": page.page, "page_size": page.page_size, "rows": rows}


class Ref(Schema):
    id: int
    name: str


class HistoryOut(Schema):
    at: datetime
    action: str
    actor: str | None
    changes: dict
    note: str
    batch: str


def history_out(obj_or_entries) -> list[dict]:
    """A record's history (or the entries given) in the API's shape."""
    entries = obj_or_entries if isinstance(obj_or_entries, list) else history_for(obj_or_entries)
    return [
        {
            "at": e.at,
            "action": e.action,
            "actor": str(e.actor) if e.actor else None,
            "changes": e.changes,
            "note": e.note,
            "batch": e.batch,
        }
        for e in entries
    ]

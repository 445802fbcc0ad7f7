"""What the engagement app's API modules share: the permission check, a reference to a record
by id and name, history entries, and the registry's paging (accord.partners.api)."""

from ninja import Schema

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.core.history import history_for
from accord.partners.api import HistoryOut, Page, _paginate

__all__ = ["HistoryOut", "Page", "Ref", "history_out", "paginate", "require"]

paginate = _paginate


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDeniedError("You may not do this.")


class Ref(Schema):
    id: int
    name: str


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

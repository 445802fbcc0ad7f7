"""What the funding pages share: who may open them, a record's history rows, initial values
read like submitted data."""

from django.core.exceptions import PermissionDenied

from accord.accounts.roles import can
from accord.core.history import history_rows
from accord.funding import permissions, pledge_selectors


def require_view(user) -> None:
    if not can(user, "funding.view"):
        raise PermissionDenied


def require_edit(user) -> None:
    if not permissions.can_edit(user):
        raise PermissionDenied


def history_of(request, record):
    entries = pledge_selectors.record_history(user=request.user, record=record)
    return history_rows(entries, type(record)) if can(request.user, "history.view") else None


class InitialData(dict):
    """A form's initial values read like submitted data (`getlist` included), so a page can
    draw the partner picker from either."""

    def getlist(self, key):
        value = self.get(key)
        if value in (None, ""):
            return []
        return value if isinstance(value, list) else [value]

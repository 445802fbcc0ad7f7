"""Errors that services raise and that views and the API turn into clear messages."""

from django.core.exceptions import ValidationError
from django.http import Http404


class ConflictError(Exception):
    """Someone saved the record after the user opened it: the edit is refused, not merged."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "This record was changed by someone else after you opened it. "
            "Reload it to see their changes, then make your edit again."
        )


class PermissionDeniedError(Exception):
    """The acting user may not take this action on this object."""


def errors_of(exc: ValidationError) -> dict[str, list[str]]:
    """A ValidationError as {field: [messages]}; non-field errors under "__all__"."""
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errs for m in e.messages]
            for field, errs in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}


def int_or_404(pk) -> int:
    """An id from a URL or a query string: anything that is not a whole number is a 404, as
    an id that does not exist is."""
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None

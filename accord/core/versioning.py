"""Optimistic locking for records edited by people."""

from django.db.models import F, Model

from accord.core.errors import ConflictError


def check_and_bump_version(obj: Model, expected_version: int | None) -> None:
    """Increase the stored version by one, atomically refusing the edit when `expected_version`
    is given and someone saved in between. Call inside the service's transaction."""
    rows = type(obj).objects.filter(pk=obj.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) == 0:
        raise ConflictError()
    obj.version = type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).get()

"""The two IATI files as streams of bytes (for the download views and the API) or written to a
path (for `accord export_iati`): a file is written beside its destination and moved into place
only when complete, so a failed export never leaves half a file."""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.utils import timezone

from accord.reports.iati import activities as activity_rows
from accord.reports.iati.activity_xml import activity_element
from accord.reports.iati.organisation import organisation_element, root_attributes
from accord.reports.iati.xmlout import stream

KINDS = ("organisation", "activities")


def organisation_stream(user, *, now=None) -> Iterator[bytes]:
    now = now or timezone.now()
    yield from stream(
        "iati-organisations", root_attributes(now), [organisation_element(user, now=now)]
    )


def activities_stream(user, *, now=None, today=None) -> Iterator[bytes]:
    """The activity file, one activity at a time. The schema wants at least one activity:
    callers check `activities.has_activities(user)` first."""
    now = now or timezone.now()
    elements = (activity_element(a) for a in activity_rows.activities(user, today=today))
    yield from stream("iati-activities", root_attributes(now), elements)


def file_stream(kind: str, user) -> Iterator[bytes]:
    if kind == "organisation":
        return organisation_stream(user)
    if kind == "activities":
        return activities_stream(user)
    raise ValueError(f"Unknown IATI file {kind!r}: choose organisation or activities.")


def write_file(kind: str, user, path: Path) -> int:
    """Write the file to `path` (replacing it only once complete); the number of bytes."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in file_stream(kind, user):
                out.write(chunk)
                size += len(chunk)
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from the publisher
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return size

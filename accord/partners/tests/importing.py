"""What the import tests share: files made from rows, and imports run by the system or a user."""

import csv
import io

from accord.partners.importing import service
from accord.partners.importing.mapping import ORGANISATION_COLUMNS

HEADERS = [c.name for c in ORGANISATION_COLUMNS]  # the contract's columns


def csv_bytes(rows, headers=None, *, encoding="utf-8", delimiter=",") -> bytes:
    """A CSV file of `rows` (dicts by header, or lists in the header's order)."""
    if headers is None:
        keyed = [r for r in rows if isinstance(r, dict)]
        headers = list(dict.fromkeys(k for r in keyed for k in r)) if keyed else HEADERS
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers] if isinstance(row, dict) else row)
    return buffer.getvalue().encode(encoding)


def upload(data: bytes, *, actor=None, name="partners.csv", **options):
    return service.import_create(actor=actor, file_name=name, data=data, **options)


def run(data: bytes, *, actor=None, **options):
    """Upload and import in one go; the batch, its rows by number."""
    batch = service.import_run(actor=actor, batch=upload(data, actor=actor, **options))
    return batch, {row.number: row for row in batch.rows.order_by("number")}

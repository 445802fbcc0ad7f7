"""The import services: upload a file, choose its column mapping, preview what every row would
do, import, and roll the whole import back later.

An import is one batch (`ImportBatch`, history batch "import:<id>"): the valid rows are written,
the invalid ones are reported with their row, column and reason, and every row's outcome is
kept as an `ImportRow`. Organisations and contacts are written through the partner services
(or, for new organisations, by the bulk path of writing.py that stores the same rows)."""

import gc
import hashlib
import uuid
from contextlib import contextmanager
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.partners.importing import bulk
from accord.partners.importing import mapping as mappings
from accord.partners.importing.plan import (
    CREATE,
    INVALID,
    SKIP,
    UPDATE,
    RowPlan,
    plan_organisations,
)
from accord.partners.importing.plan_contacts import plan_contacts
from accord.partners.importing.progress import NO_PROGRESS, Progress
from accord.partners.importing.reading import ImportFileError, Table, read_table
from accord.partners.importing.rollback import import_rollback
from accord.partners.importing.selectors import can_import, in_scope
from accord.partners.importing.writing import write_contacts, write_organisations
from accord.partners.models import ColumnMapping, ImportBatch, ImportKind, ImportRow, OnMatch

__all__ = [
    "import_create",
    "import_dry_run",
    "import_preview",
    "import_rollback",
    "import_run",
    "import_set_mapping",
    "import_start_preview",
    "import_start_run",
]
Status = ImportBatch.Status
Outcome = ImportRow.Outcome
_RUN_OUTCOMES = {
    CREATE: Outcome.CREATED,
    UPDATE: Outcome.UPDATED,
    SKIP: Outcome.SKIPPED,
    INVALID: Outcome.INVALID,
}


@contextmanager
def _bulk_work():
    """Pause Python's cycle collector while a file is planned and written: 100,000 rows make
    millions of small objects, none of them in reference cycles, and the collector's passes
    over them would cost more than the import itself. Reference counting still frees them."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _allow(actor, batch: ImportBatch | None = None) -> None:
    if actor is None:
        return
    if not can_import(actor):
        raise PermissionDeniedError("You may not import partners.")
    if batch is not None and not in_scope(actor, batch):
        raise PermissionDeniedError("This import belongs to someone else.")


def _new_batch(
    actor,
    *,
    file_name: str,
    data: bytes,
    kind: str = ImportKind.ORGANISATIONS,
    on_match: str = OnMatch.SKIP,
    match_duplicates: bool = True,
) -> tuple[ImportBatch, Table]:
    """An unsaved import of the file: organisations or contacts (`kind`), what a row matching
    a registered record does (`on_match`), whether to look for duplicates at all."""
    _allow(actor)
    if kind not in ImportKind.values:
        raise ValidationError({"kind": f"Unknown kind of import {kind!r}."})
    if on_match not in OnMatch.values:
        raise ValidationError({"on_match": f"Choose one of: {', '.join(OnMatch.values)}."})
    table = read_table(data)
    batch = ImportBatch(
        kind=kind,
        file_name=PurePath(file_name or "upload").name[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        mapping=mappings.guess(table.headers, kind),
        on_match=on_match,
        match_duplicates=match_duplicates,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        counts={"rows": len(table.rows)},
        message=" ".join([f"Read as {table.describe()}.", *table.notes]),
    )
    return batch, table


@_bulk_work()
@transaction.atomic
def import_create(*, actor, file_name: str, data: bytes, **options) -> ImportBatch:
    """Store an uploaded file as a new import, with its column mapping guessed (`options`:
    kind, on_match, match_duplicates). A file that cannot be read is refused (ImportFileError)
    and nothing is stored."""
    batch, table = _new_batch(actor, file_name=file_name, data=data, **options)
    # Stored under a random name, never the uploaded one (that is only shown).
    batch.file.save(f"{uuid.uuid4().hex}.{table.format}", ContentFile(data), save=False)
    batch.save()
    batch.parsed_table = table  # an import run at once (the command) does not read it again
    return batch


@_bulk_work()
def import_dry_run(*, actor, file_name: str, data: bytes, **options) -> tuple:
    """What importing the file would do, row by row, with nothing stored at all: an unsaved
    batch (its counts filled in) and unsaved rows. `options` are import_create's."""
    batch, table = _new_batch(actor, file_name=file_name, data=data, **options)
    plans = _plan(actor, batch, table)
    batch.counts = _preview_counts(plans)
    return batch, _row_objects(batch, plans, lambda p: p.preview_outcome)


def read_batch_file(batch: ImportBatch, *, head: int | None = None) -> Table:
    parsed = getattr(batch, "parsed_table", None)
    if parsed is not None and head is None:
        return parsed
    try:
        with batch.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        raise ValidationError(
            "The uploaded file of this import is no longer stored: upload it again."
        ) from None
    try:
        return read_table(data, head=head)
    except ImportFileError as exc:
        raise ValidationError(str(exc)) from None


@transaction.atomic
def import_set_mapping(
    *,
    actor,
    batch: ImportBatch,
    mapping: dict[str, str],
    on_match: str | None = None,
    match_duplicates: bool | None = None,
    save_as: str = "",
) -> ImportBatch:
    """Choose which column feeds which field (and what a matching row does); optionally save
    the mapping by name for the next file of the same shape."""
    _allow(actor, batch)
    _editable(batch)
    table_headers = list(batch.mapping) or list(mapping)
    mapping = {h: mapping.get(h, "") for h in table_headers}
    found = mappings.problems(mapping, batch.kind)
    if found:
        raise ValidationError({"mapping": found})
    if on_match is not None:
        if on_match not in OnMatch.values:
            raise ValidationError({"on_match": f"Choose one of: {', '.join(OnMatch.values)}."})
        batch.on_match = on_match
    if match_duplicates is not None:
        batch.match_duplicates = match_duplicates
    batch.mapping = mapping
    batch.status = ImportBatch.Status.UPLOADED
    batch.save(update_fields=["mapping", "on_match", "match_duplicates", "status"])
    name = " ".join((save_as or "").split())[:100]
    if name:
        ColumnMapping.objects.update_or_create(
            kind=batch.kind,
            name=name,
            defaults={
                "mapping": {h: t for h, t in mapping.items() if t},
                "created_by": batch.created_by,
            },
        )
    return batch


def _editable(batch: ImportBatch, *also: str) -> None:
    """Refuse to touch an import that is done (or being worked on, unless `also` allows it:
    the background task that set that status)."""
    if batch.status in (Status.UPLOADED, Status.PREVIEWED, *also):
        return
    if batch.is_working:
        raise ValidationError(f"{batch.get_status_display()}: wait until it is over.")
    raise ValidationError(f"This import is already {batch.get_status_display().lower()}.")


def _plan(
    actor, batch: ImportBatch, table: Table | None = None, progress: Progress = NO_PROGRESS
) -> list[RowPlan]:
    """Every row's plan; the batch's message says how the file was read and what was ignored."""
    if table is None:
        progress.step("reading")
        table = read_batch_file(batch)
    found = mappings.problems(batch.mapping, batch.kind)
    if found:
        shown = ", ".join(f"“{h}”" for h in table.headers[:20])
        raise ValidationError({"mapping": [*found, f"The file's columns are: {shown}."]})
    ignored = mappings.ignored(batch.mapping)
    batch.message = " ".join(
        [
            f"Read as {table.describe()}.",
            *table.notes,
            f"Ignored columns: {', '.join(ignored)}." if ignored else "",
        ]
    ).strip()
    if batch.kind == ImportKind.CONTACTS:
        progress.step("matching")
        return plan_contacts(table, batch.mapping, actor=actor, on_match=batch.on_match)
    return plan_organisations(
        table,
        batch.mapping,
        actor=actor,
        on_match=batch.on_match,
        matching=batch.match_duplicates,
        progress=progress,
    )


def _row_values(batch: ImportBatch, plans: list[RowPlan], outcome_of) -> list[tuple]:
    """(number, outcome, data, errors, reasons, organisation id, contact id) of every row."""
    header_of = {t: h for h, t in batch.mapping.items() if t}
    contacts = batch.kind == ImportKind.CONTACTS
    rows = []
    for plan in plans:
        if contacts:
            org = plan.kwargs.get("organisation") if plan.kwargs else None
            org_id, contact_id = (org.pk if org else None), plan.contact_id or plan.match_id
        else:
            org_id, contact_id = plan.organisation_id or plan.match_id, None
        errors = [{**e, "header": header_of.get(e["column"], "")} for e in plan.errors]
        data = {k: v for k, v in plan.values.items() if v}
        rows.append((plan.number, outcome_of(plan), data, errors, plan.reasons, org_id, contact_id))
    return rows


_ROW_COLUMNS = ["number", "outcome", "data", "errors", "reasons", "organisation_id", "contact_id"]


def _row_objects(batch: ImportBatch, plans: list[RowPlan], outcome_of) -> list[ImportRow]:
    return [
        ImportRow(batch=batch, **dict(zip(_ROW_COLUMNS, values, strict=True)))
        for values in _row_values(batch, plans, outcome_of)
    ]


def _store_rows(batch: ImportBatch, plans: list[RowPlan], outcome_of) -> None:
    batch.rows.all().delete()
    rows = [(batch.pk, *values) for values in _row_values(batch, plans, outcome_of)]
    bulk.insert(ImportRow, ["batch_id", *_ROW_COLUMNS], rows)


def _preview_counts(plans: list[RowPlan]) -> dict:
    outcomes = [p.preview_outcome for p in plans]
    return {
        "rows": len(plans),
        "new": outcomes.count(Outcome.NEW),
        "match": outcomes.count(Outcome.MATCH),
        "invalid": outcomes.count(Outcome.INVALID),
        "in_file": sum(1 for p in plans if p.same_as),
    }


@_bulk_work()
def import_preview(
    *, actor, batch: ImportBatch, progress: Progress = NO_PROGRESS
) -> ImportBatch:
    """Work out what every row would do, write nothing to the registry, keep the outcome of each
    row for the preview page. The rows are planned outside any transaction (reads only, and
    the progress updates must be seen by others); their outcomes are stored in one."""
    _allow(actor, batch)
    _editable(batch, Status.PREVIEWING)
    plans = _plan(actor, batch, progress=progress)
    progress.step("writing")
    with transaction.atomic():
        _editable(ImportBatch.objects.select_for_update().get(pk=batch.pk), Status.PREVIEWING)
        _store_rows(batch, plans, lambda p: p.preview_outcome)
        batch.counts = _preview_counts(plans)
        batch.status = Status.PREVIEWED
        batch.progress = {"step": "done"}
        batch.save(update_fields=["counts", "status", "message", "progress"])
    return batch


@_bulk_work()
def import_run(*, actor, batch: ImportBatch, progress: Progress = NO_PROGRESS) -> ImportBatch:
    """Import the file: the valid rows are written, each matching row is skipped, updates the
    registered record or is created anyway (the batch's `on_match`), the invalid ones are
    reported. The rows are planned first (reads only: nothing is locked while the registry is
    searched), then written in one transaction: the import happens whole or not at all. A
    record registered by someone else in between is not seen as a match; the duplicate
    detector finds such pairs afterwards."""
    _allow(actor, batch)
    _editable(batch, Status.IMPORTING)
    plans = _plan(actor, batch, progress=progress)
    progress.step("writing", total=len(plans))
    with transaction.atomic():
        _editable(ImportBatch.objects.select_for_update().get(pk=batch.pk), Status.IMPORTING)
        label = batch.history_batch
        if batch.kind == ImportKind.CONTACTS:
            write_contacts(plans, actor=actor, label=label)
        else:
            write_organisations(plans, actor=actor, label=label)
        _store_rows(batch, plans, lambda p: _RUN_OUTCOMES[p.action])
        outcomes = [_RUN_OUTCOMES[p.action] for p in plans]
        batch.counts = {
            "rows": len(plans),
            "created": outcomes.count(Outcome.CREATED),
            "updated": outcomes.count(Outcome.UPDATED),
            "skipped": outcomes.count(Outcome.SKIPPED),
            "invalid": outcomes.count(Outcome.INVALID),
            "matched": sum(1 for p in plans if p.match_id or p.same_as),
        }
        batch.status = Status.IMPORTED
        batch.imported_at = timezone.now()
        batch.progress = {"step": "done"}
        batch.save(update_fields=["counts", "status", "imported_at", "message", "progress"])
    return batch


def _start(actor, batch: ImportBatch, status: str, task) -> ImportBatch:
    """Hand the batch to a background task: `status` says the work is under way (so it cannot
    be started twice), the task row is written in the same transaction (a database-backed
    queue: a worker sees it only once the status is committed)."""
    _allow(actor, batch)
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _editable(locked)
        batch.status = status
        batch.progress = {"step": "queued"}
        batch.save(update_fields=["status", "progress"])
        task.enqueue(batch.pk, actor.pk if actor is not None else None)
    batch.refresh_from_db()
    return batch


def import_start_preview(*, actor, batch: ImportBatch) -> ImportBatch:
    """Preview in the background; the preview page shows how far it has got."""
    from accord.partners.importing import tasks

    return _start(actor, batch, Status.PREVIEWING, tasks.preview_import)


def import_start_run(*, actor, batch: ImportBatch) -> ImportBatch:
    """Import in the background; the import's page shows how far it has got."""
    from accord.partners.importing import tasks

    return _start(actor, batch, Status.IMPORTING, tasks.run_import)

"""`accord import_partners FILE [--dry-run] [--on-match skip|update|create]`: import partner
organisations (or their contacts) from a CSV or XLSX file and print what happened to each row.

The columns are guessed from the header (see DESIGN.md, "Partner import columns"); the import
is stored like one made in the wizard, so it can be reviewed and rolled back on its page."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accord.core.errors import errors_of
from accord.partners.importing import mapping as mappings
from accord.partners.importing.reading import ImportFileError, check_size
from accord.partners.importing.selectors import import_row_list
from accord.partners.importing.service import (
    import_create,
    import_dry_run,
    import_rollback,
    import_run,
)
from accord.partners.models import ImportBatch, ImportKind, ImportRow, OnMatch

Outcome = ImportRow.Outcome
SHOWN = 200  # rows listed per outcome; the rest are counted
_WOULD = {
    OnMatch.SKIP: "would be skipped",
    OnMatch.UPDATE: "would update it",
    OnMatch.CREATE: "would be created anyway",
}


class Command(BaseCommand):
    help = "Import partner organisations or contacts from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="CSV (any encoding, , ; tab |) or XLSX.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; write nothing."
        )
        parser.add_argument(
            "--on-match",
            choices=OnMatch.values,
            default=OnMatch.SKIP,
            help="What a row that matches a registered record does (default: skip).",
        )
        parser.add_argument("--kind", choices=ImportKind.values, default=ImportKind.ORGANISATIONS)
        parser.add_argument(
            "--no-matching",
            action="store_true",
            help="Do not look for duplicates (fastest; every valid row is new).",
        )
        parser.add_argument(
            "--rollback",
            type=int,
            metavar="IMPORT_ID",
            help="Roll back an earlier import instead of importing.",
        )

    def handle(self, *args, file, dry_run, on_match, kind, no_matching, rollback, **options):
        if rollback is not None:
            return self._rollback(rollback)
        if not file:
            raise CommandError("Give the file to import (CSV or XLSX).")
        data = self._read(Path(file))
        common = {
            "actor": None,
            "file_name": Path(file).name,
            "data": data,
            "kind": kind,
            "on_match": on_match,
            "match_duplicates": not no_matching,
        }
        try:
            if dry_run:
                batch, rows = import_dry_run(**common)
            else:
                batch = import_run(actor=None, batch=import_create(**common))
                rows = None
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from None
        except ValidationError as exc:
            messages = [m for ms in errors_of(exc).values() for m in ms]
            raise CommandError(f"{file}: " + " ".join(messages)) from None
        self._summary(batch, rows if rows is not None else import_row_list(batch=batch))

    def _read(self, path: Path) -> bytes:
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            check_size(path.stat().st_size)
            return path.read_bytes()
        except ImportFileError as exc:
            raise CommandError(f"{path}: {exc}") from None
        except OSError as exc:
            raise CommandError(f"{path}: cannot be read ({exc.strerror}).") from None

    def _rollback(self, pk: int) -> None:
        batch = ImportBatch.objects.filter(pk=pk).first()
        if batch is None:
            raise CommandError(f"There is no import #{pk}.")
        try:
            batch = import_rollback(actor=None, batch=batch)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"Import #{batch.pk} rolled back: {batch.counts.get('removed', 0)} record(s) "
            f"removed, {batch.counts.get('restored', 0)} restored."
        )

    def _summary(self, batch: ImportBatch, rows) -> None:
        out = self.stdout.write
        counts = batch.counts
        kind = batch.get_kind_display().lower()
        title = "Dry run (nothing written)" if batch.pk is None else f"Import #{batch.pk}"
        matching = "duplicate matching on" if batch.match_duplicates else "no matching"
        out(
            f"{title}: {batch.file_name}, {counts.get('rows', 0)} rows of {kind}; on match: "
            f"{batch.on_match}; {matching}."
        )
        if batch.message:
            out(f"  {batch.message}")
        mapped = [f"{h} → {t}" for h, t in batch.mapping.items() if t]
        out("  Columns: " + "; ".join(mapped))
        if batch.pk is None:
            out(
                f"  would create: {counts['new']}   matched: {counts['match']}   "
                f"rejected: {counts['invalid']}"
            )
        else:
            out(
                f"  created: {counts['created']}   updated: {counts['updated']}   "
                f"matched: {counts['matched']}   skipped: {counts['skipped']}   "
                f"rejected: {counts['invalid']}"
            )
        listed: dict[str, list[str]] = {"Rejected": [], "Matched": []}
        for row in rows:
            if row.outcome == Outcome.INVALID:
                listed["Rejected"] += [
                    f"row {row.number}: {_where(e)}{e['message']}" for e in row.errors
                ]
            elif row.reasons:
                done = _WOULD[batch.on_match] if batch.pk is None else row.get_outcome_display()
                listed["Matched"].append(f"row {row.number}: {'; '.join(row.reasons)} → {done}")
        for heading, lines in listed.items():
            if lines:
                out(f"{heading}:")
                for line in lines[:SHOWN]:
                    out(f"  {line}")
                if len(lines) > SHOWN:
                    out(f"  … and {len(lines) - SHOWN} more (see the import's page)")
        if batch.pk is not None:
            out(f"Roll it back with: accord import_partners --rollback {batch.pk}")


def _where(error: dict) -> str:
    column = error.get("header") or error.get("column")
    if not column:
        return ""
    target = error.get("column")
    label = next(
        (
            c.label
            for c in mappings.ORGANISATION_COLUMNS + mappings.CONTACT_COLUMNS
            if c.name == target
        ),
        target,
    )
    return f"column “{column}”{f' ({label})' if label and label != column else ''}: "

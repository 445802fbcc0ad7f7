"""Streaming exports of any list: CSV and XLSX with memory that does not grow with the rows.

A list is described by its columns (`Column`: a path on the list's queryset, typed from the
model field it reaches, choices shown by their labels) and its many-valued columns (`Many`:
the values of a link table, joined with "; "). Rows are read with `values_list(...)` and
`.iterator(chunk_size=CHUNK)`: no model instances, one query for the rows (a server-side
cursor on PostgreSQL) plus one query per many-valued column per chunk, so memory stays at one
chunk whatever the number of rows.

- CSV is a `StreamingHttpResponse`: each row goes out as soon as it is read.
- XLSX is written by xlsxwriter in `constant_memory` mode (each row flushed to a temporary
  file as it is written) into a temporary file, which `FileResponse` then streams in blocks.
  An XLSX is a zip whose directory is written last, so the file is complete before its first
  byte can go out; the temporary file keeps memory flat meanwhile and is deleted once sent.

Text cells that a spreadsheet would read as a formula (starting with = + - @, or a tab or
carriage return) are prefixed with an apostrophe, in both formats (OWASP "CSV injection")."""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

CHUNK = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KINDS = ("text", "date", "datetime", "decimal", "int", "bool")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard(text: str) -> str:
    """`text` as a spreadsheet shows it, never run: a formula-like start gets an apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Column:
    """One column: `path` on the exported queryset (a field, a related field, an annotation);
    `kind` is taken from the model field when left empty (annotations must give it)."""

    header: str
    path: str
    kind: str = ""


@dataclass(frozen=True)
class Many:
    """A many-valued column: the `value` of the rows of `through` (a link table) whose `fk`
    is the exported row's id, joined with "; "; `scope(user)` limits them (None: none)."""

    header: str
    through: Callable[[], type[Model]]
    fk: str
    value: str
    scope: Callable[..., Q | None] | None = None


def _field_kind(model: type[Model], path: str) -> tuple[str, dict]:
    """The kind of the field `path` reaches from `model`, and its choices' labels."""
    field = None
    for part in path.split("__"):
        if field is not None:
            model = field.related_model
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)
    if field.is_relation:
        field = field.target_field
    labels = {str(k): str(v) for k, v in field.flatchoices} if field.choices else {}
    kind = {
        "DateField": "date",
        "DateTimeField": "datetime",
        "DecimalField": "decimal",
        "BooleanField": "bool",
    }.get(field.get_internal_type(), "")
    if not kind and field.get_internal_type().endswith(("IntegerField", "AutoField")):
        kind = "int"
    return ("text" if labels else kind or "text"), labels


@dataclass
class Table:
    """The columns of one export, resolved against the queryset's model."""

    headers: list[str]
    kinds: list[str]
    paths: list[str]
    labels: list[dict]
    many: list[Many]

    @classmethod
    def of(cls, model: type[Model], columns: Iterable[Column | Many]) -> "Table":
        table = cls([], [], [], [], [])
        for column in columns:
            if isinstance(column, Many):
                table.many.append(column)
                continue
            try:
                kind, labels = _field_kind(model, column.path)
            except FieldDoesNotExist:
                if not column.kind:
                    raise ValueError(f"Column {column.path!r} needs a kind") from None
                kind, labels = column.kind, {}
            table.headers.append(column.header)
            table.kinds.append(column.kind or kind)
            table.paths.append(column.path)
            table.labels.append(labels)
        table.headers += [m.header for m in table.many]
        table.kinds += ["text"] * len(table.many)
        return table

    @classmethod
    def plain(cls, columns: Iterable[Column]) -> "Table":
        """Columns of records that are not rows of a table (each column's `kind` given)."""
        columns = list(columns)
        return cls(
            [c.header for c in columns],
            [c.kind or "text" for c in columns],
            [c.path for c in columns],
            [{} for _ in columns],
            [],
        )


def record_rows(records: Iterable, table: Table) -> Iterator[list]:
    """The table's rows of plain records (objects with the columns' paths as attributes)."""
    for record in records:
        yield [getattr(record, path) for path in table.paths]


def _many_values(user, many: Many, ids: list[int]) -> dict[int, str]:
    scope = many.scope(user) if many.scope else Q()
    if scope is None:
        return {}
    found: dict[int, list[str]] = {}
    rows = (
        many.through()
        .objects.filter(scope, **{f"{many.fk}__in": ids})
        .order_by(many.fk, many.value)
        .values_list(many.fk, many.value)
    )
    for pk, value in rows:
        if value not in (None, ""):
            found.setdefault(pk, []).append(str(value))
    return {pk: "; ".join(dict.fromkeys(values)) for pk, values in found.items()}


def _typed(value, labels: dict):
    if labels and value is not None:
        return labels.get(str(value), str(value))
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def rows(user, qs: QuerySet, table: Table, *, chunk_size: int = CHUNK) -> Iterator[list]:
    """The table's rows of `qs` as Python values (choices as labels, datetimes local and
    naive), one chunk of `chunk_size` rows in memory at a time."""
    values = qs.values_list("pk", *table.paths).iterator(chunk_size=chunk_size)
    chunk: list[tuple] = []
    for row in values:
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _finish(user, chunk, table)
            chunk = []
    if chunk:
        yield from _finish(user, chunk, table)


def _finish(user, chunk: list[tuple], table: Table) -> Iterator[list]:
    ids = [row[0] for row in chunk]
    many = [_many_values(user, m, ids) for m in table.many]
    for row in chunk:
        out = [_typed(v, labels) for v, labels in zip(row[1:], table.labels, strict=True)]
        yield out + [values.get(row[0], "") for values in many]


# --- CSV ---


class _Echo:
    """A file whose write returns what it is given: csv.writer then yields text lines."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (date, Decimal, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    return guard(str(value))


def csv_lines(headers: list[str], data: Iterable[list]) -> Iterator[str]:
    """The CSV text, line by line (UTF-8 with a byte-order mark, which Excel needs to read
    UTF-8; Python reads it with encoding="utf-8-sig")."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([guard(h) for h in headers])
    for row in data:
        yield writer.writerow([_csv_cell(v) for v in row])


def csv_response(filename: str, headers: list[str], data: Iterable[list]):
    response = StreamingHttpResponse(
        csv_lines(headers, data), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX ---


def write_xlsx(target, headers: list[str], kinds: list[str], data: Iterable[list], *, title: str):
    """Write the workbook to `target` (a path or a binary file) row by row in constant memory:
    dates and datetimes as dates, decimals and integers as numbers, booleans as booleans."""
    book = xlsxwriter.Workbook(
        target,
        {"constant_memory": True, "tmpdir": tempfile.gettempdir(), "strings_to_formulas": False},
    )
    sheet = book.add_worksheet(title[:31])
    bold = book.add_format({"bold": True})
    formats = {
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "decimal": book.add_format({"num_format": "#,##0.00"}),
    }
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
    writers = [_cell_writer(sheet, kind, formats) for kind in kinds]
    for r, row in enumerate(data, start=1):
        for col, value in enumerate(row):
            if value is not None and value != "":
                writers[col](r, col, value)
    sheet.freeze_panes(1, 0)
    book.close()


def _cell_writer(sheet, kind: str, formats: dict):
    if kind in ("date", "datetime"):
        fmt = formats["datetime" if kind == "datetime" else "date"]
        return lambda r, c, v: sheet.write_datetime(r, c, v, fmt)
    if kind == "decimal":
        return lambda r, c, v: sheet.write_number(r, c, v, formats["decimal"])
    if kind == "int":
        return lambda r, c, v: sheet.write_number(r, c, v)
    if kind == "bool":
        return lambda r, c, v: sheet.write_boolean(r, c, bool(v))
    return lambda r, c, v: sheet.write_string(r, c, guard(str(v)))


def xlsx_response(filename: str, table: Table, data: Iterable[list], *, title: str):
    """The workbook in a temporary file (deleted when the response is closed), streamed."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes (and so deletes) it
    write_xlsx(spool, table.headers, table.kinds, data, title=title)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)

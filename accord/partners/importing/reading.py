"""Reading an uploaded spreadsheet into a header and rows of text.

CSV in any common encoding (UTF-8 with or without a byte-order mark, UTF-16, Windows-1252 /
Latin-1) and delimiter (comma, semicolon, tab, pipe), or an XLSX workbook (its first sheet).
The type is decided by the content, never by the file name. Anything that cannot be read raises
`ImportFileError` with a message that says what is wrong and, when it can, where."""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings

MAX_COLUMNS = 200
_XLSX_BLANK_RUN = 10_000  # this many blank rows in a row end a sheet (formatting, not data)
DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SNIFF_CHARS = 64 * 1024
_XLSX_INFLATION = 20  # an XLSX may unzip to at most this many times the size limit
_BINARY_SIGNATURES = {
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or other Office file: save it as .xlsx or CSV",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "a program",
}
# Windows-1252 leaves these bytes undefined: text that has them is not Windows-1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


_NOT_TEXT = "This file is not text: Accord reads CSV files (any encoding) and XLSX workbooks."


class ImportFileError(ValueError):
    """The file cannot be read at all (wrong type, too large, damaged, empty)."""


@dataclass
class Table:
    """The header and the rows of a file. `rows` are (row number, values): row numbers are the
    spreadsheet's (the header is row 1) and blank rows are left out but keep their numbers."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.format == "xlsx":
            return "XLSX workbook"
        return (
            f"CSV, {self.encoding}, {DELIMITER_NAMES.get(self.delimiter, self.delimiter)}-separated"
        )


def max_bytes() -> int:
    return settings.ACCORD_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.ACCORD_IMPORT_MAX_ROWS


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ImportFileError(
            f"The file is {megabytes(size)}; the largest file Accord imports is "
            f"{megabytes(limit)}. Split it into smaller files."
        )


def detect_format(data: bytes) -> str:
    """ "xlsx" (a zip container) or "csv" (text), judged by the content."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFileError("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise ImportFileError(f"This is {what}, not a CSV or XLSX file.")
    return "csv"


def read_table(data: bytes, *, head: int | None = None) -> Table:
    """The header and rows of a CSV or XLSX file given as bytes (only the first `head` rows
    when given: enough to show samples of each column)."""
    check_size(len(data))
    kind = detect_format(data)
    table = _read_xlsx(data, head) if kind == "xlsx" else _read_csv(data, head)
    return _tidy(table)


# --- CSV -------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: a byte-order mark decides; otherwise UTF-8 when
    the bytes are valid UTF-8, UTF-16 when every other byte is zero, else Windows-1252 (or
    Latin-1 for the five bytes Windows-1252 leaves undefined)."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            return _decode_as(data, encoding), encoding
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 3:
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            raise ImportFileError(_NOT_TEXT) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _CP1252_UNDEFINED.isdisjoint(data):
        return data.decode("cp1252"), "cp1252"
    return data.decode("latin-1"), "latin-1"


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file says it is {encoding.upper()} but byte {exc.start + 1} is not: "
            "save it again as UTF-8 CSV."
        ) from None


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return "\x00" in sample or controls > max(8, len(sample) // 100)


def sniff_delimiter(text: str) -> str:
    """The delimiter of the CSV text: csv.Sniffer's guess when it splits the first lines into
    the same number (> 1) of columns, else the candidate that does that best, else a comma."""
    sample = text[:_SNIFF_CHARS]
    lines = sample.splitlines()[:20]
    if len(sample) == _SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last one may be cut off
    if not lines:
        return ","

    def widths(delimiter: str) -> list[int]:
        try:
            return [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:
            return []

    def consistent(delimiter: str) -> bool:
        found = widths(delimiter)
        return bool(found) and found[0] > 1 and all(w == found[0] for w in found)

    try:
        guess = csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = ""
    if guess and consistent(guess):
        return guess
    scored = []
    for delimiter in DELIMITERS:
        found = widths(delimiter)
        if found and found[0] > 1:
            agreeing = sum(1 for w in found if w == found[0])
            scored.append((agreeing, found[0], delimiter))
    return max(scored)[2] if scored else ","


def _read_csv(data: bytes, head: int | None) -> Table:
    text, encoding = decode(data)
    if _looks_binary(text):
        raise ImportFileError(_NOT_TEXT)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    limit = max_rows()
    number = 0
    try:
        for values in reader:
            number += 1
            if len(rows) > limit:
                raise ImportFileError(_too_many_rows(limit))
            if any(values):
                rows.append((number, values))
                if head is not None and len(rows) > head:
                    break
    except csv.Error as exc:
        raise ImportFileError(f"Row {number + 1} cannot be read as CSV: {exc}.") from None
    if not rows:
        raise ImportFileError("The file is empty.")
    return Table(
        headers=rows[0][1], rows=rows[1:], format="csv", encoding=encoding, delimiter=delimiter
    )


def _too_many_rows(limit: int) -> str:
    return f"The file has more than {limit:,} rows; split it into smaller files."


# --- XLSX ------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # phone numbers and codes typed as numbers
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes, head: int | None) -> Table:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError("This file looks like a zip archive but is damaged.") from None
    if unzipped > max_bytes() * _XLSX_INFLATION:
        raise ImportFileError(
            f"This workbook unpacks to {megabytes(unzipped)}, too large to import: save its "
            "first sheet as CSV or split it."
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise ImportFileError("This zip archive is not an Excel workbook (.xlsx).")
    limit = max_rows()
    rows: list[tuple[int, list[str]]] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            blank = 0
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if all(v is None or v == "" for v in values):
                    blank += 1
                    if blank >= _XLSX_BLANK_RUN:
                        break
                    continue
                blank = 0
                if len(rows) > limit:
                    raise ImportFileError(_too_many_rows(limit))
                rows.append((number, [_cell_text(v) for v in values[: MAX_COLUMNS + 1]]))
                if head is not None and len(rows) > head:
                    break
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook
        raise ImportFileError(
            f"This Excel workbook cannot be read ({exc.__class__.__name__}): open it in a "
            "spreadsheet program and save it again as .xlsx or CSV."
        ) from None
    if not rows:
        raise ImportFileError("The first sheet of this workbook is empty.")
    return Table(headers=rows[0][1], rows=rows[1:], format="xlsx")


# --- both ------------------------------------------------------------------------------------


def _tidy(table: Table) -> Table:
    """Named, unique headers; rows as long as the header; blank rows left out; values beyond
    the last named column reported (and ignored)."""
    raw = [" ".join(h.replace("\ufeff", "").replace("\x00", "").split()) for h in table.headers]
    while raw and not raw[-1]:
        raw.pop()
    if not raw:
        raise ImportFileError("The first row is empty: it must name the columns.")
    if len(raw) > MAX_COLUMNS:
        raise ImportFileError(f"The file has {len(raw)} columns; at most {MAX_COLUMNS} are read.")
    headers, seen = [], set()
    for index, header in enumerate(raw, start=1):
        name = header[:100] or f"Column {index}"
        candidate, n = name, 2
        while candidate.casefold() in seen:
            candidate, n = f"{name} ({n})", n + 1
        seen.add(candidate.casefold())
        headers.append(candidate)
    width = len(headers)
    rows, overflow = [], []
    for number, values in table.rows:
        if not any(v.strip() for v in values):
            continue
        if len(values) > width and any(v.strip() for v in values[width:]):
            overflow.append(number)
        cells = [v.replace("\x00", "") for v in values[:width]] + [""] * (width - len(values))
        rows.append((number, cells))
    table.headers, table.rows = headers, rows
    if overflow:
        shown = ", ".join(str(n) for n in overflow[:10]) + (" …" if len(overflow) > 10 else "")
        table.notes.append(
            f"{len(overflow)} row(s) have values beyond the last named column; they were "
            f"ignored (rows {shown})."
        )
    return table

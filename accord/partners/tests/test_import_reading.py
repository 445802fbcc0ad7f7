"""Reading uploaded files: CSV in any common encoding and delimiter, XLSX, and a clear error for
anything else."""

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from accord.partners.importing.reading import (
    ImportFileError,
    decode,
    detect_format,
    read_table,
    sniff_delimiter,
)

TEXT = (
    "name,category,country\nFondation Société Générale,foundation,FR\n"
    "Banco Ñandú,development_bank,PY\n"
)
ROWS = [
    ["Fondation Société Générale", "foundation", "FR"],
    ["Banco Ñandú", "development_bank", "PY"],
]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def values(table) -> list[list[str]]:
    return [cells for _, cells in table.rows]


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1252", "cp1252"),
    ],
)
def test_csv_is_read_in_every_common_encoding(encoding, expected):
    table = read_table(TEXT.encode(encoding))
    assert table.headers == ["name", "category", "country"]
    assert values(table) == ROWS
    assert table.encoding == expected


def test_latin1_bytes_that_windows_1252_leaves_undefined_are_read_as_latin1():
    text, encoding = decode("Caf\xe9 \x81".encode("latin-1"))
    assert (text, encoding) == ("Caf\xe9 \x81", "latin-1")


def test_a_byte_order_mark_decides_and_a_lie_is_reported():
    with pytest.raises(ImportFileError, match="UTF-8"):
        read_table(b"\xef\xbb\xbfname\n\xff\xfe\xfa\n")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_sniffed(delimiter):
    data = TEXT.replace(",", delimiter).encode()
    table = read_table(data)
    assert table.delimiter == delimiter
    assert values(table) == ROWS


def test_quoted_values_keep_their_delimiters_and_line_breaks():
    data = b'name;description;country\n"Acme; Inc";"two\nlines";KE\nBeta;x;UG\n'
    table = read_table(data)
    assert table.delimiter == ";"
    assert values(table) == [["Acme; Inc", "two\nlines", "KE"], ["Beta", "x", "UG"]]
    assert [n for n, _ in table.rows] == [2, 3]


def test_sniffer_falls_back_to_the_delimiter_that_splits_lines_evenly():
    assert sniff_delimiter("a|b|c\n1|2|3\n4|5|6\n") == "|"
    assert sniff_delimiter("just one column\nvalue\n") == ","


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_file():
    table = read_table(b"name,category\n\nAcme,civil_society\n,\nBeta,foundation\n")
    assert [(n, cells[0]) for n, cells in table.rows] == [(3, "Acme"), (5, "Beta")]


def test_headers_are_tidied_named_and_made_unique():
    table = read_table(b" Name ,,name,Country\nA,x,B,KE\n")
    assert table.headers == ["Name", "Column 2", "name (2)", "Country"]


def test_short_rows_are_padded_and_values_beyond_the_header_are_reported():
    table = read_table(b"name,category\nAcme\nBeta,foundation,extra\n")
    assert values(table) == [["Acme", ""], ["Beta", "foundation"]]
    assert "beyond the last named column" in table.notes[0] and "rows 3" in table.notes[0]


def test_xlsx_first_sheet_is_read_with_numbers_and_dates_as_text():
    data = xlsx(
        [
            ["name", "phone", "consent", "outcomes", "primary"],
            ["Acme", 254700000001, datetime(2024, 5, 1, 9, 30), 1.2, True],
            [None, None, None, None, None],
            ["Beta", "+41 22", date(2023, 1, 2), "2.1", False],
        ]
    )
    table = read_table(data)
    assert table.format == "xlsx"
    assert values(table) == [
        ["Acme", "254700000001", "2024-05-01 09:30:00", "1.2", "yes"],
        ["Beta", "+41 22", "2023-01-02", "2.1", "no"],
    ]
    assert [n for n, _ in table.rows] == [2, 4]


def test_head_reads_only_the_first_rows():
    data = ("name\n" + "".join(f"org {i}\n" for i in range(100))).encode()
    assert len(read_table(data, head=3).rows) == 3
    assert len(read_table(xlsx([["name"], *[[f"org {i}"] for i in range(10)]]), head=2).rows) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \r\n\r\n", "empty"),
        (b"%PDF-1.7 stuff", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\x7fELF\x02\x01", "a program"),
        (b"PK\x03\x04garbage", "damaged"),
        (bytes(range(256)) * 20, "not text"),
        (b"  ,  \nAcme,x\n", "must name the columns"),
    ],
)
def test_files_that_cannot_be_read_get_a_clear_message(data, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(data)


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        read_table(buffer.getvalue())


def test_size_and_row_limits_come_from_settings(settings):
    settings.ACCORD_IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="largest file Accord imports is 0.0 MB"):
        read_table(b"name\n" + b"x" * 200)
    settings.ACCORD_IMPORT_MAX_BYTES = 10_000
    settings.ACCORD_IMPORT_MAX_ROWS = 3
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read_table(b"name\n1\n2\n3\n4\n")
    assert len(read_table(b"name\n1\n2\n3\n").rows) == 3


def test_format_is_decided_by_content_not_name():
    assert detect_format(xlsx([["name"]])) == "xlsx"
    assert detect_format(b"name,category\n") == "csv"

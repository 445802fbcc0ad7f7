"""The demonstration spreadsheet a newcomer imports (`accord load_demo --export-sample PATH`):
about fifty rows as a regional office would send them, with its own column names ("Organisation
name", "Type", "País"…), a column Accord does not know, and a mix of

- new organisations (real partners of the urban agenda that the demo data set does not hold,
  and a few fictitious local ones, e-mail addresses under `.example`),
- near-duplicates of organisations the demo data set registers (other spellings, acronyms,
  legal forms, another language), which the preview flags as matches with their reasons,
- rows that repeat an earlier row of the same file,
- invalid rows (no name, unknown category, country or outcome, a malformed e-mail address),
  which are reported with their row and column while the other rows are imported.

The rows are data/demo/import_sample.csv; the file is written as CSV (UTF-8 with a byte-order
mark, which spreadsheet programs open correctly), or XLSX when the path ends in .xlsx."""

import csv
from pathlib import Path

SAMPLE = Path(__file__).parent / "data" / "demo" / "import_sample.csv"


def sample_rows() -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the sample (data/demo/import_sample.csv)."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def export_sample(path: str | Path) -> int:
    """Write the sample to `path` (XLSX when it ends in .xlsx, else CSV); returns the number
    of rows written."""
    path = Path(path)
    header, rows = sample_rows()
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Partners")
        for row in [header, *rows]:
            sheet.append(row)
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])
    return len(rows)

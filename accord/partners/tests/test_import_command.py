"""`accord import_partners` and `accord load_demo --export-sample`: the summary a person reads,
exit codes, dry run, modes, rollback, and the demo spreadsheet imported end to end."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from accord.partners import services
from accord.partners.demo_export import sample_rows
from accord.partners.models import Contact, ImportBatch, Organisation
from accord.partners.tests.importing import csv_bytes

pytestmark = pytest.mark.django_db


def command(*args) -> str:
    out = StringIO()
    call_command("import_partners", *[str(a) for a in args], stdout=out)
    return out.getvalue()


@pytest.fixture
def partners_csv(tmp_path):
    services.organisation_create(
        actor=None,
        name="World Bank Group",
        category="development_bank",
        country="US",
        iati_identifier="44000",
    )
    path = tmp_path / "partners.csv"
    path.write_bytes(
        csv_bytes(
            [
                {
                    "Organisation name": "Kisumu Youth Network",
                    "Type": "civil_society",
                    "Country": "KE",
                    "Notes": "réunion de mai",
                },
                {
                    "Organisation name": "WBG",
                    "Type": "Development banks",
                    "Country": "USA",
                    "IATI identifier": "44000",
                },
                {"Organisation name": "", "Type": "think tank", "Country": "Atlantis"},
            ],
            encoding="cp1252",
            delimiter=";",
        )
    )
    return path


def test_summary_lists_counts_rejected_rows_with_columns_and_matches(partners_csv):
    out = command(partners_csv)
    batch = ImportBatch.objects.get()
    assert f"Import #{batch.pk}: partners.csv, 3 rows of organisations; on match: skip" in out
    assert "Read as CSV, cp1252, semicolon-separated. Ignored columns: Notes." in out
    assert "created: 1   updated: 0   matched: 1   skipped: 1   rejected: 1" in out
    assert "row 4: column “Organisation name” (Name): Enter the organisation's name." in out
    assert "row 4: column “Country”: Unknown country 'Atlantis'" in out
    assert "row 3: matches “World Bank Group”; same IATI identifier 44000 → Skipped" in out
    assert f"accord import_partners --rollback {batch.pk}" in out
    assert Organisation.objects.filter(name="Kisumu Youth Network").exists()


def test_dry_run_says_what_would_happen_and_writes_nothing(partners_csv):
    out = command(partners_csv, "--dry-run")
    assert out.startswith("Dry run (nothing written): partners.csv")
    assert "would create: 1   matched: 1   rejected: 1" in out
    assert "→ would be skipped" in out
    assert not ImportBatch.objects.exists()
    assert Organisation.objects.count() == 1


def test_on_match_update_and_no_matching(partners_csv):
    assert "updated: 1" in command(partners_csv, "--on-match", "update")
    out = command(partners_csv, "--no-matching")
    assert "no matching" in out and "created: 1" in out and "rejected: 2" in out
    assert "This IATI identifier is already used by World Bank Group." in out


def test_contacts_are_imported_with_kind_contacts(tmp_path):
    services.organisation_create(
        actor=None, name="Kisumu Youth Network", category="civil_society", ref="CRM-1"
    )
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_bytes([{"Name": "Amina Mwangi", "Org ref": "CRM-1"}]))
    out = command(path, "--kind", "contacts")
    assert "1 rows of contacts" in out and "created: 1" in out
    assert Contact.objects.get().last_name == "Mwangi"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.4", "This is a PDF document, not a CSV or XLSX file."),
        (b"Label\nAcme\n", "No column is mapped to Name, which is required."),
    ],
)
def test_a_file_that_cannot_be_read_or_mapped_stops_with_an_error(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        command(path)
    assert not Organisation.objects.exists()


def test_missing_file_and_missing_argument_are_errors(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        command(tmp_path / "nope.csv")
    with pytest.raises(CommandError, match="Give the file to import"):
        command()


def test_rollback_option_undoes_an_import(partners_csv):
    command(partners_csv)
    batch = ImportBatch.objects.get()
    out = command("--rollback", batch.pk)
    assert out.strip() == f"Import #{batch.pk} rolled back: 1 record(s) removed, 0 restored."
    assert not Organisation.objects.filter(name="Kisumu Youth Network").exists()
    with pytest.raises(CommandError, match="this one is rolled back"):
        command("--rollback", batch.pk)
    with pytest.raises(CommandError, match="There is no import #999"):
        command("--rollback", 999)


# --- the demo spreadsheet ---


def test_export_sample_writes_csv_and_xlsx(tmp_path):
    out = StringIO()
    call_command("load_demo", "--export-sample", str(tmp_path / "sample.csv"), stdout=out)
    assert "Wrote 49 rows" in out.getvalue()
    header, _ = sample_rows()
    text = (tmp_path / "sample.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(header)
    call_command("load_demo", "--export-sample", str(tmp_path / "sample.xlsx"), stdout=StringIO())
    sheet = load_workbook(tmp_path / "sample.xlsx", read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header and len(rows) == 50
    assert not Organisation.objects.exists()  # exporting loads nothing


def test_the_demo_sample_imports_with_matches_repeats_and_rejected_rows(tmp_path):
    call_command("load_demo", "--limit", "2", stdout=StringIO())
    path = tmp_path / "sample.xlsx"
    call_command("load_demo", "--export-sample", str(path), stdout=StringIO())
    before = Organisation.objects.count()
    out = command(path)
    batch = ImportBatch.objects.get()
    assert batch.counts["invalid"] == 5
    assert batch.counts["matched"] >= 8
    assert batch.counts["created"] + batch.counts["skipped"] + 5 == 49
    assert Organisation.objects.count() == before + batch.counts["created"]
    assert "matches “World Bank Group”" in out
    assert "“Banco Mundial” is another name of it" in out
    assert "same organisation as row 2 of this file" in out
    assert "Unknown outcome code(s): 9.9" in out

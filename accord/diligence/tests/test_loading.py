"""Loading the UN Security Council consolidated list: the real file, then versions that add,
change, delist and relist entries; bad files refused with nothing stored."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from accord.diligence.loading import load_list
from accord.diligence.models import Entry, EntryName, ListVersion, SanctionsList
from accord.diligence.signals import list_version_loaded

pytestmark = pytest.mark.django_db
REAL_FILE = Path(__file__).resolve().parents[1] / "data/un-sc-consolidated-list-2025-11-20.xml"


def listing(*records: str, generated="2026-01-01T00:00:00Z") -> bytes:
    people = "".join(r for r in records if r.startswith("<INDIVIDUAL>"))
    entities = "".join(r for r in records if r.startswith("<ENTITY>"))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="{generated}">'
        f"<INDIVIDUALS>{people}</INDIVIDUALS><ENTITIES>{entities}</ENTITIES></CONSOLIDATED_LIST>"
    ).encode()


def person(data_id="1", first="IVAN", second="PETROV", alias="", quality="Good", extra=""):
    aliases = (
        f"<INDIVIDUAL_ALIAS><QUALITY>{quality}</QUALITY><ALIAS_NAME>{alias}</ALIAS_NAME>"
        "</INDIVIDUAL_ALIAS>" if alias else ""
    )
    return (
        f"<INDIVIDUAL><DATAID>{data_id}</DATAID><FIRST_NAME>{first}</FIRST_NAME>"
        f"<SECOND_NAME>{second}</SECOND_NAME><REFERENCE_NUMBER>XXi.{data_id}</REFERENCE_NUMBER>"
        f"<NATIONALITY><VALUE>Russian Federation</VALUE></NATIONALITY>{aliases}{extra}</INDIVIDUAL>"
    )


def entity(data_id="9", name="ACME TRADING LLC"):
    return (
        f"<ENTITY><DATAID>{data_id}</DATAID><FIRST_NAME>{name}</FIRST_NAME>"
        f"<ENTITY_ADDRESS><CITY>Pyongyang</CITY><COUNTRY>DPRK</COUNTRY><NOTE>x</NOTE>"
        f"</ENTITY_ADDRESS></ENTITY>"
    )


@pytest.fixture
def un_list():
    return SanctionsList.objects.get(code="un_sc")


def load(un_list, data, name="consolidated.xml"):
    return load_list(actor=None, sanctions_list=un_list, file_name=name, data=data)


def test_the_real_list_loads_with_every_name_and_fact(un_list):
    version = load(un_list, REAL_FILE.read_bytes(), REAL_FILE.name)
    assert version.is_current and f"{version.generated_at:%Y-%m-%d}" == "2025-11-20"
    assert version.counts["entries"] == 1000 and version.counts["added"] == 1000
    assert Entry.objects.filter(kind="individual").count() == 727
    assert Entry.objects.filter(kind="entity").count() == 273
    saddam = Entry.objects.get(reference_number="IQi.001")
    assert saddam.original_script_name == "صدام حسين التكريتي"
    assert saddam.dates_of_birth == [{"type_of_date": "EXACT", "date": "1937-04-28"}]
    assert "IQ" in saddam.countries
    names = {(n.name, n.kind, n.quality) for n in saddam.names.all()}
    assert ("Abu Ali", "alias", "low") in names
    assert ("صدام حسين التكريتي", "original", "") in names
    # Every alias of the published name list is there (the derived CSV has one row per name).
    assert EntryName.objects.exclude(kind="original").count() >= 3700
    assert EntryName.objects.filter(quality="low").exists()


def test_a_new_version_adds_changes_delists_and_relists(un_list):
    first = load(un_list, listing(person("1"), person("2", "OLGA", "IVANOVA"), entity("9")))
    assert first.counts == {
        "entries": 3, "added": 3, "changed": 0, "relisted": 0, "delisted": 0, "listed": 3,
        "skipped": 0,
    }
    second = load(
        un_list,
        listing(person("1", alias="VANYA"), entity("9"), generated="2026-02-01T00:00:00Z"),
    )
    assert (second.counts["changed"], second.counts["delisted"]) == (1, 1)
    olga = Entry.objects.get(data_id="2")
    assert olga.delisted_in == second and not olga.is_listed  # kept, marked
    ivan = Entry.objects.get(data_id="1")
    assert set(ivan.names.values_list("name", flat=True)) == {"IVAN PETROV", "VANYA"}
    assert ivan.first_version == first and ivan.last_version == second
    third = load(un_list, listing(person("1", alias="VANYA"), person("2", "OLGA", "IVANOVA"),
                                  entity("9"), generated="2026-03-01T00:00:00Z"))
    assert third.counts["relisted"] == 1 and Entry.objects.get(data_id="2").is_listed
    assert list(ListVersion.objects.filter(is_current=True)) == [third]


def test_the_same_file_twice_or_an_older_one_is_refused(un_list):
    data = listing(person("1"), generated="2026-02-01T00:00:00Z")
    load(un_list, data)
    with pytest.raises(ValidationError, match="already loaded"):
        load(un_list, data)
    with pytest.raises(ValidationError, match="before the current version"):
        load(un_list, listing(person("2"), generated="2026-01-01T00:00:00Z"))
    assert Entry.objects.count() == 1 and ListVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not xml at all", "not a UN Security Council consolidated list"),
        (b"<html><body>hello</body></html>", "starts with <html>"),
        (listing(), "no individual or entity"),
        (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><CONSOLIDATED_LIST>'
         b"<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&e;</FIRST_NAME>"
         b"</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>", "no individual or entity"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(un_list, data, message):
    with pytest.raises(ValidationError, match=message):
        load(un_list, data)
    assert not ListVersion.objects.exists() and not Entry.objects.exists()


def test_a_record_without_id_is_skipped_and_counted(un_list):
    version = load(un_list, listing(person("1"), person("", "NO", "ID")))
    assert version.counts["entries"] == 1 and version.counts["skipped"] == 1


def test_rescreening_is_announced_after_commit(un_list, django_capture_on_commit_callbacks):
    seen = []

    def receiver(sender, version, **kwargs):
        seen.append(version)

    list_version_loaded.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            version = load(un_list, listing(person("1")))
    finally:
        list_version_loaded.disconnect(receiver)
    assert seen == [version]


def test_the_command_reports_and_explains(tmp_path, capsys):
    path = tmp_path / "list.xml"
    path.write_bytes(listing(person("1"), entity("9")))
    call_command("load_sanctions", str(path))
    assert "2 entries (2 added" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already loaded"):
        call_command("load_sanctions", str(path))
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_sanctions", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError, match="Known lists: un_sc"):
        call_command("load_sanctions", str(path), "--list", "eu")

"""Importing organisations: one batch, valid rows written completely, invalid rows reported with
row and column, nothing half-written; dry run and preview write nothing to the registry."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accord.accounts.models import Role
from accord.core.errors import PermissionDeniedError
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.importing import bulk, plan, service
from accord.partners.models import (
    ColumnMapping,
    ImportBatch,
    ImportRow,
    Organisation,
    OrganisationName,
    SearchToken,
)
from accord.partners.search import tokens_for
from accord.partners.tests.importing import csv_bytes, run, upload

pytestmark = pytest.mark.django_db
Outcome = ImportRow.Outcome

FULL = {
    "name": "Fundação Habitação Digna",
    "category": "foundation",
    "acronym": "FHD",
    "aliases": "Decent Housing Foundation; FHD Brasil",
    "country": "BRA",
    "city": "Recife",
    "website": "www.fhd.org.example",
    "email": "info@fhd.example",
    "phone": "+55 81 0000",
    "description": "Line one\nLine two",
    "subtype": "Family foundation",
    "iati_identifier": "XX-DEMO-77",
    "registration_number": "CNPJ 12.345",
    "outcomes": "2.1;1.2",
    "ref": "CRM-1",
}


def test_import_creates_complete_organisations_in_one_history_batch():
    batch, rows = run(
        csv_bytes(
            [FULL, {"name": "Kisumu Youth Network", "category": "civil_society", "country": "KE"}]
        )
    )
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.counts == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "skipped": 0,
        "invalid": 0,
        "matched": 0,
    }
    org = Organisation.objects.select_related("category", "country", "region").get(ref="CRM-1")
    assert (org.name, org.category.code, org.country.code, org.region.code) == (
        "Fundação Habitação Digna",
        "foundation",
        "BR",
        "LAC",
    )
    assert org.website == "https://www.fhd.org.example"
    assert org.description == "Line one\nLine two"
    assert sorted(org.outcomes.values_list("code", flat=True)) == ["1.2", "2.1"]
    assert list(org.names.order_by("id").values_list("name", flat=True)) == [
        "Decent Housing Foundation",
        "FHD Brasil",
    ]
    tokens = set(SearchToken.objects.filter(organisation=org).values_list("token", flat=True))
    assert tokens == tokens_for(org.name, org.acronym, "Decent Housing Foundation", "FHD Brasil")
    entry = HistoryEntry.objects.get(model="partners.organisation", object_id=org.pk)
    assert (entry.action, entry.batch) == ("create", batch.history_batch)
    assert rows[2].outcome == Outcome.CREATED and rows[2].organisation_id == org.pk
    assert rows[2].data["name"] == FULL["name"]


def _stored(org: Organisation) -> dict:
    entry = HistoryEntry.objects.get(model="partners.organisation", object_id=org.pk)
    fields = {
        f.attname: getattr(org, f.attname)
        for f in Organisation._meta.concrete_fields
        if f.attname not in {"id", "created_at", "updated_at"}
    }
    return {
        **fields,
        "names": list(org.names.order_by("id").values_list("name", "kind", "language")),
        "tokens": sorted(
            SearchToken.objects.filter(organisation=org).values_list("token", flat=True)
        ),
        "outcomes": sorted(org.outcomes.values_list("code", flat=True)),
        "history": (entry.action, entry.object_repr, entry.changes, entry.batch, entry.actor_id),
    }


def test_bulk_path_stores_exactly_what_organisation_create_stores(officer, monkeypatch):
    rows = [
        FULL,
        {
            "name": "Город Алматы",
            "category": "Local authorities",
            "country": "KZ",
            "aliases": "Алматы; Almaty City",
            "acronym": "",
            "outcomes": "3.1",
        },
        {
            "name": "北京城市规划学会",
            "category": "knowledge",
            "aliases": "Beijing Planning Society",
        },
        {"name": "Acme (Pty) Ltd", "category": "private_sector", "country": "ZA"},
    ]
    fast, _ = run(csv_bytes(rows), actor=officer)
    by_ref = {o.name: _stored(o) for o in Organisation.objects.all()}
    HistoryEntry.objects.all().delete()
    Organisation.objects.all().delete()
    monkeypatch.setattr(bulk, "SUPPORTED", ())  # every row through organisation_create
    slow, _ = run(csv_bytes(rows), actor=officer)
    assert slow.counts == fast.counts
    for org in Organisation.objects.all():
        expected = by_ref[org.name]
        got = _stored(org)
        expected["history"] = (*expected["history"][:3], slow.history_batch, officer.pk)
        assert got == expected


def test_invalid_rows_are_reported_with_row_and_column_and_valid_rows_are_kept():
    data = csv_bytes(
        [
            {"Organisation name": "Good One", "Type": "civil_society", "País": "KE"},
            {"Organisation name": "", "Type": "think tank", "País": "Atlantis"},
            {"Organisation name": "Good Two", "Type": "foundation", "País": ""},
        ]
    )
    batch, rows = run(data)
    assert batch.counts["created"] == 2 and batch.counts["invalid"] == 1
    assert rows[3].outcome == Outcome.INVALID and rows[3].organisation_id is None
    assert {(e["column"], e["header"]) for e in rows[3].errors} == {
        ("name", "Organisation name"),
        ("category", "Type"),
        ("country", "País"),
    }
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Good One", "Good Two"]


def test_dry_run_writes_nothing_at_all(django_assert_max_num_queries):
    before = {m: m.objects.count() for m in (Organisation, HistoryEntry, ImportBatch, ImportRow)}
    with django_assert_max_num_queries(20):
        batch, rows = service.import_dry_run(
            actor=None, file_name="p.csv", data=csv_bytes([FULL, {"name": "", "category": "x"}])
        )
    assert batch.pk is None
    assert batch.counts == {"rows": 2, "new": 1, "match": 0, "invalid": 1, "in_file": 0}
    assert [r.outcome for r in rows] == [Outcome.NEW, Outcome.INVALID]
    assert {m: m.objects.count() for m in before} == before


def test_preview_records_each_row_and_writes_nothing_to_the_registry():
    batch = upload(csv_bytes([FULL, {"name": "x", "category": "?"}]))
    service.import_preview(actor=None, batch=batch)
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert list(batch.rows.values_list("number", "outcome")) == [(2, "new"), (3, "invalid")]
    assert not Organisation.objects.exists()
    assert not HistoryEntry.objects.filter(batch=batch.history_batch).exists()


def test_an_import_runs_once():
    batch, _ = run(csv_bytes([FULL]))
    with pytest.raises(ValidationError, match="already imported"):
        service.import_run(actor=None, batch=batch)
    assert Organisation.objects.count() == 1


def test_without_matching_every_valid_row_is_new_but_iati_identifiers_stay_unique():
    services.organisation_create(
        actor=None, name="Registered", category="foundation", iati_identifier="XX-1"
    )
    rows_in = [
        {"name": "Registered", "category": "foundation"},
        {"name": "Other", "category": "foundation", "iati_identifier": "XX-1"},
        {"name": "Third", "category": "foundation", "iati_identifier": "XX-2"},
        {"name": "Fourth", "category": "foundation", "iati_identifier": "XX-2"},
    ]
    batch, rows = run(csv_bytes(rows_in), match_duplicates=False)
    assert [rows[n].outcome for n in (2, 3, 4, 5)] == ["created", "invalid", "created", "invalid"]
    assert rows[3].errors[0]["message"] == "This IATI identifier is already used by Registered."
    assert rows[5].errors[0]["message"] == "Row 4 has the same IATI identifier."


def test_a_chunk_the_database_refuses_is_retried_row_by_row(monkeypatch):
    """An IATI identifier taken after validation: the chunk rolls back whole, its rows go
    through organisation_create, only the row in conflict is lost."""
    monkeypatch.setattr(plan, "_check_iati", lambda plans, actor: None)
    services.organisation_create(
        actor=None, name="Taken", category="foundation", iati_identifier="XX-9"
    )
    rows_in = [{"name": f"Org {i}", "category": "foundation"} for i in range(5)]
    rows_in[2]["iati_identifier"] = "XX-9"
    batch, rows = run(csv_bytes(rows_in), match_duplicates=False)
    assert batch.counts["created"] == 4 and batch.counts["invalid"] == 1
    assert rows[4].errors == [
        {
            "column": "iati_identifier",
            "header": "iati_identifier",
            "message": "This IATI identifier is already used by Taken.",
        }
    ]
    created = Organisation.objects.exclude(name="Taken")
    assert created.count() == 4
    assert SearchToken.objects.filter(organisation__in=created).count() == 8
    assert HistoryEntry.objects.filter(batch=batch.history_batch).count() == 4


def test_a_failing_bulk_insert_never_leaves_partial_rows(monkeypatch):
    write = bulk.Statements.write

    def half_then_fail(self, prepared):
        # the organisations and their other names, then a failure
        write(self, [*prepared[:2], [], [], []])
        raise IntegrityError("boom")

    monkeypatch.setattr(bulk.Statements, "write", half_then_fail)
    batch, _ = run(csv_bytes([FULL]), match_duplicates=False)
    assert batch.counts["created"] == 1
    org = Organisation.objects.get()  # created again, completely, by organisation_create
    assert org.names.count() == 2 and OrganisationName.objects.count() == 2
    assert SearchToken.objects.filter(organisation=org).exists()
    assert HistoryEntry.objects.filter(object_id=org.pk, batch=batch.history_batch).count() == 1


def test_people_who_may_not_register_partners_cannot_import(make_user):
    reviewer = make_user(Role.REVIEWER)
    with pytest.raises(PermissionDeniedError):
        upload(csv_bytes([FULL]), actor=reviewer)


def test_a_regional_focal_point_imports_only_in_their_regions(make_user, region):
    focal = make_user(Role.REGIONAL, regions=[region])
    batch, rows = run(
        csv_bytes(
            [
                {"name": "Nairobi Org", "category": "civil_society", "country": "KE"},
                {"name": "Paris Org", "category": "civil_society", "country": "FR"},
            ]
        ),
        actor=focal,
    )
    assert [rows[2].outcome, rows[3].outcome] == ["created", "invalid"]
    assert "country of your region" in rows[3].errors[0]["message"]
    other = make_user(Role.REGIONAL, regions=[region])
    with pytest.raises(PermissionDeniedError):
        service.import_rollback(actor=other, batch=batch)


def test_mapping_is_checked_and_can_be_saved_by_name():
    batch = upload(csv_bytes([{"Org": "Acme", "Kind": "foundation"}]))
    assert batch.mapping == {"Org": "name", "Kind": "category"}
    with pytest.raises(ValidationError) as caught:
        service.import_set_mapping(actor=None, batch=batch, mapping={"Org": "name"})
    assert "No column is mapped to Category" in str(caught.value)
    service.import_set_mapping(
        actor=None,
        batch=batch,
        mapping={"Org": "name", "Kind": "category"},
        save_as="  Regional  office ",
    )
    service.import_set_mapping(
        actor=None,
        batch=batch,
        mapping={"Org": "name", "Kind": "category"},
        save_as="Regional office",
        on_match="create",
    )
    saved = ColumnMapping.objects.get()
    assert (saved.name, saved.mapping) == ("Regional office", {"Org": "name", "Kind": "category"})
    assert batch.on_match == "create"


def test_a_file_missing_a_required_column_names_the_columns_it_has():
    batch = upload(csv_bytes([{"Label": "Acme"}]))
    with pytest.raises(ValidationError, match="The file's columns are: “Label”"):
        service.import_run(actor=None, batch=batch)

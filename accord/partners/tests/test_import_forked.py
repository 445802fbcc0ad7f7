"""A large import shares its Python work with forked processes (accord/core/forking.py): the
matching of the rows and the preparing of the rows to store. Made to happen here on a few rows;
what is stored and matched must be exactly what one process stores and matches."""

import pytest

from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.importing import writing
from accord.partners.matching import batch as bulk_matching
from accord.partners.matching.scoring import OrgRecord
from accord.partners.models import Organisation
from accord.partners.tests.importing import csv_bytes, run
from accord.partners.tests.test_import_service import _stored

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "name": "Société Générale des Eaux",
        "category": "private_sector",
        "country": "FR",
        "aliases": "SGE; Eaux de France",
        "outcomes": "1.2; 3.1",
    },
    {
        "name": "Город Алматы",
        "category": "Local authorities",
        "country": "KZ",
        "aliases": "Алматы; Almaty City",
    },
    {"name": "北京城市规划学会", "category": "knowledge", "aliases": "Beijing Planning Society"},
    {"name": "Acme (Pty) Ltd", "category": "private_sector", "country": "ZA"},
    {
        "name": "Slum Dwellers Kenya",
        "category": "civil_society",
        "country": "KE",
        "acronym": "SDK",
        "website": "sdk.example",
    },
]


def test_rows_prepared_in_a_child_are_stored_as_one_process_stores_them(
    officer, settings, monkeypatch
):
    monkeypatch.setattr(writing, "CHUNK", 2)  # three chunks: a child prepares them
    settings.ACCORD_WORK_PROCESSES = 2
    forked, _ = run(csv_bytes(ROWS), actor=officer, match_duplicates=False)
    by_name = {o.name: _stored(o) for o in Organisation.objects.all()}
    HistoryEntry.objects.all().delete()
    Organisation.objects.all().delete()
    settings.ACCORD_WORK_PROCESSES = 1
    alone, _ = run(csv_bytes(ROWS), actor=officer, match_duplicates=False)
    assert forked.counts == alone.counts == {**alone.counts, "created": len(ROWS)}
    for org in Organisation.objects.all():
        expected = by_name[org.name]
        expected["history"] = (*expected["history"][:3], alone.history_batch, officer.pk)
        assert _stored(org) == expected


def test_rows_matched_in_children_match_as_in_one_process(settings, monkeypatch):
    for row in ROWS:
        services.organisation_create(
            actor=None,
            name=row["name"],
            category=row["category"],
            country=row.get("country") or None,
            acronym=row.get("acronym", ""),
        )
    records = [
        OrgRecord(id=0, name=name, country=country)
        for name, country in [
            ("SOCIETE GENERALE DES EAUX", "FR"),
            ("The Acme Ltd", "ZA"),
            ("Nothing Like Anything", "PE"),
            ("Slum Dwellers of Kenya", "KE"),
            ("Город Алматы", "KZ"),
        ]
    ]
    monkeypatch.setattr(bulk_matching, "FORK_MIN_ROWS", 2)
    settings.ACCORD_WORK_PROCESSES = 1
    alone = bulk_matching.best_matches(records)
    settings.ACCORD_WORK_PROCESSES = 3
    ticks = []
    forked = bulk_matching.best_matches(records, on_each=lambda: ticks.append(1))
    assert forked == alone
    assert len(ticks) == len(records)
    assert sum(1 for m in alone if m is not None) >= 3  # the test matches something

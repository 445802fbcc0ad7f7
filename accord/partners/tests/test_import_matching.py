"""Rows that match registered organisations (or earlier rows of the same file), and what
--on-match skip|update|create does with them."""

import pytest

from accord.accounts.models import Role
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.importing import service
from accord.partners.matching import batch as bulk_matching
from accord.partners.models import ImportRow, Organisation
from accord.partners.tests.importing import csv_bytes, run, upload

pytestmark = pytest.mark.django_db
Outcome = ImportRow.Outcome


@pytest.fixture
def registered():
    return services.organisation_create(
        actor=None,
        name="Habitat Partners Network",
        category="civil_society",
        country="KE",
        acronym="HPN",
        iati_identifier="XX-HPN",
        registration_number="REG-7",
        ref="CRM-7",
        aliases=["HPN Kenya"],
        outcomes=["1.1"],
        website="https://hpn.example",
    )


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"name": "Something Else", "iati_identifier": "XX-HPN"}, "same IATI identifier XX-HPN"),
        (
            {"name": "Other", "registration_number": "REG-7", "country": "PE"},
            "same registration number REG-7",
        ),
        (
            {"name": "Habitat Partners Netwrk", "ref": "CRM-7"},
            "same source reference CRM-7 and a similar name",
        ),
        ({"name": "habitat partners network", "country": "Kenya"}, "same name in the same country"),
        ({"name": "HPN Kenya"}, "“HPN Kenya” is another name of it"),
    ],
)
def test_exact_matches_are_found_with_their_reason(registered, row, reason):
    batch = upload(csv_bytes([{"category": "civil_society", **row}]))
    service.import_preview(actor=None, batch=batch)
    found = batch.rows.get()
    assert found.outcome == Outcome.MATCH
    assert found.organisation_id == registered.pk
    assert found.reasons == ["matches “Habitat Partners Network”", reason]


def test_a_source_reference_alone_does_not_match_an_unrelated_name(registered):
    batch = upload(
        csv_bytes(
            [
                {"name": "Completely Different", "category": "foundation", "ref": "CRM-7"},
            ]
        )
    )
    service.import_preview(actor=None, batch=batch)
    assert list(batch.rows.values_list("outcome", flat=True)) == ["new"]


def test_near_duplicates_are_flagged_by_the_duplicate_detector(registered):
    batch = upload(
        csv_bytes(
            [
                {
                    "name": "The Habitat Partners Network Ltd",
                    "category": "civil_society",
                    "country": "KE",
                    "website": "https://www.hpn.example/about",
                }
            ]
        )
    )
    service.import_preview(actor=None, batch=batch)
    row = batch.rows.get()
    assert row.outcome == Outcome.MATCH and row.organisation_id == registered.pk
    assert row.reasons[0] == "matches “Habitat Partners Network”" and len(row.reasons) > 1


def test_large_files_are_matched_at_once_with_the_same_results(registered, monkeypatch):
    rows = [
        {
            "name": "The Habitat Partners Network Ltd",
            "category": "civil_society",
            "country": "KE",
            "website": "https://hpn.example",
        },
        {"name": "Unrelated Riverside Cooperative", "category": "civil_society"},
    ]
    one_by_one = upload(csv_bytes(rows))
    service.import_preview(actor=None, batch=one_by_one)
    monkeypatch.setattr(bulk_matching, "MIN_ROWS", 1)
    at_once = upload(csv_bytes(rows))
    assert bulk_matching.worth_it(2)
    service.import_preview(actor=None, batch=at_once)
    assert (
        list(at_once.rows.values_list("outcome", "organisation_id"))
        == list(one_by_one.rows.values_list("outcome", "organisation_id"))
        == [("match", registered.pk), ("new", None)]
    )


def test_on_match_skip_keeps_the_registered_organisation_as_it_is(registered):
    batch, rows = run(
        csv_bytes(
            [
                {
                    "name": "New name",
                    "category": "foundation",
                    "iati_identifier": "XX-HPN",
                    "city": "Kisumu",
                }
            ]
        )
    )
    assert rows[2].outcome == Outcome.SKIPPED and batch.counts["matched"] == 1
    registered.refresh_from_db()
    assert (registered.name, registered.city, registered.version) == (
        "Habitat Partners Network",
        "",
        1,
    )


def test_on_match_update_fills_values_keeps_the_name_and_adds_names_and_outcomes(registered):
    batch, rows = run(
        csv_bytes(
            [
                {
                    "name": "Habitat Partners Network Kenya",
                    "category": "civil_society",
                    "iati_identifier": "XX-HPN",
                    "city": "Kisumu",
                    "outcomes": "2.1",
                    "aliases": "HPN-K",
                    "email": "",
                }
            ]
        ),
        on_match="update",
    )
    assert rows[2].outcome == Outcome.UPDATED
    registered.refresh_from_db()
    assert registered.name == "Habitat Partners Network"
    assert registered.city == "Kisumu" and registered.website == "https://hpn.example"
    assert list(registered.names.order_by("id").values_list("name", flat=True)) == [
        "HPN Kenya",
        "Habitat Partners Network Kenya",
        "HPN-K",
    ]
    assert sorted(registered.outcomes.values_list("code", flat=True)) == ["1.1", "2.1"]
    entry = HistoryEntry.objects.get(object_id=registered.pk, action="update")
    assert entry.batch == batch.history_batch and "city" in entry.changes


def test_on_match_update_with_nothing_new_is_a_skip(registered):
    _, rows = run(
        csv_bytes(
            [{"name": "Habitat Partners Network", "category": "civil_society", "country": "KE"}]
        ),
        on_match="update",
    )
    assert rows[2].outcome == Outcome.SKIPPED
    assert "nothing to update" in rows[2].reasons[-1]


def test_on_match_update_skips_what_the_user_may_not_edit(registered, make_user, other_region):
    focal = make_user(Role.REGIONAL, regions=[other_region])
    _, rows = run(
        csv_bytes(
            [
                {
                    "name": "Red Hábitat",
                    "category": "civil_society",
                    "country": "PE",
                    "iati_identifier": "XX-HPN",
                }
            ]
        ),
        actor=focal,
        on_match="update",
    )
    assert rows[2].outcome == Outcome.SKIPPED
    assert rows[2].reasons == [
        "matches an organisation registered outside your scope",
        "same IATI identifier XX-HPN",
        "not updated: you may not edit that organisation",
    ]


def test_on_match_create_creates_anyway_unless_the_iati_identifier_is_taken(registered):
    _, rows = run(
        csv_bytes(
            [
                {"name": "Habitat Partners Network", "category": "civil_society", "country": "KE"},
                {"name": "Clone", "category": "civil_society", "iati_identifier": "XX-HPN"},
            ]
        ),
        on_match="create",
    )
    assert [rows[2].outcome, rows[3].outcome] == ["created", "invalid"]
    assert rows[2].reasons[0] == "matches “Habitat Partners Network”"
    assert Organisation.objects.filter(name="Habitat Partners Network").count() == 2


def test_rows_repeating_an_earlier_row_of_the_file_are_reported():
    batch, rows = run(
        csv_bytes(
            [
                {"name": "Lake Basin Forum", "category": "civil_society", "country": "KE"},
                {"name": "LAKE  BASIN FORUM", "category": "civil_society", "country": "KEN"},
                {"name": "Lake Basin Forum", "category": "civil_society", "country": "UG"},
                {"name": "Forum A", "category": "civil_society", "iati_identifier": "XX-LBF"},
                {"name": "Forum B", "category": "civil_society", "iati_identifier": "XX-LBF"},
            ]
        )
    )
    assert [rows[n].outcome for n in range(2, 7)] == [
        "created",
        "skipped",
        "created",
        "created",
        "skipped",
    ]
    assert rows[3].reasons == ["same organisation as row 2 of this file: same name and country"]
    assert rows[6].reasons == ["same organisation as row 5 of this file: same IATI identifier"]
    assert batch.counts["matched"] == 2


def test_a_repeated_row_in_update_mode_updates_what_the_earlier_row_created():
    _, rows = run(
        csv_bytes(
            [
                {"name": "Lake Basin Forum", "category": "civil_society", "country": "KE"},
                {
                    "name": "Lake Basin Forum",
                    "category": "civil_society",
                    "country": "KE",
                    "city": "Kisumu",
                },
            ]
        ),
        on_match="update",
    )
    assert [rows[2].outcome, rows[3].outcome] == ["created", "updated"]
    assert rows[3].organisation_id == rows[2].organisation_id
    assert Organisation.objects.get().city == "Kisumu"


def test_a_row_repeating_a_row_that_matches_a_registered_organisation_matches_it_too(registered):
    _, rows = run(
        csv_bytes(
            [
                {"name": "X1", "category": "civil_society", "iati_identifier": "XX-HPN"},
                {"name": "X1", "category": "civil_society"},
            ]
        )
    )
    assert rows[3].organisation_id == registered.pk
    assert rows[3].outcome == Outcome.SKIPPED

"""The full scan, the stored candidates, decisions, and `accord find_duplicates`."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accord.core.models import HistoryEntry
from accord.partners import duplicates
from accord.partners.models import DuplicateCandidate, Organisation
from accord.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
Status = DuplicateCandidate.Status


@pytest.fixture
def pair():
    first = OrganisationFactory(name="Kibera Slum Dwellers Federation", ref="S-1")
    second = OrganisationFactory(name="KIBERA SLUM-DWELLERS FEDERATION LTD", ref="S-2")
    OrganisationFactory(name="Mathare Youth Group")
    return first, second


def test_scan_stores_each_pair_once_lower_id_first(pair):
    result = duplicates.duplicate_scan()
    assert (result.found, result.created) == (1, 1)
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.first_id, candidate.second_id) == (pair[0].pk, pair[1].pk)
    assert candidate.status == Status.OPEN and candidate.score == 1.0
    assert candidate.reasons == [
        "same name once normalised (“kibera slum dwellers federation”)",
        "same country (KE)",
    ]
    again = duplicates.duplicate_scan()
    assert (again.created, again.updated, DuplicateCandidate.objects.count()) == (0, 0, 1)


def test_a_pair_decided_not_a_duplicate_is_never_reopened(pair, officer):
    duplicates.duplicate_scan()
    candidate = DuplicateCandidate.objects.get()
    duplicates.duplicate_mark_not_duplicate(actor=officer, candidate=candidate, note="Two")
    result = duplicates.duplicate_scan()
    candidate.refresh_from_db()
    assert result.decided == 1 and result.created == 0
    assert candidate.status == Status.NOT_DUPLICATE and candidate.decided_by == officer
    assert candidate.note == "Two"
    assert not duplicates.duplicate_candidate_list(user=officer).exists()


def test_deciding_records_history_on_both_organisations_and_twice_is_refused(pair, officer):
    duplicates.duplicate_scan()
    candidate = DuplicateCandidate.objects.get()
    duplicates.duplicate_mark_not_duplicate(actor=officer, candidate=candidate)
    entries = HistoryEntry.objects.filter(action="not_duplicate")
    assert sorted(entries.values_list("object_id", flat=True)) == [pair[0].pk, pair[1].pk]
    with pytest.raises(Exception, match="already been decided"):
        duplicates.duplicate_mark_not_duplicate(actor=officer, candidate=candidate)


def test_open_pairs_no_longer_found_are_removed(pair):
    duplicates.duplicate_scan()
    Organisation.objects.filter(pk=pair[1].pk).update(archived_at=timezone.now())
    result = duplicates.duplicate_scan()
    assert result.removed == 1 and not DuplicateCandidate.objects.exists()


def _run(*args) -> str:
    out = io.StringIO()
    call_command("find_duplicates", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_command_lists_pairs_as_json_with_names_refs_score_and_reasons(pair):
    rows = json.loads(_run("--format", "json"))
    assert rows == [
        {
            "score": 1.0,
            "first_id": pair[0].pk,
            "first_ref": "S-1",
            "first_name": "Kibera Slum Dwellers Federation",
            "second_id": pair[1].pk,
            "second_ref": "S-2",
            "second_name": "KIBERA SLUM-DWELLERS FEDERATION LTD",
            "reasons": [
                "same name once normalised (“kibera slum dwellers federation”)",
                "same country (KE)",
            ],
        }
    ]
    assert DuplicateCandidate.objects.count() == 1


def test_command_csv_and_text_and_dry_run(pair):
    rows = list(csv.DictReader(io.StringIO(_run("--format", "csv", "--dry-run"))))
    assert [(r["first_ref"], r["second_ref"], r["score"]) for r in rows] == [("S-1", "S-2", "1.0")]
    assert not DuplicateCandidate.objects.exists()
    text = _run("--threshold", "0.5")
    assert "Kibera Slum Dwellers Federation [S-1]" in text and "1 candidate pairs." in text


def test_command_refuses_a_threshold_outside_0_to_1():
    with pytest.raises(CommandError, match="between 0 and 1"):
        _run("--threshold", "7")


def test_scan_reads_the_registry_in_a_fixed_number_of_queries(pair, django_assert_max_num_queries):
    for i in range(20):
        OrganisationFactory(name=f"Partner Number {i}", aliases=[f"Alias {i}"])
    with django_assert_max_num_queries(8):
        duplicates.duplicate_scan()

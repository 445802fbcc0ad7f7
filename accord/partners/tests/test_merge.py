"""Merging two records of one partner (accord/partners/merge.py): what moves, what is kept,
how it is logged, and that an undo restores everything exactly."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.accounts.models import Role, User
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.models import HistoryEntry
from accord.partners import relations, services
from accord.partners.merge import merge_preview, merge_undo, organisation_merge
from accord.partners.models import (
    Contact,
    DuplicateCandidate,
    ImportRow,
    Organisation,
    OrganisationName,
    Relationship,
    SearchToken,
)
from accord.partners.search import tokens_for
from accord.partners.tests.merge_helpers import make_pair, world

pytestmark = pytest.mark.django_db

# The same whatever the number of rows: a fixed part plus a few per relation to Organisation
# (the number of relations grows as apps add foreign keys to partners).
def _merge_query_bound() -> int:
    return 20 + 3 * len(relations.discover())


def _undo_query_bound() -> int:
    return 15 + 2 * len(relations.discover())


@pytest.fixture
def pair(make_user):
    return make_pair(make_user)


def merge(pair, actor=None, **kwargs):
    return organisation_merge(actor=actor, survivor=pair.survivor, merged=pair.merged, **kwargs)


def test_merge_moves_contacts_to_surviving_organisation(pair):
    merge(pair)
    names = set(
        Contact.objects.filter(organisation=pair.survivor).values_list("first_name", flat=True)
    )
    assert names == {"Ada", "Bea", "Cy"}
    assert not Contact.objects.filter(organisation=pair.merged).exists()


def test_the_survivor_keeps_its_primary_contact(pair):
    merge(pair)
    primaries = Contact.objects.filter(organisation=pair.survivor, is_primary=True)
    assert list(primaries.values_list("first_name", flat=True)) == ["Ada"]


def test_merge_moves_relationships_both_ways_and_drops_duplicates_and_self_links(pair):
    merge(pair)
    links = {
        (r.source_id, r.target_id, r.kind)
        for r in Relationship.objects.filter(source__in=[pair.survivor, pair.merged])
        | Relationship.objects.filter(target__in=[pair.survivor, pair.merged])
    }
    assert links == {
        (pair.third.pk, pair.survivor.pk, "member_of"),
        (pair.survivor.pk, pair.fourth.pk, "funds"),
    }


def test_merge_moves_portal_users_import_rows_and_outcomes(pair):
    merge(pair)
    assert User.objects.get(role=Role.PARTNER).organisation_id == pair.survivor.pk
    assert ImportRow.objects.get().organisation_id == pair.survivor.pk
    assert sorted(pair.survivor.outcomes.values_list("code", flat=True)) == ["1.1", "2.1"]
    assert pair.survivor.resources_offered == ["financing", "expertise"]


def test_merged_names_become_aliases_of_the_survivor_and_search_finds_them(pair):
    merge(pair)
    names = dict(
        OrganisationName.objects.filter(organisation=pair.survivor).values_list("name", "kind")
    )
    assert names == {
        "IBRD": "alias",
        "Banco Mundial": "alias",
        "The World Bank Group": "alias",
        "WBG": "alias",
    }
    tokens = set(
        SearchToken.objects.filter(organisation=pair.survivor).values_list("token", flat=True)
    )
    assert tokens == tokens_for("World Bank", "WB", *names)


def test_field_choices_apply_and_the_replaced_name_becomes_a_former_name(pair):
    merge(pair, field_choices={"name": "merged", "city": "merged", "phone": "survivor"})
    org = pair.survivor
    assert (org.name, org.city, org.phone) == (
        "The World Bank Group",
        "Washington",
        "+1 202 473 1000",
    )
    assert org.email == "info@worldbank.org"  # empty on the survivor: filled by default
    former = OrganisationName.objects.get(organisation=org, name="World Bank")
    assert former.kind == "former"


def test_merged_organisation_is_archived_and_points_at_the_survivor(pair):
    record = merge(pair)
    assert pair.merged.is_archived and pair.merged.merged_into_id == pair.survivor.pk
    assert record.before["merged"]["fields"]["iati_identifier"] == "XM-DAC-44000"
    assert record.field_choices["name"] == "survivor"


def test_identifiers_stay_unique_by_swapping_when_the_survivor_takes_the_merged_ones(pair):
    merge(pair, field_choices={"identifiers": "merged"})
    assert pair.survivor.iati_identifier == "XM-DAC-44000"
    assert pair.survivor.registration_number == "REG-1"
    assert pair.merged.iati_identifier == "44000"  # still in the registry, leads to the survivor


def test_merge_is_in_both_organisations_history(pair, officer):
    merge(pair, officer, field_choices={"identifiers": "merged"})
    survivor = HistoryEntry.objects.get(object_id=pair.survivor.pk, action="merge")
    assert survivor.actor == officer
    assert survivor.changes["identifiers"] == [
        "IATI 44000",
        "IATI XM-DAC-44000 · registration REG-1",
    ]
    assert "The World Bank Group" in survivor.changes["merged_organisation"][1]
    assert "contacts: 2 moved" in survivor.changes["moved_records"][1]
    assert "relationships to it: 1 dropped as duplicates" in survivor.changes["moved_records"][1]
    merged = HistoryEntry.objects.get(
        object_id=pair.merged.pk, action="merge", model="partners.organisation"
    )
    assert merged.changes["merged_into"] == [None, "World Bank (WB)"]
    moved = HistoryEntry.objects.filter(model="partners.contact", action="merge")
    assert moved.count() == 2


def test_the_pair_is_marked_merged_and_other_candidates_follow_the_survivor(pair, officer):
    merge(pair, officer)
    candidates = {(c.first_id, c.second_id): c.status for c in DuplicateCandidate.objects.all()}
    low, high = sorted((pair.survivor.pk, pair.merged.pk))
    assert candidates[(low, high)] == "merged"
    assert candidates[tuple(sorted((pair.survivor.pk, pair.third.pk)))] == "not_duplicate"
    assert len(candidates) == 3  # the merged one's pair with the fourth duplicated the survivor's


def test_undo_restores_everything_exactly(pair, officer):
    orgs = (pair.survivor, pair.merged, pair.third, pair.fourth)
    before = world(*orgs)
    record = merge(pair, officer, field_choices={"name": "merged", "identifiers": "merged"})
    assert world(*orgs) != before
    merge_undo(actor=officer, merge=record)
    assert world(*orgs) == before
    assert record.undone_at is not None and record.undone_by == officer
    assert HistoryEntry.objects.filter(object_id=pair.merged.pk, action="restore").exists()


def test_undo_twice_is_refused(pair):
    record = merge(pair)
    merge_undo(actor=None, merge=record)
    with pytest.raises(ValidationError, match="already undone"):
        merge_undo(actor=None, merge=record)


def test_undo_is_refused_when_the_survivor_was_merged_again(pair):
    record = merge(pair)
    organisation_merge(actor=None, survivor=pair.third, merged=pair.survivor)
    with pytest.raises(ValidationError, match="undo that merge first"):
        merge_undo(actor=None, merge=record)


def test_undo_is_refused_when_a_merged_value_was_edited_since(pair):
    record = merge(pair, field_choices={"city": "merged"})
    services.organisation_update(actor=None, organisation=pair.survivor, city="Paris")
    with pytest.raises(ValidationError, match="city of World Bank"):
        merge_undo(actor=None, merge=record)


def test_edits_to_fields_the_merge_did_not_set_survive_the_undo(pair):
    record = merge(pair)
    services.organisation_update(actor=None, organisation=pair.survivor, phone="+1 555")
    merge_undo(actor=None, merge=record)
    pair.survivor.refresh_from_db()
    assert pair.survivor.phone == "+1 555"


def test_undo_keeps_a_moved_contact_archived_since_and_moves_it_back(pair):
    record = merge(pair)
    bea = Contact.objects.get(first_name="Bea")
    services.contact_archive(actor=None, contact=bea)
    merge_undo(actor=None, merge=record)
    bea.refresh_from_db()
    assert bea.organisation_id == pair.merged.pk and bea.archived_at is not None


def test_undo_is_refused_when_a_moved_row_was_moved_elsewhere(pair):
    record = merge(pair)
    Contact.objects.filter(first_name="Cy").update(organisation=pair.third)
    with pytest.raises(ValidationError, match="contacts this merge moved"):
        merge_undo(actor=None, merge=record)
    assert Organisation.objects.get(pk=pair.merged.pk).is_archived  # nothing half-undone


def test_a_stale_version_is_a_conflict_and_nothing_is_written(pair):
    version = pair.merged.version
    services.organisation_update(actor=None, organisation=pair.merged, city="Geneva")
    with pytest.raises(ConflictError):
        merge(pair, expected_versions={"survivor": pair.survivor.version, "merged": version})
    assert not Organisation.objects.get(pk=pair.merged.pk).is_archived
    assert Contact.objects.filter(organisation=pair.merged).count() == 2


def test_merging_an_organisation_with_itself_or_an_archived_one_is_refused(pair):
    with pytest.raises(ValidationError, match="two different"):
        organisation_merge(actor=None, survivor=pair.survivor, merged=pair.survivor)
    services.organisation_archive(actor=None, organisation=pair.merged)
    with pytest.raises(ValidationError, match="archived"):
        merge(pair)


def test_unknown_field_choices_are_field_errors(pair):
    with pytest.raises(ValidationError) as exc:
        merge(pair, field_choices={"colour": "merged", "name": "both"})
    assert "colour" in str(exc.value) or "Choose" in str(exc.value)


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.MANAGEMENT])
def test_roles_that_may_not_edit_may_not_merge(pair, make_user, role):
    with pytest.raises(PermissionDeniedError):
        merge(pair, make_user(role))


def test_regional_focal_point_merges_only_within_their_region(make_user, region):
    pair = make_pair(make_user)
    regional = make_user(Role.REGIONAL, regions=[region])
    organisation_merge(actor=regional, survivor=pair.survivor, merged=pair.merged)
    outsider = services.organisation_create(
        actor=None, name="Banco Interamericano", category="development_bank", country="BR"
    )
    with pytest.raises(PermissionDeniedError):
        organisation_merge(actor=regional, survivor=pair.third, merged=outsider)


def _queries(make_user, contacts: int, tag: str) -> tuple[int, int]:
    pair = make_pair(make_user, tag=tag)
    for n in range(contacts):
        services.contact_create(
            actor=None, organisation=pair.merged, first_name=f"P{n}", last_name="X"
        )
    with CaptureQueriesContext(connection) as merging:
        record = merge(pair)
    with CaptureQueriesContext(connection) as undoing:
        merge_undo(actor=None, merge=record)
    return len(merging), len(undoing)


def test_merge_and_undo_run_the_same_number_of_queries_however_many_rows_move(make_user):
    few, many = _queries(make_user, 0, "a"), _queries(make_user, 25, "b")
    assert few == many
    assert few[0] <= _merge_query_bound() and few[1] <= _undo_query_bound()


def test_preview_shows_differences_defaults_and_what_would_move(pair):
    preview = merge_preview(survivor=pair.survivor, merged=pair.merged)
    rows = {row["key"]: row for row in preview["rows"]}
    assert rows["name"]["differs"] and rows["name"]["default"] == "survivor"
    assert rows["email"]["default"] == "merged"
    assert not rows["category"]["differs"]
    assert ("contacts", 2) in preview["moves"]
    assert preview["new_names"] == ["The World Bank Group", "WBG"]


def test_a_merged_organisation_cannot_be_restored_except_by_undoing_the_merge(pair):
    merge(pair)
    merged = Organisation.objects.get(pk=pair.merged.pk)
    with pytest.raises(ValidationError, match="undo the merge"):
        services.organisation_restore(actor=None, organisation=merged)
    assert Organisation.objects.get(pk=pair.merged.pk).archived_at is not None

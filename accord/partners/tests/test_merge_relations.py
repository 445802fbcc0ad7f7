"""The registry of rows that point at an organisation (accord/partners/relations.py): every
relation any app adds is found, and each is either safe for the default move or has a policy."""

import pytest
from django.apps import apps

from accord.core.models import HistoryEntry
from accord.partners import relations, rowlog
from accord.partners.models import (
    Contact,
    ImportBatch,
    ImportKind,
    ImportRow,
    Organisation,
    Relationship,
)
from accord.partners.tests.helpers import make_org


def test_discovery_finds_every_foreign_key_to_organisation_in_every_app():
    expected = {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Organisation
    }
    assert {r.key for r in relations.discover()} == expected
    # hidden ones (related_name="+") and many-to-many through tables included
    assert {"partners.importrow.organisation", "partners.organisation_outcomes.organisation"} <= (
        expected
    )


def test_every_relation_to_organisation_is_safe_for_the_default_move_or_has_a_policy():
    """Fails when an app adds a relation the default cannot move safely: add an entry to
    relations.POLICIES saying how a merge treats it."""
    uncovered = {
        r.key: reason
        for r in relations.discover()
        if r.key not in relations.POLICIES and (reason := relations.needs_policy(r))
    }
    assert uncovered == {}


def test_every_policy_names_a_relation_that_exists_and_says_why_it_stays():
    keys = {r.key for r in relations.discover()}
    assert set(relations.POLICIES) <= keys
    for key, policy in relations.POLICIES.items():
        assert policy.move or policy.why, key


def test_the_default_is_refused_where_it_would_break_a_constraint():
    by_key = {r.key: r for r in relations.discover()}
    assert "several keys" in relations.needs_policy(by_key["partners.relationship.source"])
    assert relations.needs_policy(by_key["partners.contact.organisation"]) is None
    assert relations.needs_policy(by_key["partners.importrow.organisation"]) is None
    assert relations.unique_sets(Relationship) == [("source_id", "target_id", "kind")]


@pytest.mark.django_db
def test_the_default_policy_moves_a_plain_foreign_key_and_moves_it_back():
    survivor, merged = make_org("Survivor"), make_org("Merged")
    batch = ImportBatch.objects.create(kind=ImportKind.ORGANISATIONS, file_name="x.csv")
    row = ImportRow.objects.create(batch=batch, number=2, outcome="new", organisation=merged)
    relation = relations.relation_for("partners.importrow.organisation")
    assert relation.policy is relations.DEFAULT
    journal = rowlog.Journal(actor=None, note="test")
    moved = relations.move_all(survivor=survivor, merged=merged, actor=None, journal=journal)
    entry = next(e for e in moved if e["model"] == "partners.importrow")
    assert entry["ids"] == [row.pk]
    row.refresh_from_db()
    assert row.organisation_id == survivor.pk
    relations.restore(entry, survivor=survivor, merged=merged, journal=journal)
    row.refresh_from_db()
    assert row.organisation_id == merged.pk


@pytest.mark.django_db
def test_a_dropped_duplicate_is_rebuilt_column_for_column():
    survivor = make_org("Survivor", aliases=["Same"])
    merged = make_org("Merged", aliases=["Same"])
    name = merged.names.get()
    before = rowlog.serialise(name)
    journal = rowlog.Journal(actor=None, note="test")
    moved = relations.move_all(survivor=survivor, merged=merged, actor=None, journal=journal)
    entry = next(e for e in moved if e["model"] == "partners.organisationname")
    assert entry["dropped"] == [before] and not merged.names.exists()
    relations.restore(entry, survivor=survivor, merged=merged, journal=journal)
    assert rowlog.serialise(merged.names.get()) == before


@pytest.mark.django_db
def test_moved_contacts_are_in_their_own_history():
    survivor, merged = make_org("Survivor"), make_org("Merged")
    contact = Contact.objects.create(organisation=merged, first_name="A", last_name="B")
    journal = rowlog.Journal(actor=None, note="merge")
    relations.move_all(survivor=survivor, merged=merged, actor=None, journal=journal)
    journal.flush()
    contact.refresh_from_db()
    assert contact.organisation_id == survivor.pk
    history = HistoryEntry.objects.get(model="partners.contact", object_id=contact.pk)
    assert history.changes == {"organisation": ["Merged", "Survivor"]} and history.note == "merge"

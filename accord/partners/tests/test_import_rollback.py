"""Rolling an import back as a whole, later; refused (saying why) when it would lose work done
since."""

import pytest
from django.core.exceptions import ValidationError

from accord.core.errors import PermissionDeniedError
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.importing.service import import_rollback
from accord.partners.models import Contact, ImportBatch, Organisation, SearchToken
from accord.partners.tests.importing import csv_bytes, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    return services.organisation_create(
        actor=None,
        name="Habitat Partners Network",
        category="civil_society",
        country="KE",
        iati_identifier="XX-HPN",
        outcomes=["1.1"],
    )


def _import(registered, actor=None):
    return run(
        csv_bytes(
            [
                {"name": "New One", "category": "foundation", "aliases": "N1", "outcomes": "2.1"},
                {
                    "name": "HPN Kenya",
                    "category": "Foundations",
                    "iati_identifier": "XX-HPN",
                    "city": "Kisumu",
                    "outcomes": "3.1",
                    "country": "UG",
                },
            ]
        ),
        actor=actor,
        on_match="update",
    )


def test_rollback_removes_what_it_created_and_restores_what_it_updated(registered, officer):
    batch, rows = _import(registered, actor=officer)
    created = rows[2].organisation_id
    batch = import_rollback(actor=officer, batch=batch)
    assert batch.status == ImportBatch.Status.ROLLED_BACK
    assert batch.rolled_back_by == officer and batch.rolled_back_at is not None
    assert (batch.counts["removed"], batch.counts["restored"]) == (1, 1)
    assert not Organisation.objects.filter(pk=created).exists()
    assert not SearchToken.objects.filter(organisation_id=created).exists()
    registered.refresh_from_db()
    assert (
        registered.city,
        registered.category.code,
        registered.country_id,
        registered.region.code,
    ) == ("", "civil_society", "KE", "AFRICA")
    assert list(registered.names.values_list("name", flat=True)) == []
    assert list(registered.outcomes.values_list("code", flat=True)) == ["1.1"]
    removed = HistoryEntry.objects.get(object_id=created, action="delete")
    assert removed.batch == f"{batch.history_batch}:rollback" and removed.actor == officer
    assert HistoryEntry.objects.filter(object_id=created, action="create").exists()  # kept
    assert batch.rows.get(number=2).organisation_id is None


def test_rollback_is_refused_when_a_record_was_edited_since(registered, officer):
    batch, rows = _import(registered)
    org = Organisation.objects.get(pk=rows[2].organisation_id)
    services.organisation_update(actor=officer, organisation=org, city="Mombasa")
    with pytest.raises(ValidationError) as caught:
        import_rollback(actor=None, batch=batch)
    message = str(caught.value)
    assert "1 record(s) it wrote were changed afterwards" in message
    assert "“New One” (updated by" in message and "Nothing was rolled back" in message
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.IMPORTED


def test_rollback_is_refused_when_an_updated_organisation_changed_since(registered):
    batch, _ = _import(registered)
    registered.refresh_from_db()
    services.organisation_update(actor=None, organisation=registered, phone="+254 1")
    with pytest.raises(ValidationError, match="Habitat Partners Network"):
        import_rollback(actor=None, batch=batch)


@pytest.mark.parametrize("link", ["contact", "relationship"])
def test_rollback_is_refused_when_something_now_points_at_a_created_organisation(registered, link):
    batch, rows = _import(registered)
    org = Organisation.objects.get(pk=rows[2].organisation_id)
    if link == "contact":
        services.contact_create(actor=None, organisation=org, first_name="Ann", last_name="Lee")
        expected = "contact Ann Lee added since"
    else:
        services.relationship_create(actor=None, source=org, target=registered, kind="funds")
        expected = "relationship added since"
    with pytest.raises(ValidationError, match=expected):
        import_rollback(actor=None, batch=batch)


def test_a_later_import_that_was_rolled_back_does_not_stand_in_the_way(registered):
    first, rows = _import(registered)
    second, _ = run(
        csv_bytes([{"name": "New One", "category": "foundation", "city": "Arusha"}]),
        on_match="update",
    )
    with pytest.raises(ValidationError):
        import_rollback(actor=None, batch=first)
    import_rollback(actor=None, batch=second)
    import_rollback(actor=None, batch=first)
    assert not Organisation.objects.filter(pk=rows[2].organisation_id).exists()


def test_rollback_happens_once_and_only_after_an_import(registered):
    batch, _ = _import(registered)
    import_rollback(actor=None, batch=batch)
    with pytest.raises(ValidationError, match="this one is rolled back"):
        import_rollback(actor=None, batch=batch)


def test_only_people_who_may_archive_partners_roll_back(registered, make_user):
    batch, _ = _import(registered)
    with pytest.raises(PermissionDeniedError):
        import_rollback(actor=make_user("programme"), batch=batch)


def test_a_contacts_import_rollback_removes_the_contacts_and_restores_the_primary(registered):
    first = services.contact_create(
        actor=None, organisation=registered, first_name="Ann", last_name="Lee", is_primary=True
    )
    batch, rows = run(
        csv_bytes(
            [
                {
                    "first_name": "Bo",
                    "last_name": "Chen",
                    "organisation": "Habitat Partners Network",
                    "is_primary": "yes",
                }
            ]
        ),
        kind="contacts",
    )
    first.refresh_from_db()
    assert first.is_primary is False
    import_rollback(actor=None, batch=batch)
    first.refresh_from_db()
    assert first.is_primary is True
    assert not Contact.objects.filter(pk=rows[2].contact_id).exists()

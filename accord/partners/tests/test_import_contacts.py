"""Importing contacts: each linked to its organisation by name, source reference or identifier,
among the organisations the user may see; contacts already registered are matched."""

import pytest
from django.core.exceptions import ValidationError

from accord.accounts.models import Role
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.models import Contact, ImportRow
from accord.partners.tests.importing import csv_bytes, run

pytestmark = pytest.mark.django_db
Outcome = ImportRow.Outcome


@pytest.fixture
def orgs():
    return {
        "hpn": services.organisation_create(
            actor=None,
            name="Habitat Partners Network",
            category="civil_society",
            country="KE",
            acronym="HPN",
            aliases=["Réseau Habitat"],
            ref="CRM-7",
            iati_identifier="XX-HPN",
        ),
        "lima": services.organisation_create(
            actor=None,
            name="Municipalidad de Lima",
            category="local_authority",
            country="PE",
            registration_number="RUC-20131380951",
        ),
    }


def contact(**values):
    return {"first_name": "Amina", "last_name": "Mwangi", **values}


@pytest.mark.parametrize(
    "link",
    [
        {"organisation": "Habitat Partners Network"},
        {"organisation": "habitat partners network"},
        {"organisation": "HPN"},
        {"organisation": "Réseau Habitat"},
        {"organisation_ref": "CRM-7"},
        {"organisation_identifier": "XX-HPN"},
    ],
)
def test_contacts_are_linked_by_name_acronym_other_name_ref_or_identifier(orgs, link):
    batch, rows = run(csv_bytes([contact(**link)]), kind="contacts")
    assert rows[2].outcome == Outcome.CREATED
    created = Contact.objects.get(pk=rows[2].contact_id)
    assert created.organisation == orgs["hpn"] and rows[2].organisation_id == orgs["hpn"].pk
    entry = HistoryEntry.objects.get(model="partners.contact", object_id=created.pk)
    assert entry.batch == batch.history_batch


def test_registration_number_links_too_and_full_names_are_split(orgs):
    _, rows = run(
        csv_bytes(
            [
                {
                    "Name": "Rosa María Quispe",
                    "Employer": "x",
                    "Organisation identifier": "RUC-20131380951",
                    "Languages": "es;qu",
                    "Primary": "yes",
                }
            ]
        ),
        kind="contacts",
    )
    created = Contact.objects.get(pk=rows[2].contact_id)
    assert (created.first_name, created.last_name) == ("Rosa María", "Quispe")
    assert created.organisation == orgs["lima"]
    assert created.languages == ["es", "qu"] and created.is_primary


@pytest.mark.parametrize(
    ("link", "column", "message"),
    [
        (
            {"organisation": "Nobody Known"},
            "organisation",
            "No registered organisation you can see has the name “Nobody Known”.",
        ),
        (
            {"organisation_ref": "CRM-0"},
            "organisation_ref",
            "No registered organisation you can see has the source reference “CRM-0”.",
        ),
        ({}, "organisation", "Say which organisation this contact belongs to."),
    ],
)
def test_contacts_whose_organisation_is_not_found_are_rejected_on_that_column(
    orgs, link, column, message
):
    _, rows = run(
        csv_bytes(
            [contact(**{"organisation": "", **link}), contact(organisation="HPN", last_name="Ok")]
        ),
        kind="contacts",
    )
    assert rows[2].outcome == Outcome.INVALID
    assert {"column": column, "header": column, "message": message} in rows[2].errors
    assert rows[3].outcome == Outcome.CREATED


def test_an_ambiguous_organisation_name_asks_for_a_reference(orgs):
    services.organisation_create(
        actor=None, name="Habitat Partners Network", category="civil_society", country="UG"
    )
    _, rows = run(csv_bytes([contact(organisation="Habitat Partners Network")]), kind="contacts")
    assert rows[2].errors[0]["message"].startswith("2 organisations have the name")


def test_organisations_outside_the_users_scope_cannot_be_named(orgs, make_user, region):
    focal = make_user(Role.REGIONAL, regions=[region])
    _, rows = run(
        csv_bytes(
            [
                contact(organisation="Municipalidad de Lima"),
                contact(organisation="HPN", last_name="Otieno"),
            ]
        ),
        kind="contacts",
        actor=focal,
    )
    assert (
        rows[2].outcome == Outcome.INVALID
        and "No registered organisation you can see" in (rows[2].errors[0]["message"])
    )
    assert rows[3].outcome == Outcome.CREATED


def test_registered_contacts_and_repeated_rows_are_matched(orgs):
    services.contact_create(
        actor=None,
        organisation=orgs["hpn"],
        first_name="Ann",
        last_name="Lee",
        email="ann@hpn.example",
    )
    batch, rows = run(
        csv_bytes(
            [
                contact(
                    first_name="Annie", last_name="Lee", email="ANN@hpn.example", organisation="HPN"
                ),
                contact(organisation="HPN"),
                contact(organisation="HPN", job_title="Director"),
                contact(organisation="Municipalidad de Lima"),
            ]
        ),
        kind="contacts",
    )
    assert [rows[n].outcome for n in range(2, 6)] == ["skipped", "created", "skipped", "created"]
    assert rows[2].reasons == [
        "matches “Ann Lee”, already a contact of Habitat Partners Network: same e-mail"
    ]
    assert rows[4].reasons == ["same contact as row 3 of this file: same name"]
    assert batch.counts["matched"] == 2


def test_on_match_create_adds_the_contact_anyway(orgs):
    services.contact_create(
        actor=None, organisation=orgs["hpn"], first_name="Amina", last_name="Mwangi"
    )
    _, rows = run(csv_bytes([contact(organisation="HPN")]), kind="contacts", on_match="create")
    assert rows[2].outcome == Outcome.CREATED
    assert Contact.objects.filter(last_name="Mwangi").count() == 2


def test_on_match_update_fills_in_the_registered_contact_and_rolls_back(orgs):
    registered = services.contact_create(
        actor=None, organisation=orgs["hpn"], first_name="Amina", last_name="Mwangi",
        job_title="Adviser", phone="+254 1",
    )
    row = contact(organisation="HPN", job_title="Director", email="amina@hpn.org", phone="")
    batch, rows = run(csv_bytes([row]), kind="contacts", on_match="update")
    assert rows[2].outcome == Outcome.UPDATED and rows[2].contact_id == registered.pk
    registered.refresh_from_db()
    # Filled cells win; an empty cell keeps the registered value.
    assert (registered.job_title, registered.email, registered.phone) == (
        "Director", "amina@hpn.org", "+254 1"
    )
    entry = HistoryEntry.objects.get(model="partners.contact", object_id=registered.pk,
                                     action="update")
    assert entry.batch == batch.history_batch
    assert entry.changes["job_title"] == ["Adviser", "Director"]

    from accord.partners.importing.service import import_rollback

    import_rollback(actor=None, batch=batch)
    registered.refresh_from_db()
    assert (registered.job_title, registered.email) == ("Adviser", "")


def test_on_match_update_with_nothing_new_is_a_skip(orgs):
    services.contact_create(
        actor=None, organisation=orgs["hpn"], first_name="Amina", last_name="Mwangi",
        job_title="Adviser",
    )
    _, rows = run(
        csv_bytes([contact(organisation="HPN", job_title="Adviser")]),
        kind="contacts", on_match="update",
    )
    assert rows[2].outcome == Outcome.SKIPPED
    assert "nothing to update" in rows[2].reasons[-1]


def test_archived_organisations_take_no_new_contacts(orgs):
    services.organisation_archive(actor=None, organisation=orgs["lima"])
    _, rows = run(csv_bytes([contact(organisation="Municipalidad de Lima")]), kind="contacts")
    assert rows[2].outcome == Outcome.INVALID


def test_a_row_the_service_refuses_is_reported_and_the_others_are_kept(orgs, monkeypatch):
    create = services.contact_create

    def refuse_lee(**kwargs):
        if kwargs["last_name"] == "Lee":
            raise ValidationError({"email": "This address bounced."})
        return create(**kwargs)

    monkeypatch.setattr(services, "contact_create", refuse_lee)
    _, rows = run(
        csv_bytes([contact(organisation="HPN", last_name="Lee"), contact(organisation="HPN")]),
        kind="contacts",
    )
    assert rows[2].outcome == Outcome.INVALID
    assert rows[2].errors == [{"column": "email", "header": "", "message": "This address bounced."}]
    assert rows[3].outcome == Outcome.CREATED
    assert list(Contact.objects.values_list("last_name", flat=True)) == ["Mwangi"]

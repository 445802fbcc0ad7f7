from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.models import Contact, Organisation, Relationship, SearchToken
from accord.partners.tests.factories import (
    ContactFactory,
    OrganisationFactory,
    RelationshipFactory,
    category,
    country,
)

pytestmark = pytest.mark.django_db


def entries(obj):
    return list(HistoryEntry.objects.filter(object_id=obj.pk, model=obj._meta.label_lower))


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_create_stores_the_profile_and_region_follows_country(officer):
    org = services.organisation_create(
        actor=officer,
        name="  Slum  Dwellers International ",
        category=category(),
        acronym="SDI",
        aliases=["SDI Kenya"],
        country="KEN",
        website="www.sdinet.org",
        email="info@sdinet.org",
        outcomes=["1.2", "1.1"],
        resources_offered=["networks"],
        iati_identifier="XM-DAC-1",
        status="active",
        owner=officer,
    )
    org.refresh_from_db()
    assert org.name == "Slum Dwellers International"
    assert org.country_id == "KE" and org.region.code == "AFRICA"
    assert org.website == "https://www.sdinet.org"
    assert org.sort_name == "slum dwellers international"
    assert sorted(org.outcomes.values_list("code", flat=True)) == ["1.1", "1.2"]
    assert list(org.names.values_list("name", flat=True)) == ["SDI Kenya"]
    assert {"slum", "dwellers", "sdi", "kenya"} <= set(
        SearchToken.objects.filter(organisation=org).values_list("token", flat=True)
    )


def test_create_records_history_with_every_value_given(officer):
    org = OrganisationFactory(name="Habitat Alliance", aliases=["HA"], outcomes=["2.1"])
    (entry,) = entries(org)
    assert entry.action == "create"
    assert entry.changes["name"] == [None, "Habitat Alliance"]
    assert entry.changes["aliases"] == [None, ["HA"]]
    assert entry.changes["outcomes"] == [None, ["2.1"]]
    assert entry.changes["country"] == [None, "Kenya"]


def test_create_accepts_category_code_and_country_name(officer):
    org = services.organisation_create(
        actor=officer, name="Ville de Paris", category="local_authority", country="France"
    )
    assert org.category.code == "local_authority" and org.country_id == "FR"


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("name", {"name": "  "}, "Enter the organisation's name."),
        ("category", {"category": None}, "Choose the partner category."),
        ("category", {"category": "nope"}, "Unknown partner category 'nope'."),
        ("email", {"email": "not-an-email"}, "Enter a valid email address."),
        ("website", {"website": "http://not a site"}, "Enter a valid URL."),
        ("country", {"country": "Atlantis"}, "Unknown country 'Atlantis'"),
        ("outcomes", {"outcomes": ["9.9"]}, "Unknown outcome code(s): 9.9."),
        ("resources_offered", {"resources_offered": ["gold"]}, "Unknown resource code(s): gold."),
        ("status", {"status": "sleeping"}, "Unknown status 'sleeping'."),
        ("name", {"name": "x" * 301}, "at most 300 characters"),
    ],
)
def test_create_refuses_bad_input_with_a_message_on_the_field(officer, field, values, message):
    kwargs = {"name": "Valid", "category": category(), **values}
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_create(actor=officer, **kwargs)
    assert message in " ".join(errors_of(excinfo)[field])


def test_bad_input_reports_every_wrong_field_and_stores_nothing(officer):
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_create(
            actor=officer, name="", category="nope", email="bad", resources_offered=["gold"]
        )
    assert {"name", "category", "email", "resources_offered"} <= set(errors_of(excinfo))
    assert not Organisation.objects.exists()
    assert not HistoryEntry.objects.exists()


def test_duplicate_iati_identifier_names_the_organisation_that_has_it(officer):
    OrganisationFactory(name="First Holder", iati_identifier="XM-1")
    with pytest.raises(ValidationError) as excinfo:
        OrganisationFactory(name="Second", iati_identifier="XM-1", actor=officer)
    assert errors_of(excinfo)["iati_identifier"] == [
        "This IATI identifier is already used by First Holder."
    ]


def test_duplicate_iati_identifier_does_not_reveal_an_organisation_outside_scope(make_user, region):
    OrganisationFactory(name="Secret Holder", country=country("BR"), iati_identifier="XM-2")
    focal = make_user(Role.REGIONAL, regions=[region])
    with pytest.raises(ValidationError) as excinfo:
        OrganisationFactory(name="Mine", iati_identifier="XM-2", actor=focal)
    assert "another organisation" in errors_of(excinfo)["iati_identifier"][0]


def test_empty_iati_identifiers_are_not_duplicates():
    OrganisationFactory(iati_identifier="")
    OrganisationFactory(iati_identifier="")
    assert Organisation.objects.count() == 2


def test_regional_focal_point_creates_only_in_their_region(make_user, region):
    focal = make_user(Role.REGIONAL, regions=[region])
    org = OrganisationFactory(actor=focal, country=country("KE"))
    assert org.region == region
    with pytest.raises(ValidationError) as excinfo:
        OrganisationFactory(actor=focal, country=country("BR"))
    assert "your region(s): Africa" in errors_of(excinfo)["country"][0]
    with pytest.raises(ValidationError):
        OrganisationFactory(actor=focal, country=None)


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.MANAGEMENT, Role.REVIEWER, Role.PARTNER])
def test_roles_without_the_right_cannot_create(make_user, role):
    with pytest.raises(PermissionDeniedError):
        OrganisationFactory(actor=make_user(role))


def test_update_changes_fields_bumps_version_and_records_the_diff(officer):
    org = OrganisationFactory(name="Old Name", status="prospect")
    services.organisation_update(
        actor=officer,
        organisation=org,
        expected_version=1,
        name="New Name",
        status="active",
        country="BR",
    )
    org.refresh_from_db()
    assert (org.name, org.version, org.region.code) == ("New Name", 2, "LAC")
    entry = entries(org)[0]
    assert entry.action == "update" and entry.actor_id == officer.pk
    assert entry.changes["name"] == ["Old Name", "New Name"]
    assert entry.changes["status"] == ["prospect", "active"]
    assert entry.changes["region"] == ["Africa", "Latin America and the Caribbean"]
    assert "city" not in entry.changes


def test_update_records_alias_and_outcome_changes_as_lists(officer):
    org = OrganisationFactory(aliases=["A1"], outcomes=["1.1"])
    services.organisation_update(
        actor=officer, organisation=org, aliases=["A1", "A2"], outcomes=["1.1", "3.2"]
    )
    changes = entries(org)[0].changes
    assert changes["aliases"] == [["A1"], ["A1", "A2"]]
    assert changes["outcomes"] == [["1.1"], ["1.1", "3.2"]]


def test_update_reindexes_names_for_search(officer):
    org = OrganisationFactory(name="Alpha Works", aliases=["Beta"])
    services.organisation_update(actor=officer, organisation=org, name="Gamma", aliases=[])
    tokens = set(SearchToken.objects.filter(organisation=org).values_list("token", flat=True))
    assert tokens == {"gamma"}
    assert Organisation.objects.get(pk=org.pk).sort_name == "gamma"


def test_stale_update_is_refused_and_changes_nothing(officer):
    org = OrganisationFactory(name="Kept")
    services.organisation_update(actor=officer, organisation=org, city="Nairobi")
    stale = Organisation.objects.get(pk=org.pk)
    with pytest.raises(ConflictError):
        services.organisation_update(
            actor=officer, organisation=stale, expected_version=1, name="Overwritten"
        )
    assert Organisation.objects.get(pk=org.pk).name == "Kept"
    assert len(entries(org)) == 2


def test_update_without_changes_records_nothing_and_keeps_the_version(officer):
    org = OrganisationFactory(name="Same")
    services.organisation_update(actor=officer, organisation=org, name="Same")
    assert Organisation.objects.get(pk=org.pk).version == 1
    assert len(entries(org)) == 1


def test_update_rejects_unknown_fields(officer):
    with pytest.raises(TypeError):
        services.organisation_update(actor=officer, organisation=OrganisationFactory(), colour=1)


def test_invalid_update_stores_nothing(officer):
    org = OrganisationFactory(name="Stable")
    with pytest.raises(ValidationError):
        services.organisation_update(actor=officer, organisation=org, name="New", email="bad")
    org.refresh_from_db()
    assert (org.name, org.version) == ("Stable", 1)


def test_regional_focal_point_cannot_move_an_organisation_out_of_their_region(make_user, region):
    focal = make_user(Role.REGIONAL, regions=[region])
    org = OrganisationFactory(country=country("KE"))
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_update(actor=focal, organisation=org, country="BR")
    assert "country" in errors_of(excinfo)
    services.organisation_update(actor=focal, organisation=org, country="UG", city="Kampala")
    assert Organisation.objects.get(pk=org.pk).country_id == "UG"


def test_archive_and_restore_are_recorded(officer):
    org = OrganisationFactory()
    services.organisation_archive(actor=officer, organisation=org, expected_version=1)
    assert Organisation.objects.get(pk=org.pk).is_archived
    services.organisation_restore(actor=officer, organisation=org)
    org.refresh_from_db()
    assert not org.is_archived and org.version == 3
    assert [e.action for e in entries(org)] == ["restore", "archive", "create"]


def test_archiving_twice_or_editing_an_archived_organisation_is_refused(officer):
    org = OrganisationFactory()
    services.organisation_archive(actor=officer, organisation=org)
    with pytest.raises(ValidationError, match="already archived"):
        services.organisation_archive(actor=officer, organisation=org)
    with pytest.raises(ValidationError, match="restore it before editing"):
        services.organisation_update(actor=officer, organisation=org, city="X")


def test_archive_with_stale_version_is_refused(officer):
    org = OrganisationFactory()
    with pytest.raises(ConflictError):
        services.organisation_archive(actor=officer, organisation=org, expected_version=7)
    assert not Organisation.objects.get(pk=org.pk).is_archived


def test_contact_create_records_the_data_protection_basis(officer):
    org = OrganisationFactory()
    contact = services.contact_create(
        actor=officer,
        organisation=org,
        first_name="Ana",
        last_name="Silva",
        languages=["PT", "en"],
        lawful_basis="consent",
        consent_given_at=timezone.now(),
        source="Conference 2024",
    )
    assert contact.languages == ["pt", "en"]
    assert entries(contact)[0].changes["lawful_basis"] == [None, "consent"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"lawful_basis": "consent"}, "consent_given_at"),
        ({"languages": ["english"]}, "languages"),
        ({"email": "nope"}, "email"),
        ({"lawful_basis": "whim"}, "lawful_basis"),
        ({"consent_given_at": timezone.now() + timedelta(days=3)}, "consent_given_at"),
    ],
)
def test_contact_create_refuses_bad_input(officer, values, field):
    org = OrganisationFactory()
    kwargs = {"first_name": "Ana", "last_name": "Silva", **values}
    with pytest.raises(ValidationError) as excinfo:
        services.contact_create(actor=officer, organisation=org, **kwargs)
    assert field in errors_of(excinfo)
    assert not Contact.objects.exists()


def test_an_organisation_keeps_one_primary_contact(officer):
    first = ContactFactory(is_primary=True)
    second = ContactFactory(organisation=first.organisation, is_primary=True)
    first.refresh_from_db()
    assert second.is_primary and not first.is_primary


def test_making_a_contact_primary_by_edit_unmarks_the_previous_one(officer):
    first = ContactFactory(is_primary=True)
    second = ContactFactory(organisation=first.organisation)
    services.contact_update(actor=officer, contact=second, is_primary=True)
    first.refresh_from_db()
    assert not first.is_primary
    assert Contact.objects.filter(organisation=first.organisation, is_primary=True).count() == 1


def test_contact_update_refuses_a_stale_version(officer):
    contact = ContactFactory()
    services.contact_update(actor=officer, contact=contact, job_title="Director")
    stale = Contact.objects.get(pk=contact.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.contact_update(actor=officer, contact=stale, expected_version=1, phone="1")
    assert Contact.objects.get(pk=contact.pk).job_title == "Director"


def test_contact_archive_keeps_the_record(officer):
    contact = ContactFactory()
    services.contact_archive(actor=officer, contact=contact)
    assert Contact.objects.get(pk=contact.pk).archived_at is not None
    assert entries(contact)[0].action == "archive"


def test_contact_cannot_be_added_by_a_programme_manager(make_user):
    with pytest.raises(PermissionDeniedError):
        ContactFactory(actor=make_user(Role.PROGRAMME))


def test_relationship_create_links_two_organisations_and_is_recorded(officer):
    rel = RelationshipFactory(actor=officer, since=date(2020, 1, 1))
    assert entries(rel)[0].changes["relationship"][1] == str(rel)


def test_relationship_with_itself_is_refused(officer):
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as excinfo:
        RelationshipFactory(actor=officer, source=org, target=org)
    assert "itself" in errors_of(excinfo)["target"][0]


def test_same_relationship_twice_is_refused(officer):
    rel = RelationshipFactory()
    with pytest.raises(ValidationError, match="already recorded"):
        RelationshipFactory(source=rel.source, target=rel.target, kind=rel.kind)


def test_relationship_refuses_unknown_kind_and_reversed_dates(officer):
    with pytest.raises(ValidationError) as excinfo:
        RelationshipFactory(kind="loves", since=date(2021, 1, 1), until=date(2020, 1, 1))
    assert {"kind", "until"} <= set(errors_of(excinfo))


def test_relationship_delete_removes_the_link_and_records_it(officer):
    rel = RelationshipFactory()
    pk = rel.pk
    services.relationship_delete(actor=officer, relationship=rel)
    assert not Relationship.objects.filter(pk=pk).exists()
    assert HistoryEntry.objects.get(object_id=pk, model="partners.relationship", action="delete")


def test_a_partner_focal_point_edits_its_own_profile_and_contacts_as_itself(make_user):
    own, other = OrganisationFactory(), OrganisationFactory()
    partner = make_user(Role.PARTNER, organisation=own)
    services.organisation_update(actor=partner, organisation=own, city="Kisumu")
    entry = HistoryEntry.objects.filter(object_id=own.pk, action="update").get()
    assert entry.actor == partner and entry.changes["city"][1] == "Kisumu"
    contact = services.contact_create(
        actor=partner, organisation=own, first_name="Amina", last_name="Odhiambo"
    )
    services.contact_update(actor=partner, contact=contact, job_title="Director")
    assert len([e for e in entries(contact) if e.actor_id == partner.pk]) == 2
    # Key fields go to staff as change requests (the portal); other organisations never.
    with pytest.raises(PermissionDeniedError):
        services.organisation_update(actor=partner, organisation=own, name="New name")
    with pytest.raises(PermissionDeniedError):
        services.organisation_update(actor=partner, organisation=other, city="Lima")
    with pytest.raises(PermissionDeniedError):
        services.contact_create(actor=partner, organisation=other, first_name="A", last_name="B")

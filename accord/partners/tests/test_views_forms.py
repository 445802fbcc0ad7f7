"""The partner forms: create and edit (with who may use them), contacts and relationships."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.models import Contact, Organisation, Relationship
from accord.partners.tests.factories import category
from accord.partners.tests.helpers import detail, make_org, names_in
from accord.strategy.models import Outcome


def org_form(**overrides) -> dict:
    data = {
        "name": "City of Mombasa",
        "acronym": "",
        "aliases": "Mombasa County\nMji wa Mombasa",
        "category": str(category("local_authority").pk),
        "subtype": "Municipality",
        "status": "prospect",
        "country": "KE",
        "city": "Mombasa",
        "website": "",
        "email": "",
        "phone": "",
        "description": "",
        "iati_identifier": "",
        "registration_number": "",
        "owner": "",
        "outcomes": [],
        "resources_offered": ["expertise"],
    }
    data.update(overrides)
    return data


# --- who may enter ---


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.MANAGEMENT])
def test_readers_without_edit_permission_are_refused_create_and_edit(client, make_user, role):
    org = make_org()
    client.force_login(make_user(role))
    assert client.get(detail(org)).status_code == 200
    assert client.get(reverse("partners:create")).status_code == 403
    assert client.post(reverse("partners:create"), org_form()).status_code == 403
    assert client.get(reverse("partners:edit", args=[org.pk])).status_code == 403
    response = client.post(reverse("partners:edit", args=[org.pk]), org_form(name="Hijacked"))
    assert response.status_code == 403
    assert client.post(reverse("partners:archive", args=[org.pk])).status_code == 403
    org.refresh_from_db()
    assert org.name == "Municipality of Nairobi" and not org.is_archived


@pytest.mark.django_db
def test_regional_focal_point_cannot_register_outside_their_region(client, make_user, region):
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    response = client.post(reverse("partners:create"), org_form(country="BR"))
    assert response.status_code == 200
    assert "your region" in response.context["form"].errors["country"][0]
    assert not Organisation.objects.exists()


# --- create and edit ---


@pytest.mark.django_db
def test_create_stores_the_partner_and_redirects_to_its_page(officer_client, officer):
    outcome = Outcome.objects.order_by("code").first()
    response = officer_client.post(
        reverse("partners:create"),
        org_form(outcomes=[str(outcome.pk)], owner=str(officer.pk)),
    )
    org = Organisation.objects.get(name="City of Mombasa")
    assert response.status_code == 302 and response.url == detail(org)
    assert sorted(n.name for n in org.names.all()) == ["Mji wa Mombasa", "Mombasa County"]
    assert list(org.outcomes.all()) == [outcome]
    assert org.resources_offered == ["expertise"] and org.region.code == "AFRICA"
    entry = HistoryEntry.objects.get(model="partners.organisation", object_id=org.pk)
    assert entry.action == "create" and entry.actor == officer
    page = names_in(officer_client.get(response.url))
    assert "created" in page  # the success message


@pytest.mark.django_db
def test_create_with_bad_input_shows_field_errors_and_stores_nothing(officer_client):
    response = officer_client.post(
        reverse("partners:create"), org_form(name="", email="not-an-email", category="")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "email", "category"} <= set(errors)
    page = names_in(response)
    assert 'aria-describedby="id_email_error' in page and 'id="id_email_error"' in page
    assert 'aria-invalid="true"' in page and "Nothing has been saved" in page
    assert not Organisation.objects.exists()
    assert not HistoryEntry.objects.exists()


@pytest.mark.django_db
def test_create_reports_service_rules_on_the_field(officer_client):
    make_org("Existing", iati_identifier="XM-DAC-41120")
    response = officer_client.post(
        reverse("partners:create"), org_form(iati_identifier="XM-DAC-41120")
    )
    assert response.status_code == 200
    assert "already used" in response.context["form"].errors["iati_identifier"][0]
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_owner_choices_are_the_active_staff_by_name(officer_client, officer, make_user):
    programme = make_user(Role.PROGRAMME)
    make_user(Role.PARTNER)
    make_user(Role.OFFICER, is_active=False)
    form = officer_client.get(reverse("partners:create")).context["form"]
    assert list(form.fields["owner"].queryset) == [officer, programme]


@pytest.mark.django_db
def test_edit_form_is_prefilled_and_saves_changes(officer_client):
    org = make_org(aliases=["Nairobi City County"])
    form = officer_client.get(reverse("partners:edit", args=[org.pk])).context["form"]
    assert form.initial["version"] == org.version
    assert form["aliases"].value() == "Nairobi City County"
    data = org_form(name="Nairobi City", aliases="Nairobi City County\nNCC", version=org.version)
    response = officer_client.post(reverse("partners:edit", args=[org.pk]), data)
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Nairobi City" and org.version == 2
    assert HistoryEntry.objects.filter(object_id=org.pk, action="update").exists()


@pytest.mark.django_db
def test_edit_with_a_stale_version_is_refused_with_a_conflict_message(officer_client, officer):
    org = make_org()
    stale = org.version
    services.organisation_update(
        actor=officer, organisation=org, city="Nairobi", expected_version=stale
    )
    response = officer_client.post(
        reverse("partners:edit", args=[org.pk]), org_form(name="Overwritten", version=stale)
    )
    assert response.status_code == 200
    assert "changed by someone else" in names_in(response)
    org.refresh_from_db()
    assert org.name == "Municipality of Nairobi" and org.city == "Nairobi"


@pytest.mark.django_db
def test_edit_changes_only_what_was_changed(officer_client):
    org = make_org(aliases=["Zeta name", "Alpha name"])
    data = org_form(
        name=org.name,
        aliases="Zeta name\nAlpha name",
        subtype="",
        city="Nairobi",
        resources_offered=[],
        version=org.version,
    )
    assert officer_client.post(reverse("partners:edit", args=[org.pk]), data).status_code == 302
    entry = HistoryEntry.objects.filter(object_id=org.pk, action="update").get()
    assert set(entry.changes) == {"city"}


@pytest.mark.django_db
def test_edit_without_a_version_is_refused(officer_client):
    org = make_org()
    response = officer_client.post(
        reverse("partners:edit", args=[org.pk]), org_form(name="Blind overwrite")
    )
    assert response.status_code == 200
    assert "reload the page" in response.context["form"].errors["version"][0]
    org.refresh_from_db()
    assert org.name == "Municipality of Nairobi"


# --- contacts ---


@pytest.mark.django_db
def test_contact_create_edit_and_archive(officer_client):
    org = make_org()
    url = reverse("partners:contact_create", args=[org.pk])
    assert officer_client.get(url).status_code == 200
    response = officer_client.post(
        url,
        {
            "first_name": "Amina",
            "last_name": "Odhiambo",
            "languages": "en, sw",
            "lawful_basis": "legitimate_interest",
        },
    )
    contact = Contact.objects.get(organisation=org)
    assert response.status_code == 302 and contact.languages == ["en", "sw"]
    page = names_in(officer_client.get(response.url))
    assert "Amina Odhiambo" in page and "EN, SW" in page

    edit = reverse("partners:contact_edit", args=[contact.pk])
    response = officer_client.post(
        edit,
        {
            "first_name": "Amina",
            "last_name": "Odhiambo",
            "job_title": "Mayor",
            "lawful_basis": "legitimate_interest",
            "version": contact.version,
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.job_title == "Mayor"

    response = officer_client.post(reverse("partners:contact_archive", args=[contact.pk]))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.archived_at is not None


@pytest.mark.django_db
def test_contact_with_consent_needs_its_date(officer_client):
    org = make_org()
    response = officer_client.post(
        reverse("partners:contact_create", args=[org.pk]),
        {
            "first_name": "Amina",
            "last_name": "Odhiambo",
            "lawful_basis": "consent",
            "languages": "english",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "consent_given_at" in errors and "languages" in errors
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_contact_pages_are_404_outside_the_region(client, make_user, region):
    org = make_org("Prefeitura de Recife", country="BR")
    contact = services.contact_create(
        actor=None, organisation=org, first_name="Ana", last_name="Silva"
    )
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    assert client.get(reverse("partners:contact_detail", args=[contact.pk])).status_code == 404
    assert client.get(reverse("partners:contact_edit", args=[contact.pk])).status_code == 404


@pytest.mark.django_db
def test_readers_cannot_edit_contacts(client, make_user):
    org = make_org()
    contact = services.contact_create(
        actor=None, organisation=org, first_name="Ana", last_name="Silva"
    )
    client.force_login(make_user(Role.MANAGEMENT))
    assert client.get(reverse("partners:contact_detail", args=[contact.pk])).status_code == 200
    assert client.get(reverse("partners:contact_edit", args=[contact.pk])).status_code == 403
    assert client.get(reverse("partners:contact_create", args=[org.pk])).status_code == 403


# --- relationships ---


@pytest.mark.django_db
def test_relationship_is_added_from_search_results_and_removed(officer_client):
    org = make_org()
    other = make_org("United Cities and Local Governments", code="civil_society", country="ES")
    url = reverse("partners:relationship_create", args=[org.pk])
    found = officer_client.get(url, {"q": "united cities"})
    assert f'value="{other.pk}"' in names_in(found)
    fragment = officer_client.get(url, {"q": "united"}, headers={"HX-Request": "true"})
    assert "<html" not in names_in(fragment) and f'value="{other.pk}"' in names_in(fragment)

    response = officer_client.post(url, {"link": "out:member_of", "other": other.pk})
    assert response.status_code == 302
    rel = Relationship.objects.get()
    assert (rel.source, rel.target, rel.kind) == (org, other, "member_of")

    response = officer_client.post(url, {"link": "out:member_of", "other": other.pk})
    assert response.status_code == 200
    assert "already recorded" in names_in(response)

    delete = reverse("partners:relationship_delete", args=[org.pk, rel.pk])
    assert officer_client.post(delete).status_code == 302
    assert not Relationship.objects.exists()


@pytest.mark.django_db
def test_relationship_in_the_other_direction_and_without_a_choice(officer_client):
    org = make_org()
    other = make_org("UCLG Africa", code="civil_society", country="MA")
    url = reverse("partners:relationship_create", args=[org.pk])
    response = officer_client.post(url, {"link": "in:hosts"})
    assert response.status_code == 200
    assert "Choose the other organisation" in names_in(response)
    officer_client.post(url, {"link": "in:hosts", "other": other.pk})
    rel = Relationship.objects.get()
    assert (rel.source, rel.target) == (other, org)

"""The partner page: who may see it (404 outside the user's scope), the overview, contacts,
relationships and history tabs, archive and restore, and bounded queries."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners import services
from accord.partners.tests.helpers import LIST, detail, make_org, names_in
from accord.strategy.models import Outcome

# --- who may enter ---


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_from_a_partner_page(client):
    org = make_org()
    response = client.get(detail(org))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_read_only_roles_see_no_edit_or_archive_buttons(client, make_user):
    org = make_org()
    client.force_login(make_user(Role.MANAGEMENT))
    page = names_in(client.get(detail(org)))
    assert reverse("partners:edit", args=[org.pk]) not in page
    assert reverse("partners:archive", args=[org.pk]) not in page
    assert reverse("partners:create") not in names_in(client.get(LIST))


@pytest.mark.django_db
def test_editors_see_edit_and_archive_buttons(officer_client):
    org = make_org()
    page = names_in(officer_client.get(detail(org)))
    assert reverse("partners:edit", args=[org.pk]) in page
    assert reverse("partners:archive", args=[org.pk]) in page


@pytest.mark.django_db
def test_regional_focal_point_gets_404_for_another_regions_partner(
    client, make_user, region, other_region
):
    mine = make_org("Kisumu City", country="KE")
    theirs = make_org("Prefeitura de Recife", country="BR")
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    assert client.get(detail(mine)).status_code == 200
    for url in (
        detail(theirs),
        detail(theirs, "history"),
        reverse("partners:edit", args=[theirs.pk]),
        reverse("partners:contact_create", args=[theirs.pk]),
        reverse("partners:relationship_create", args=[theirs.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("partners:archive", args=[theirs.pk])).status_code == 404
    listing = names_in(client.get(LIST))
    assert "Kisumu City" in listing and "Recife" not in listing


@pytest.mark.django_db
def test_partner_focal_point_sees_only_their_own_organisation(client, make_user):
    own = make_org("Own Organisation")
    other = make_org("Somebody Else")
    client.force_login(make_user(Role.PARTNER, organisation=own))
    assert client.get(LIST)["Location"] == "/portal/me/"  # their registry is the portal
    assert "Own Organisation" in client.get(detail(own)).content.decode()
    assert client.get(detail(other)).status_code == 404
    assert client.get(reverse("partners:edit", args=[own.pk])).status_code == 403


@pytest.mark.django_db
def test_an_unknown_partner_is_a_404(officer_client):
    assert officer_client.get(reverse("partners:detail", args=[999_999])).status_code == 404


# --- the partner page ---


@pytest.mark.django_db
def test_partner_page_overview_shows_every_field(officer_client, officer):
    outcome = Outcome.objects.order_by("code").first()
    org = make_org(
        "Ciudad de México",
        country="MX",
        acronym="CDMX",
        aliases=["Mexico City"],
        subtype="Municipality",
        city="Mexico City",
        website="https://cdmx.gob.mx",
        email="info@cdmx.gob.mx",
        iati_identifier="MX-CDMX-1",
        registration_number="R-77",
        owner=officer,
        outcomes=[outcome],
        resources_offered=["expertise", "data"],
        status="active",
    )
    page = names_in(officer_client.get(detail(org)))
    for text in (
        "Ciudad de México",
        "CDMX",
        "Mexico City",
        "Municipality",
        "Mexico",
        "https://cdmx.gob.mx",
        "MX-CDMX-1",
        "R-77",
        str(officer),
        outcome.name,
        "Technical expertise",
        "Data and research",
        "Active",
        "Local authorities",
        "Latin America",
    ):
        assert text in page, text


@pytest.mark.django_db
def test_archived_partner_page_has_a_banner_and_restore(officer_client):
    org = make_org()
    response = officer_client.post(
        reverse("partners:archive", args=[org.pk]), {"version": org.version}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.is_archived
    page = names_in(officer_client.get(detail(org)))
    assert "Archived partner" in page and reverse("partners:restore", args=[org.pk]) in page
    assert reverse("partners:edit", args=[org.pk]) not in page
    officer_client.post(reverse("partners:restore", args=[org.pk]), {"version": org.version})
    org.refresh_from_db()
    assert not org.is_archived


@pytest.mark.django_db
def test_contacts_and_relationships_tabs(officer_client):
    org = make_org()
    other = make_org(
        "United Cities and Local Governments", code="civil_society", country="ES", acronym="UCLG"
    )
    services.contact_create(
        actor=None,
        organisation=org,
        first_name="Amina",
        last_name="Odhiambo",
        job_title="Director of Planning",
        is_primary=True,
    )
    services.relationship_create(actor=None, source=org, target=other, kind="member_of")
    contacts = names_in(officer_client.get(detail(org, "contacts")))
    assert "Amina Odhiambo" in contacts and "Director of Planning" in contacts
    assert "Primary" in contacts
    relationships = names_in(officer_client.get(detail(org, "relationships")))
    assert "is a member of" in relationships and "United Cities" in relationships
    incoming = names_in(officer_client.get(detail(other, "relationships")))
    assert "Municipality of Nairobi" in incoming  # shown from both ends


@pytest.mark.django_db
def test_history_tab_shows_who_when_and_old_to_new(officer_client, officer):
    org = make_org(city="Nairobi West")
    services.organisation_update(
        actor=officer,
        organisation=org,
        city="Nairobi",
        status="active",
        expected_version=org.version,
    )
    response = officer_client.get(detail(org, "history"))
    page = names_in(response)
    assert response.status_code == 200
    assert str(officer) in page and "updated" in page and "created" in page
    assert "<del>Nairobi West</del>" in page and "<ins>Nairobi</ins>" in page
    assert '<th scope="row">City</th>' in page
    assert "<del>Prospect</del>" in page and "<ins>Active</ins>" in page  # names, not codes


@pytest.mark.django_db
def test_detail_runs_a_bounded_number_of_queries(officer_client, django_assert_max_num_queries):
    org = make_org(aliases=["A", "B", "C"])
    for n in range(4):
        services.contact_create(actor=None, organisation=org, first_name=f"P{n}", last_name="X")
    for tab in ("overview", "contacts", "relationships", "history"):
        with django_assert_max_num_queries(10):
            assert officer_client.get(detail(org, tab)).status_code == 200

"""The partner pages: list (search, filters, sorting, pagination, HTMX), partner page, forms,
contacts and relationships, and who may see and do what."""

import pytest
from django.urls import reverse

from accord.accounts.models import Country, Role
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.models import Contact, Organisation, Relationship
from accord.strategy.models import Outcome, PartnerCategory

LIST = reverse("partners:list")


def category(code="local_authority") -> PartnerCategory:
    return PartnerCategory.objects.get(code=code)


def make_org(name="Municipality of Nairobi", *, code="local_authority", country="KE", **extra):
    """An organisation created by the system (the registry's own service, no actor)."""
    return services.organisation_create(
        actor=None,
        name=name,
        category=category(code),
        country=Country.objects.get(code=country) if country else None,
        **extra,
    )


def detail(org, tab=None) -> str:
    url = reverse("partners:detail", args=[org.pk])
    return f"{url}?tab={tab}" if tab else url


def names_in(response) -> str:
    return response.content.decode()


def org_form(**overrides) -> dict:
    data = {
        "name": "City of Mombasa",
        "acronym": "",
        "aliases": "Mombasa County\nMji wa Mombasa",
        "category": str(category().pk),
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
@pytest.mark.parametrize("name", ["list", "create"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(f"partners:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_from_a_partner_page(client):
    org = make_org()
    response = client.get(detail(org))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


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
@pytest.mark.parametrize("role", [Role.REVIEWER])
def test_roles_without_registry_access_are_refused_the_list(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == 403


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
def test_regional_focal_point_cannot_register_outside_their_region(client, make_user, region):
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    response = client.post(reverse("partners:create"), org_form(country="BR"))
    assert response.status_code == 200
    assert "your region" in response.context["form"].errors["country"][0]
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_partner_focal_point_sees_only_their_own_organisation(client, make_user):
    own = make_org("Own Organisation")
    other = make_org("Somebody Else")
    client.force_login(make_user(Role.PARTNER, organisation=own))
    listing = names_in(client.get(LIST))
    assert "Own Organisation" in listing and "Somebody Else" not in listing
    assert client.get(detail(other)).status_code == 404
    assert client.get(reverse("partners:edit", args=[own.pk])).status_code == 403


@pytest.mark.django_db
def test_an_unknown_partner_is_a_404(officer_client):
    assert officer_client.get(reverse("partners:detail", args=[999_999])).status_code == 404


# --- the list ---


@pytest.mark.django_db
def test_list_shows_partners_with_count_and_accessible_table(officer_client):
    make_org("Municipality of Nairobi")
    make_org("UN-Habitat Youth Fund", code="foundation", country=None)
    response = officer_client.get(LIST)
    page = names_in(response)
    assert response.status_code == 200
    assert "Municipality of Nairobi" in page and "UN-Habitat Youth Fund" in page
    assert "<strong>2</strong> partners" in page
    assert "<caption" in page and 'scope="col"' in page and 'aria-live="polite"' in page
    assert 'hx-get="/partners/"' in page and 'hx-push-url="true"' in page


@pytest.mark.django_db
def test_list_shows_an_empty_state_when_nothing_matches(officer_client):
    make_org()
    page = names_in(officer_client.get(LIST, {"q": "zzzzzz"}))
    assert "No partners match" in page
    assert "<strong>0</strong> partners" in page


def _listed(client, **params) -> set[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {org.name for org in response.context["page"].object_list}


@pytest.mark.django_db
def test_search_box_finds_by_name_acronym_and_alias(officer_client):
    make_org("Ciudad de México", country="MX", acronym="CDMX", aliases=["Mexico City"])
    make_org("Municipality of Nairobi")
    assert _listed(officer_client, q="mexico") == {"Ciudad de México"}
    assert _listed(officer_client, q="CDMX") == {"Ciudad de México"}
    assert _listed(officer_client, q="nairobi") == {"Municipality of Nairobi"}


@pytest.mark.django_db
def test_each_filter_narrows_the_list(officer_client, officer, region):
    outcome = Outcome.objects.order_by("code").first()
    a = make_org(
        "Alpha Town",
        country="KE",
        subtype="Municipality",
        status="active",
        owner=officer,
        outcomes=[outcome],
    )
    make_org("Beta Bank", code="development_bank", country="BR", subtype="Regional bank")
    b = make_org("Gamma Fund", code="foundation", country="FR")
    services.organisation_archive(actor=None, organisation=b)
    c = officer_client
    assert _listed(c) == {"Alpha Town", "Beta Bank"}
    assert _listed(c, category="development_bank") == {"Beta Bank"}
    assert _listed(c, subtype="Municipality") == {"Alpha Town"}
    assert _listed(c, country="BR") == {"Beta Bank"}
    assert _listed(c, region=region.code) == {"Alpha Town"}
    assert _listed(c, status="active") == {"Alpha Town"}
    assert _listed(c, outcome=outcome.code) == {"Alpha Town"}
    assert _listed(c, owner=str(officer.pk)) == {"Alpha Town"}
    assert "Gamma Fund" in _listed(c, archived="on")
    assert a.pk  # the archived one is shown only when asked for


@pytest.mark.django_db
def test_sorting_by_name_country_category_and_recent(officer_client):
    make_org("Zeta City", country="AF")
    make_org("Alpha Fund", code="foundation", country="ZW")
    make_org("Mu Bank", code="development_bank", country="MX")

    def order(sort):
        return [o.name for o in officer_client.get(LIST, {"sort": sort}).context["page"]]

    assert order("name") == ["Alpha Fund", "Mu Bank", "Zeta City"]
    assert order("-name") == ["Zeta City", "Mu Bank", "Alpha Fund"]
    assert order("country") == ["Zeta City", "Mu Bank", "Alpha Fund"]
    assert order("category")[0] == "Zeta City"  # local authorities come before banks
    assert order("-updated")[0] == "Mu Bank"


@pytest.mark.django_db
def test_an_invalid_filter_value_is_ignored_not_an_error(officer_client):
    make_org()
    response = officer_client.get(LIST, {"category": "no-such-thing", "page": "abc"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_fragment(officer_client):
    make_org()
    response = officer_client.get(LIST, {"q": "nairobi"}, headers={"HX-Request": "true"})
    page = names_in(response)
    assert response.status_code == 200
    assert "Municipality of Nairobi" in page and "result-count" in page
    assert "<html" not in page and "<form" not in page and 'id="results"' not in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_htmx_history_restore_gets_the_whole_page(officer_client):
    make_org()
    response = officer_client.get(
        LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in names_in(response)


@pytest.mark.django_db
def test_list_is_paginated(officer_client, settings):
    settings.ACCORD_PAGE_SIZE = 5
    for n in range(7):
        make_org(f"Town {n:02d}")
    first = officer_client.get(LIST)
    assert len(first.context["page"].object_list) == 5
    assert "page 1 of 2" in names_in(first)
    second = officer_client.get(LIST, {"page": 2, "q": "town"})
    assert [o.name for o in second.context["page"]] == ["Town 05", "Town 06"]
    assert "q=town" in names_in(second)  # page links keep the filters


def _count_queries(client, django_assert_max_num_queries, bound) -> int:
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_list_runs_the_same_bounded_number_of_queries_for_5_or_30_rows(
    officer_client, officer, django_assert_max_num_queries
):
    outcome = Outcome.objects.order_by("code").first()

    def add(n, start):
        for i in range(start, start + n):
            make_org(
                f"Partner {i:03d}",
                owner=officer,
                outcomes=[outcome],
                aliases=[f"P{i}"],
                country=["KE", "BR", "FR"][i % 3],
            )

    add(5, 0)
    few = _count_queries(officer_client, django_assert_max_num_queries, 12)
    add(25, 5)
    many = _count_queries(officer_client, django_assert_max_num_queries, 12)
    assert few == many


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

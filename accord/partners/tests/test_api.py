import pytest

from accord.accounts.models import Role
from accord.accounts.services import api_token_create
from accord.core.models import HistoryEntry
from accord.partners.models import Contact, Organisation, Relationship
from accord.partners.tests.factories import (
    ContactFactory,
    OrganisationFactory,
    RelationshipFactory,
    country,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture
def api(client, officer):
    client.force_login(officer)
    return client


def bearer(user) -> dict:
    _, key = api_token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anonymous_gets_401_in_the_error_format(client):
    response = client.get(f"{BASE}/organisations")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_bearer_token_authenticates(client, officer):
    OrganisationFactory(name="Token Org")
    response = client.get(f"{BASE}/organisations", **bearer(officer))
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["Token Org"]


def test_invalid_bearer_token_is_401(client):
    response = client.get(f"{BASE}/organisations", HTTP_AUTHORIZATION="Bearer acc_nope")
    assert response.status_code == 401


def test_create_organisation_with_codes(api):
    response = api.post(
        f"{BASE}/organisations",
        {
            "name": "Cities Alliance",
            "category": "un_entity",
            "country": "BEL",
            "aliases": ["CA"],
            "outcomes": ["1.1"],
            "resources_offered": ["financing"],
            "website": "citiesalliance.org",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["country"] == "BE" and body["region"] == "EUROPE_NA"
    assert body["category"] == "un_entity" and body["aliases"] == ["CA"]
    assert body["outcomes"] == ["1.1"] and body["version"] == 1
    assert body["website"] == "https://citiesalliance.org"


def test_create_with_unknown_category_is_a_field_error_not_a_500(api):
    response = api.post(
        f"{BASE}/organisations",
        {"name": "X", "category": "aliens", "email": "bad"},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "Unknown partner category" in errors["category"][0]
    assert errors["email"] == ["Enter a valid email address."]
    assert not Organisation.objects.exists()


def test_create_with_missing_field_is_422_with_the_field_named(api):
    response = api.post(
        f"{BASE}/organisations", {"category": "un_entity"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_roles_that_may_not_create_get_403(client, make_user):
    client.force_login(make_user(Role.MANAGEMENT))
    response = client.post(
        f"{BASE}/organisations",
        {"name": "X", "category": "un_entity"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_list_filters_sorts_and_paginates(api):
    for n in range(5):
        OrganisationFactory(name=f"Kenya Org {n}", country=country("KE"))
    OrganisationFactory(name="Brazil Org", country=country("BR"))
    response = api.get(
        f"{BASE}/organisations", {"country": "KE", "sort": "-name", "page": 2, "page_size": 2}
    )
    body = response.json()
    assert (body["count"], body["page"], body["page_size"]) == (5, 2, 2)
    assert [r["name"] for r in body["results"]] == ["Kenya Org 2", "Kenya Org 1"]
    assert api.get(f"{BASE}/organisations", {"q": "brazil"}).json()["count"] == 1


def test_list_refuses_page_size_over_200_and_unknown_sort(api):
    assert api.get(f"{BASE}/organisations", {"page_size": 201}).status_code == 422
    response = api.get(f"{BASE}/organisations", {"sort": "colour"})
    assert response.status_code == 422 and "sort" in response.json()["errors"]


def test_list_page_beyond_the_end_is_empty(api):
    OrganisationFactory()
    body = api.get(f"{BASE}/organisations", {"page": 9}).json()
    assert body["count"] == 1 and body["results"] == []


def test_list_query_count_does_not_grow_with_rows(api, officer, django_assert_max_num_queries):
    OrganisationFactory.create_batch(2, owner=officer, aliases=["a"], outcomes=["1.1"])
    with django_assert_max_num_queries(8) as before:
        assert api.get(f"{BASE}/organisations").status_code == 200
    OrganisationFactory.create_batch(12, owner=officer, aliases=["b"], outcomes=["1.2"])
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(api.get(f"{BASE}/organisations").json()["results"]) == 14


def test_contact_list_query_count_does_not_grow_with_rows(api, django_assert_max_num_queries):
    ContactFactory.create_batch(2)
    with django_assert_max_num_queries(6) as before:
        assert api.get(f"{BASE}/contacts").status_code == 200
    ContactFactory.create_batch(10)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert api.get(f"{BASE}/contacts").json()["count"] == 12


def test_read_and_patch_with_version(api):
    org = OrganisationFactory(name="Patch Me")
    body = api.get(f"{BASE}/organisations/{org.pk}").json()
    response = api.patch(
        f"{BASE}/organisations/{org.pk}",
        {"version": body["version"], "city": "Nairobi", "outcomes": ["2.2"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["city"] == "Nairobi" and response.json()["version"] == 2
    assert response.json()["name"] == "Patch Me"


def test_patch_with_stale_version_is_409_and_changes_nothing(api):
    org = OrganisationFactory(name="Contested")
    api.patch(f"{BASE}/organisations/{org.pk}", {"city": "A"}, content_type="application/json")
    response = api.patch(
        f"{BASE}/organisations/{org.pk}",
        {"version": 1, "name": "Mine"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["detail"]
    assert Organisation.objects.get(pk=org.pk).name == "Contested"


def test_patch_with_bad_values_is_400_with_field_errors(api):
    org = OrganisationFactory()
    response = api.patch(
        f"{BASE}/organisations/{org.pk}",
        {"resources_offered": ["gold"], "category": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"resources_offered", "category"}


def test_out_of_scope_organisation_is_404_for_a_regional_focal_point(client, make_user, region):
    org = OrganisationFactory(country=country("BR"))
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    assert client.get(f"{BASE}/organisations/{org.pk}").status_code == 404
    response = client.patch(
        f"{BASE}/organisations/{org.pk}", {"city": "X"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_partner_user_reads_own_organisation_but_not_another(client, make_user):
    own, other = OrganisationFactory(), OrganisationFactory()
    client.force_login(make_user(Role.PARTNER, organisation=own))
    assert client.get(f"{BASE}/organisations/{own.pk}").status_code == 200
    assert client.get(f"{BASE}/organisations/{other.pk}").status_code == 404
    assert client.get(f"{BASE}/organisations").json()["count"] == 1
    response = client.patch(
        f"{BASE}/organisations/{own.pk}", {"city": "X"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_archive_hides_from_list_and_restore_brings_back(api):
    org = OrganisationFactory()
    response = api.post(f"{BASE}/organisations/{org.pk}/archive?version=1")
    assert response.status_code == 200 and response.json()["archived"] is True
    assert api.get(f"{BASE}/organisations").json()["count"] == 0
    assert api.get(f"{BASE}/organisations", {"archived": True}).json()["count"] == 1
    assert api.post(f"{BASE}/organisations/{org.pk}/archive").status_code == 400
    assert api.post(f"{BASE}/organisations/{org.pk}/restore").json()["archived"] is False


def test_history_endpoint_lists_changes_with_actor(api, officer):
    org = OrganisationFactory()
    api.patch(f"{BASE}/organisations/{org.pk}", {"city": "Quito"}, content_type="application/json")
    rows = api.get(f"{BASE}/organisations/{org.pk}/history").json()
    assert [r["action"] for r in rows] == ["update", "create"]
    assert rows[0]["changes"] == {"city": ["", "Quito"]} and rows[0]["actor"] == str(officer)


def test_history_is_forbidden_to_partner_users(client, make_user):
    org = OrganisationFactory()
    client.force_login(make_user(Role.PARTNER, organisation=org))
    assert client.get(f"{BASE}/organisations/{org.pk}/history").status_code == 403


def test_contact_crud(api):
    org = OrganisationFactory()
    response = api.post(
        f"{BASE}/contacts",
        {"organisation": org.pk, "first_name": "Li", "last_name": "Wei", "languages": ["zh"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    contact_id = response.json()["id"]
    assert api.get(f"{BASE}/contacts/{contact_id}").json()["organisation"]["id"] == org.pk
    response = api.patch(
        f"{BASE}/contacts/{contact_id}",
        {"version": 1, "job_title": "CEO"},
        content_type="application/json",
    )
    assert response.json()["job_title"] == "CEO" and response.json()["version"] == 2
    assert api.post(f"{BASE}/contacts/{contact_id}/archive").json()["archived"] is True
    assert api.get(f"{BASE}/contacts", {"organisation": org.pk}).json()["count"] == 0


def test_contact_with_consent_basis_needs_its_date(api):
    org = OrganisationFactory()
    response = api.post(
        f"{BASE}/contacts",
        {"organisation": org.pk, "first_name": "A", "last_name": "B", "lawful_basis": "consent"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "consent_given_at" in response.json()["errors"]
    assert not Contact.objects.exists()


def test_contact_outside_scope_is_404(client, make_user, region):
    contact = ContactFactory(organisation=OrganisationFactory(country=country("BR")))
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    assert client.get(f"{BASE}/contacts/{contact.pk}").status_code == 404


def test_relationships_create_list_and_delete(api):
    city, network = OrganisationFactory(name="City"), OrganisationFactory(name="Network")
    response = api.post(
        f"{BASE}/relationships",
        {"source": city.pk, "target": network.pk, "kind": "member_of"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    rel_id = response.json()["id"]
    rows = api.get(f"{BASE}/organisations/{network.pk}/relationships").json()
    assert [(r["source"]["name"], r["kind"]) for r in rows] == [("City", "member_of")]
    assert api.delete(f"{BASE}/relationships/{rel_id}").status_code == 204
    assert not Relationship.objects.exists()
    assert HistoryEntry.objects.filter(model="partners.relationship", action="delete").exists()


def test_self_relationship_is_400(api):
    org = OrganisationFactory()
    response = api.post(
        f"{BASE}/relationships",
        {"source": org.pk, "target": org.pk, "kind": "member_of"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "target" in response.json()["errors"]


def test_relationship_to_an_organisation_outside_scope_is_404(client, make_user, region):
    mine = OrganisationFactory(country=country("KE"))
    theirs = OrganisationFactory(country=country("BR"))
    rel = RelationshipFactory(source=theirs, target=mine)
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    response = client.post(
        f"{BASE}/relationships",
        {"source": mine.pk, "target": theirs.pk, "kind": "funds"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert client.delete(f"{BASE}/relationships/{rel.pk}").status_code == 404

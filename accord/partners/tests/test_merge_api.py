"""The merge endpoints: merge, read, undo, list; errors in the API's format; who may."""

import pytest

from accord.accounts.models import Role
from accord.accounts.services import api_token_create
from accord.partners.models import Contact, Merge, Organisation
from accord.partners.tests.merge_helpers import make_pair
from accord.partners.tests.urls_merge_api import BASE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("accord.partners.tests.urls_merge_api")]


@pytest.fixture
def pair(make_user):
    return make_pair(make_user)


def post(client, url, data=None, **extra):
    return client.post(url, data or {}, content_type="application/json", **extra)


def body(pair, **extra):
    return {"survivor": pair.survivor.pk, "merged": pair.merged.pk, **extra}


def test_merge_read_and_undo_through_the_api(officer_client, pair):
    versions = {"survivor": pair.survivor.version, "merged": pair.merged.version}
    response = post(
        officer_client,
        f"{BASE}/merges",
        body(pair, field_choices={"name": "merged"}, versions=versions),
    )
    assert response.status_code == 201, response.json()
    merge = response.json()
    assert merge["survivor"] == {"id": pair.survivor.pk, "name": "The World Bank Group"}
    assert merge["field_choices"]["name"] == "merged" and merge["undone_at"] is None
    assert {"label": "contacts", "moved": 2, "updated": 1, "dropped": 0, "added": 0} in (
        merge["moved"]
    )
    assert officer_client.get(f"{BASE}/merges/{merge['id']}").json()["id"] == merge["id"]
    listed = officer_client.get(f"{BASE}/merges").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == merge["id"]
    undone = post(officer_client, f"{BASE}/merges/{merge['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    assert Contact.objects.filter(organisation=pair.merged).count() == 2


def test_a_stale_version_is_409(officer_client, pair):
    versions = {"survivor": pair.survivor.version - 1}
    response = post(officer_client, f"{BASE}/merges", body(pair, versions=versions))
    assert response.status_code == 409 and "changed by someone else" in response.json()["detail"]
    assert not Merge.objects.exists()


def test_a_bad_choice_is_a_field_error_not_a_500(officer_client, pair):
    response = post(officer_client, f"{BASE}/merges", body(pair, field_choices={"name": "both"}))
    assert response.status_code == 422
    response = post(officer_client, f"{BASE}/merges", body(pair, field_choices={"size": "merged"}))
    assert response.status_code == 400
    assert "Unknown field(s): size" in response.json()["errors"]["field_choices"][0]


def test_undoing_twice_is_400_with_the_reason(officer_client, pair):
    merge = post(officer_client, f"{BASE}/merges", body(pair)).json()
    post(officer_client, f"{BASE}/merges/{merge['id']}/undo")
    response = post(officer_client, f"{BASE}/merges/{merge['id']}/undo")
    assert (
        response.status_code == 400 and "already undone" in response.json()["errors"]["__all__"][0]
    )


def test_bearer_token_authenticates_and_anonymous_is_401(client, officer, pair):
    assert post(client, f"{BASE}/merges", body(pair)).status_code == 401
    _, key = api_token_create(user=officer, name="tests")
    response = post(client, f"{BASE}/merges", body(pair), HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.OFFICER, 201), (Role.ADMIN, 201), (Role.PROGRAMME, 403), (Role.MANAGEMENT, 403)],
)
def test_who_may_merge_through_the_api(client, make_user, pair, role, status):
    client.force_login(make_user(role))
    assert post(client, f"{BASE}/merges", body(pair)).status_code == status


def test_another_regions_organisations_are_404(client, make_user, other_region, pair):
    client.force_login(make_user(Role.REGIONAL, regions=[other_region]))
    assert post(client, f"{BASE}/merges", body(pair)).status_code == 404
    assert not Organisation.objects.filter(archived_at__isnull=False).exists()


def test_a_merge_of_another_region_is_404_and_undo_needs_the_right_to_edit(
    client, officer, make_user, other_region, pair
):
    client.force_login(officer)
    merge = post(client, f"{BASE}/merges", body(pair)).json()
    client.force_login(make_user(Role.REGIONAL, regions=[other_region]))
    assert client.get(f"{BASE}/merges/{merge['id']}").status_code == 404
    assert client.get(f"{BASE}/merges").json()["count"] == 0
    client.force_login(make_user(Role.PROGRAMME))
    assert client.get(f"{BASE}/merges/{merge['id']}").status_code == 200
    assert post(client, f"{BASE}/merges/{merge['id']}/undo").status_code == 403


def test_the_merge_list_runs_a_bounded_number_of_queries(
    officer_client, make_user, django_assert_max_num_queries
):
    for n in range(3):
        pair = make_pair(make_user, country=["KE", "BR", "FR"][n], tag=str(n))
        post(officer_client, f"{BASE}/merges", body(pair))
    with django_assert_max_num_queries(8):
        response = officer_client.get(f"{BASE}/merges")
    assert response.json()["count"] == 3


def test_the_endpoints_are_in_the_openapi_document(officer_client):
    paths = officer_client.get(f"{BASE}/openapi.json").json()["paths"]
    assert {"/api/merge-tests/merges", "/api/merge-tests/merges/{merge_id}/undo"} <= set(paths)

"""The data-quality API: "is it already registered?", the open candidates, "not a duplicate".

The lead mounts `accord.partners.api_quality.router` under /api/v1/; these tests mount it on
an API of their own (same authentication and error format) so they do not depend on that."""

import pytest
from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import SessionAuth

import config.urls
from accord.accounts.auth import BearerToken
from accord.accounts.models import Role
from accord.api import errors
from accord.partners import api_quality, duplicates
from accord.partners.models import DuplicateCandidate
from accord.partners.tests.factories import OrganisationFactory, country

_api = NinjaAPI(
    title="Data quality (tests)",
    version="test",
    urls_namespace="quality-tests",
    auth=[BearerToken(), SessionAuth(csrf=True)],
)
errors.install(_api)
_api.add_router("/", api_quality.router)
urlpatterns = [path("quality-tests/v1/", _api.urls), path("", include(config.urls))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
BASE = "/quality-tests/v1"


@pytest.fixture
def api(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def pair():
    a = OrganisationFactory(name="Kibera Slum Dwellers Federation", acronym="KSDF", ref="K-1")
    b = OrganisationFactory(name="KIBERA SLUM-DWELLERS FEDERATION", ref="K-2")
    duplicates.duplicate_scan()
    return a, b


def test_check_returns_scored_candidates_with_reasons(api, pair):
    response = api.get(
        f"{BASE}/organisations/duplicates/check",
        {"name": "Kibera Slum Dwellers Federation Ltd", "country": "KE"},
    )
    assert response.status_code == 200
    rows = response.json()
    assert [r["organisation"]["ref"] for r in rows] == ["K-1", "K-2"]
    assert rows[0]["score"] == 1.0
    assert "same name once normalised (“kibera slum dwellers federation”)" in rows[0]["reasons"]


def test_check_by_acronym_and_exclude(api, pair):
    rows = api.get(
        f"{BASE}/organisations/duplicates/check", {"name": "KSDF", "exclude": [pair[1].pk]}
    ).json()
    assert [r["organisation"]["id"] for r in rows] == [pair[0].pk]


def test_check_needs_a_name_and_answers_in_the_error_format(api):
    response = api.get(f"{BASE}/organisations/duplicates/check", {"name": ""})
    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_check_shows_only_organisations_the_caller_may_see(client, make_user, region):
    OrganisationFactory(name="Quito Housing Cooperative", country=country("EC"))
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    rows = client.get(
        f"{BASE}/organisations/duplicates/check", {"name": "Quito Housing Cooperative"}
    ).json()
    assert rows == []


def test_check_is_refused_to_roles_that_may_not_read_the_registry(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    response = client.get(f"{BASE}/organisations/duplicates/check", {"name": "Kibera"})
    assert response.status_code == 403


def test_open_candidates_are_listed_paginated(api, pair, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        data = api.get(f"{BASE}/duplicates", {"page_size": 10}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["first"]["ref"], row["second"]["ref"], row["status"]) == ("K-1", "K-2", "open")


def test_not_a_duplicate_is_remembered(api, pair):
    candidate = DuplicateCandidate.objects.get()
    response = api.post(f"{BASE}/duplicates/{candidate.pk}/not-duplicate?note=Two+federations")
    assert response.status_code == 200
    assert response.json()["status"] == "not_duplicate"
    candidate.refresh_from_db()
    assert candidate.note == "Two federations"
    assert api.get(f"{BASE}/duplicates").json()["count"] == 0
    again = api.post(f"{BASE}/duplicates/{candidate.pk}/not-duplicate")
    assert again.status_code == 400
    assert again.json()["errors"] == {"status": ["This pair has already been decided."]}


def test_queue_needs_the_right_to_edit_and_hides_pairs_out_of_scope(client, make_user, pair):
    candidate = DuplicateCandidate.objects.get()
    client.force_login(make_user(Role.PROGRAMME))
    assert client.get(f"{BASE}/duplicates").status_code == 403
    client.force_login(make_user(Role.REGIONAL, regions=[]))
    assert client.get(f"{BASE}/duplicates").json()["count"] == 0
    assert client.post(f"{BASE}/duplicates/{candidate.pk}/not-duplicate").status_code == 404

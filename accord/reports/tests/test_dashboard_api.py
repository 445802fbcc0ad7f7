"""GET /api/v1/reports/dashboard: the dashboard's figures as JSON, the API's error format."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from accord.accounts.models import Role
from accord.engagement.tests.conftest import kenyan, user_of  # noqa: F401 (fixtures)
from accord.partners.tests.factories import OrganisationFactory, country

URL = "/api/v1/reports/dashboard"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_figures_as_json(client, make_user, kenyan, django_assert_max_num_queries):  # noqa: F811
    OrganisationFactory(name="Prefeitura de Recife", country=country("BR"))
    client.force_login(make_user(Role.MANAGEMENT))
    with django_assert_max_num_queries(70):
        response = client.get(URL, {"region": "africa"})
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == timezone.localdate().year
    assert body["region"] == "AFRICA"
    assert body["partners"]["total"] == 1
    assert body["partners"]["by_country"] == [{"code": "KE", "name": "Kenya", "count": 1}]
    assert [s["key"] for s in body["pipeline"]][0] == "identified"
    assert {s["key"] for s in body["attention"]} == {"obligations", "expiring", "hits", "stale"}


def test_unknown_region_is_a_field_error(client, make_user, db):
    client.force_login(make_user(Role.MANAGEMENT))
    response = client.get(URL, {"region": "MOON"})
    assert response.status_code == 400
    assert "region" in response.json()["errors"]
    response = client.get(URL, {"region": "AF\x00"})
    assert response.status_code == 422
    assert "region" in response.json()["errors"]
    response = client.get(URL, {"year": "soon"})
    assert response.status_code == 422
    assert "year" in response.json()["errors"]


@pytest.mark.parametrize(
    ("kind", "status"),
    [("anonymous", 401), (Role.PARTNER, 403), (Role.REVIEWER, 403), ("regional", 200)],
)
def test_permissions(client, user_of, kind, status):  # noqa: F811
    if kind != "anonymous":
        client.force_login(user_of(kind))
    response = client.get(URL)
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("application/json")

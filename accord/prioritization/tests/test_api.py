"""The REST endpoints: every role, region scoping (another region's partner answers 404),
partner users refused, the breakdown, filters and paging, and query bounds."""

import pytest

from accord.accounts.models import Role
from accord.partners.tests.factories import OrganisationFactory, country
from accord.prioritization import scoring

pytestmark = pytest.mark.django_db
READERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME, Role.MANAGEMENT]
EVERYONE = [*READERS, Role.REVIEWER, "partner", "anonymous"]
SCORES = "/api/v1/priorities/scores"


def answer(client, user, url, params=None):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url, params or {})


@pytest.mark.parametrize("kind", EVERYONE)
@pytest.mark.parametrize("url", [SCORES, "/api/v1/priorities/models"])
def test_reading_lists(client, user_of, kind, url, scored):
    response = answer(client, user_of(kind), url)
    expected = 200 if kind in READERS else 401 if kind == "anonymous" else 403
    assert response.status_code == expected
    if expected != 200:
        assert "detail" in response.json()


@pytest.mark.parametrize("kind", EVERYONE)
def test_reading_one_score(client, user_of, kind, scored):
    response = answer(client, user_of(kind), f"{SCORES}/{scored.acme.pk}")
    expected = 200 if kind in READERS else 401 if kind == "anonymous" else 403
    assert response.status_code == expected


def test_one_score_has_its_breakdown_in_words(api, scored):
    body = api.get(f"{SCORES}/{scored.acme.pk}").json()
    assert body["total"] == 71.85 and body["category_rank"] == 1 and body["category_size"] == 2
    assert body["trend"] == "new" and body["region"] == "AFRICA"
    parts = {p["criterion"]: p for p in body["breakdown"]}
    assert parts["alignment"]["value"] == 0.875 and parts["alignment"]["weight"] == 40
    assert parts["alignment"]["words"].startswith("Strong alignment: 3 of the 4 priority outcomes")
    assert body["run"]["model_version"] == scored.model.number


def test_a_regional_focal_point_gets_404_outside_their_region(client, regional, scored):
    client.force_login(regional)
    assert client.get(f"{SCORES}/{scored.beta.pk}").status_code == 404
    names = [r["organisation"]["name"] for r in client.get(SCORES).json()["results"]]
    assert names == ["Acme Water", "Civic Lab"]


def test_unscored_or_unknown_partners_answer_404(api, scored):
    late = OrganisationFactory(name="Late")
    assert api.get(f"{SCORES}/{late.pk}").status_code == 404
    assert api.get(f"{SCORES}/999999").status_code == 404


def test_filters_and_paging(api, scored):
    body = api.get(SCORES, {"category": "private_sector", "page_size": 1}).json()
    assert body["count"] == 2 and [r["organisation"]["name"] for r in body["results"]] == [
        "Acme Water"
    ]
    assert api.get(SCORES, {"region": "LAC"}).json()["count"] == 1
    bad = api.get(SCORES, {"page_size": 0})
    assert bad.status_code == 422 and "page_size" in bad.json()["errors"]


def test_models_list_the_versions_with_weights_and_priorities(api, scored):
    body = api.get("/api/v1/priorities/models").json()
    focused = next(m for m in body if m["number"] == scored.model.number)
    assert focused["status"] == "active" and focused["copied_from"] == 1
    assert focused["weights"]["alignment"] == 40
    assert focused["priority_countries"] == ["BR", "KE"]
    assert next(m for m in body if m["number"] == 1)["status"] == "retired"


def test_list_queries_do_not_grow_with_rows(api, scored, django_assert_max_num_queries):
    for n in range(30):
        OrganisationFactory(name=f"Extra {n}", category="private_sector", country=country("KE"))
    scoring.score_partners(model=scored.model)
    with django_assert_max_num_queries(8):
        body = api.get(SCORES, {"page_size": 50}).json()
    assert len(body["results"]) == 33
    with django_assert_max_num_queries(10):
        api.get("/api/v1/priorities/models")
    with django_assert_max_num_queries(10):
        api.get(f"{SCORES}/{scored.acme.pk}")

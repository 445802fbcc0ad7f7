"""The engagement endpoints: list with filters, create, read, update, history, follow-ups;
errors in the API's format; regional scoping (404); bounded queries."""

import pytest

from accord.accounts.models import Role
from accord.accounts.services import api_token_create
from accord.engagement.models import Engagement
from accord.engagement.tests.factories import EngagementFactory, FollowUpFactory, days_ago
from accord.engagement.tests.helpers import BASE, patch, post
from accord.partners.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_and_bearer_tokens_work(client, officer, kenyan):
    assert client.get(f"{BASE}/engagements").status_code == 401
    EngagementFactory(organisations=[kenyan], title="By token")
    _, key = api_token_create(user=officer, name="tests")
    response = client.get(f"{BASE}/engagements", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert [r["title"] for r in response.json()["results"]] == ["By token"]


def test_create_with_codes_and_read_back(api, officer, kenyan):
    contact = ContactFactory(organisation=kenyan)
    response = post(
        api,
        f"{BASE}/engagements",
        {
            "title": "Voluntary local review clinic",
            "kind": "capacity_building",
            "start_date": days_ago(4).isoformat(),
            "organisations": [kenyan.pk],
            "contacts": [contact.pk],
            "staff": [officer.pk],
            "lead_region": "AFRICA",
            "country": "KEN",
            "strategies": ["2.1"],
            "outcomes": ["1.1"],
            "flagship": "5",
            "sdgs": [11],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "held" and body["country"] == "KE" and body["lead_region"] == "AFRICA"
    assert body["partners"] == [{"id": kenyan.pk, "name": "Nairobi City County"}]
    assert body["strategies"] == ["2.1"] and body["sdgs"] == [11] and body["version"] == 1
    assert api.get(f"{BASE}/engagements/{body['id']}").json() == body


def test_bad_input_is_a_field_error_and_stores_nothing(api, kenyan):
    response = post(
        api,
        f"{BASE}/engagements",
        {
            "title": "X",
            "kind": "party",
            "start_date": days_ago(1).isoformat(),
            "organisations": [kenyan.pk],
            "strategies": ["9.42"],
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"kind", "strategies"} and not Engagement.objects.exists()
    response = post(api, f"{BASE}/engagements", {"title": "X", "start_date": "yesterday"})
    assert response.status_code == 422 and set(response.json()) == {"detail", "errors"}


def test_update_with_version_and_conflict(api, kenyan, brazilian):
    e = EngagementFactory(organisations=[kenyan])
    url = f"{BASE}/engagements/{e.pk}"
    response = patch(
        api,
        url,
        {"version": 1, "organisations": [kenyan.pk, brazilian.pk], "summary": "Added Recife"},
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    assert len(response.json()["partners"]) == 2
    assert patch(api, url, {"version": 1, "summary": "Stale"}).status_code == 409
    history = api.get(f"{url}/history").json()
    assert [h["action"] for h in history] == ["update", "create"]
    assert "_organisation_ids" not in history[0]["changes"]


def test_list_filters_and_pages(api, kenyan, brazilian):
    EngagementFactory(title="Kenya", organisations=[kenyan], strategies=["2.3"])
    EngagementFactory(title="Brazil", organisations=[brazilian], start_date=days_ago(400))
    body = api.get(f"{BASE}/engagements", {"strategy": "2.3"}).json()
    assert [r["title"] for r in body["results"]] == ["Kenya"]
    body = api.get(f"{BASE}/engagements", {"date_to": days_ago(100).isoformat()}).json()
    assert [r["title"] for r in body["results"]] == ["Brazil"]
    body = api.get(f"{BASE}/engagements", {"page_size": 1, "page": 2}).json()
    assert body["count"] == 2 and [r["title"] for r in body["results"]] == ["Brazil"]
    assert api.get(f"{BASE}/engagements", {"page_size": 1000}).status_code == 422


def test_regional_focal_points_get_404_outside_their_scope(client, regional, kenyan, brazilian):
    theirs = EngagementFactory(organisations=[brazilian])
    EngagementFactory(organisations=[kenyan], title="Mine")
    client.force_login(regional)
    assert client.get(f"{BASE}/engagements/{theirs.pk}").status_code == 404
    assert patch(client, f"{BASE}/engagements/{theirs.pk}", {"summary": "x"}).status_code == 404
    titles = [r["title"] for r in client.get(f"{BASE}/engagements").json()["results"]]
    assert titles == ["Mine"]
    response = post(
        client,
        f"{BASE}/engagements",
        {
            "title": "X",
            "kind": "meeting",
            "start_date": days_ago(1).isoformat(),
            "organisations": [brazilian.pk],
        },
    )
    assert (
        response.status_code == 400
        and "outside your scope" in response.json()["errors"]["organisations"][0]
    )


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.REVIEWER, Role.PARTNER])
def test_roles_that_may_not_log_get_403(client, make_user, kenyan, role):
    client.force_login(make_user(role))
    response = post(
        client,
        f"{BASE}/engagements",
        {
            "title": "X",
            "kind": "meeting",
            "start_date": days_ago(1).isoformat(),
            "organisations": [kenyan.pk],
        },
    )
    assert response.status_code == 403


def test_follow_ups_through_the_api(api, officer, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    url = f"{BASE}/engagements/{e.pk}/follow-ups"
    response = post(
        api,
        url,
        {
            "description": "Send the report",
            "owner": officer.pk,
            "due_date": days_ago(2).isoformat(),
        },
    )
    assert response.status_code == 201 and response.json()["overdue"] is True
    follow_up_id = response.json()["id"]
    assert [f["id"] for f in api.get(url).json()] == [follow_up_id]
    assert api.get(f"{BASE}/follow-ups").json()["count"] == 1
    done = post(api, f"{BASE}/follow-ups/{follow_up_id}/done", {})
    assert done.status_code == 200 and done.json()["done_at"]
    assert post(api, f"{BASE}/follow-ups/{follow_up_id}/done", {}).status_code == 400
    assert api.get(f"{BASE}/follow-ups").json()["count"] == 0
    bad = post(api, url, {"description": "", "owner": 999_999, "due_date": "2025-01-01"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"description", "owner"}


def test_lists_run_the_same_queries_whatever_the_rows(
    api, officer, kenyan, brazilian, django_assert_max_num_queries
):
    def count(url) -> int:
        with django_assert_max_num_queries(15) as captured:
            assert api.get(url).status_code == 200
        return len(captured.captured_queries)

    def add(n):
        for _ in range(n):
            e = EngagementFactory(
                organisations=[kenyan, brazilian],
                strategies=["2.3"],
                staff=[officer],
                sdgs=[11],
                outcomes=["1.1"],
                contacts=[ContactFactory(organisation=kenyan)],
            )
            FollowUpFactory(engagement=e, owner=officer)

    add(2)
    few = count(f"{BASE}/engagements"), count(f"{BASE}/follow-ups")
    add(8)
    assert (count(f"{BASE}/engagements"), count(f"{BASE}/follow-ups")) == few


def test_the_openapi_document_lists_the_engagement_endpoints_once(api):
    doc = api.get(f"{BASE}/openapi.json").json()
    ids = [op["operationId"] for path in doc["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    for path in (
        "/api/v1/engagements",
        "/api/v1/follow-ups",
        "/api/v1/governance-bodies",
        "/api/v1/plan-actions/{action_id}/transitions",
    ):
        assert path in doc["paths"]

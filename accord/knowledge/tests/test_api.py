"""The knowledge endpoints: shapes, filters, paging, the body sanitised, changes of state,
disseminations to many partners, errors per the contract (never a 500 for bad input), scope
and query counts."""

from datetime import date, timedelta

import pytest

from accord.accounts.models import Role
from accord.knowledge.models import Dissemination, Item
from accord.knowledge.tests.factories import item, published

pytestmark = pytest.mark.django_db
BASE = "/api/v1/knowledge"
JSON = "application/json"


def test_write_read_publish_and_list(api, kenyan):
    created = api.post(
        f"{BASE}/items",
        {
            "kind": "impact_story",
            "title": "Green corridors",
            "summary": "Shade for walkers.",
            "body": '<p>Trees <img src=x onerror="alert(1)">planted</p>',
            "date": "2025-05-02",
            "outcomes": ["1.1"],
            "countries": ["KE"],
            "flagships": ["1"],
            "partners": [{"organisation": kenyan.pk, "role": "produced"}],
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["body"] == "<p>Trees planted</p>" and body["state"] == "draft"
    assert body["partners"] == [
        {"organisation": kenyan.pk, "role": "produced", "name": "Nairobi City County"}
    ]
    assert [t["name"] for t in body["transitions"]] == ["submit"]
    pk = body["id"]
    for name in ("submit", "publish"):
        moved = api.post(
            f"{BASE}/items/{pk}/transition",
            {"transition": name, "version": Item.objects.get(pk=pk).version},
            content_type=JSON,
        )
        assert moved.status_code == 200, moved.json()
    assert moved.json()["state"] == "published"
    listed = api.get(f"{BASE}/items", {"outcome": "1.1", "flagship": "1", "country": "ke"}).json()
    assert listed["count"] == 1 and listed["results"][0]["title"] == "Green corridors"
    assert api.get(f"{BASE}/items", {"kind": "dataset"}).json()["count"] == 0


def test_edit_with_a_version(api):
    made = item()
    changed = api.patch(
        f"{BASE}/items/{made.pk}", {"version": 1, "title": "New title"}, content_type=JSON
    )
    assert changed.status_code == 200 and changed.json()["title"] == "New title"
    stale = api.patch(
        f"{BASE}/items/{made.pk}", {"version": 1, "title": "Older"}, content_type=JSON
    )
    assert stale.status_code == 409 and "someone else" in stale.json()["detail"]
    history = api.get(f"{BASE}/items/{made.pk}/history").json()
    assert history[0]["changes"]["title"] == ["Mapping Mathare with its residents", "New title"]


def test_bad_input_is_a_clear_4xx(api, kenyan):
    schema = api.post(f"{BASE}/items", {"kind": "impact_story"}, content_type=JSON)
    assert schema.status_code == 422 and {"title", "date"} <= set(schema.json()["errors"])
    rules = api.post(
        f"{BASE}/items",
        {
            "kind": "poem",
            "title": "x",
            "date": "2025-01-01",
            "outcomes": ["9.9"],
            "partners": [{"organisation": 999999, "role": "took_part"}],
        },
        content_type=JSON,
    )
    assert rules.status_code == 400
    assert {"kind", "outcomes", "partners"} <= set(rules.json()["errors"])
    draft = item(summary="")
    refused = api.post(
        f"{BASE}/items/{draft.pk}/transition",
        {"transition": "submit", "version": 1},
        content_type=JSON,
    )
    assert refused.status_code == 400 and "summary" in refused.json()["errors"]
    unknown = api.post(
        f"{BASE}/items/{draft.pk}/transition",
        {"transition": "fly", "version": 1},
        content_type=JSON,
    )
    assert unknown.status_code == 400 and "fly" in unknown.json()["errors"]["transition"][0]
    assert api.get(f"{BASE}/items/424242").status_code == 404
    assert api.get(f"{BASE}/items", {"outcome": "9.9"}).status_code == 400
    assert api.get(f"{BASE}/items", {"page": 0}).status_code == 422


def test_disseminate_to_many_and_list(api, kenyan, brazilian):
    story = published()
    sent = api.post(
        f"{BASE}/items/{story.pk}/disseminations",
        {
            "channel": "newsletter",
            "sent_on": date.today().isoformat(),
            "organisations": [kenyan.pk, brazilian.pk],
            "note": "Issue 3",
        },
        content_type=JSON,
    )
    assert sent.status_code == 201, sent.json()
    assert sent.json()["recipient_count"] == 2
    bad = api.post(
        f"{BASE}/items/{story.pk}/disseminations",
        {
            "channel": "newsletter",
            "sent_on": (date.today() + timedelta(days=3)).isoformat(),
            "organisations": [kenyan.pk, 777777],
        },
        content_type=JSON,
    )
    assert bad.status_code == 400
    assert {"sent_on", "organisations"} <= set(bad.json()["errors"])
    assert "777777" in bad.json()["errors"]["organisations"][0]
    assert Dissemination.objects.count() == 1
    listed = api.get(f"{BASE}/disseminations", {"partner": brazilian.pk}).json()
    assert listed["count"] == 1 and listed["results"][0]["note"] == "Issue 3"
    draft = item()
    early = api.post(
        f"{BASE}/items/{draft.pk}/disseminations",
        {
            "channel": "email",
            "sent_on": date.today().isoformat(),
            "organisations": [kenyan.pk],
        },
        content_type=JSON,
    )
    assert early.status_code == 400 and "publish it first" in early.json()["errors"]["item"][0]


def test_lists_run_bounded_queries(api, kenyan, brazilian, django_assert_max_num_queries):
    for n in range(12):
        story = published(
            title=f"Story {n}",
            outcomes=["1.1"],
            countries=["KE"],
            flagships=["2"],
            partners=[(kenyan.pk, "featured")],
        )
        api.post(
            f"{BASE}/items/{story.pk}/disseminations",
            {
                "channel": "email",
                "sent_on": date.today().isoformat(),
                "organisations": [kenyan.pk, brazilian.pk],
            },
            content_type=JSON,
        )
    with django_assert_max_num_queries(12):
        page = api.get(f"{BASE}/items", {"page_size": 10}).json()
    assert (page["count"], len(page["results"])) == (12, 10)
    assert all(r["partners"] and r["outcomes"] == ["1.1"] for r in page["results"])
    with django_assert_max_num_queries(10):
        sent = api.get(f"{BASE}/disseminations", {"page_size": 10}).json()
    assert sent["count"] == 12 and len(sent["results"][0]["recipients"]) == 2


@pytest.mark.parametrize(
    ("kind", "read", "write", "publish"),
    [
        (Role.MANAGEMENT, 200, 403, 404),  # an item in review is not theirs to see
        (Role.PROGRAMME, 200, 201, 403),
        (Role.OFFICER, 200, 201, 200),
        (Role.REVIEWER, 403, 403, 403),
        ("partner", 403, 403, 403),
    ],
)
def test_roles(client, user_of, kind, read, write, publish):
    client.force_login(user_of(kind))
    assert client.get(f"{BASE}/items").status_code == read
    made = client.post(
        f"{BASE}/items", {"kind": "dataset", "title": "T", "date": "2025-01-01"}, content_type=JSON
    )
    assert made.status_code == write
    waiting = item()
    waiting.state = "in_review"
    waiting.save()
    moved = client.post(
        f"{BASE}/items/{waiting.pk}/transition",
        {"transition": "publish", "version": waiting.version},
        content_type=JSON,
    )
    assert moved.status_code == publish


def test_anonymous_is_told_to_authenticate(client):
    response = client.get(f"{BASE}/items")
    assert response.status_code == 401 and "detail" in response.json()


def test_the_endpoints_are_in_the_openapi_document(api):
    document = api.get("/api/v1/openapi.json").json()
    assert {f"/api/v1{BASE[7:]}/items", f"/api/v1{BASE[7:]}/disseminations"} <= set(
        document["paths"]
    )
    assert "KnowledgeItemOut" in document["components"]["schemas"]

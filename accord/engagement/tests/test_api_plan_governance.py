"""The plan and governance endpoints: actions with the transitions the user may take now,
every refusal with its message, notes; bodies, members, sessions, participation by partner
category; permissions and bounded queries."""

import pytest

from accord.accounts.models import Role
from accord.engagement import governance_services
from accord.engagement.tests.factories import (
    BodySessionFactory,
    EngagementFactory,
    PlanActionFactory,
    body,
    days_ago,
)
from accord.engagement.tests.helpers import BASE, post

pytestmark = pytest.mark.django_db


def test_create_an_action_and_move_it_through_its_states(api, officer, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    response = post(
        api,
        f"{BASE}/plan-actions",
        {
            "title": "Local authorities at the Executive Board",
            "category": "local_authority",
            "strategies": ["2.3"],
            "owner": officer.pk,
            "due_date": days_ago(-30).isoformat(),
            "engagements": [e.pk],
        },
    )
    assert response.status_code == 201, response.json()
    action = response.json()
    assert action["status"] == "planned" and action["strategies"] == ["2.3"]
    assert [t["name"] for t in action["transitions"]] == ["start", "drop"]
    assert action["engagements"] == [{"id": e.pk, "name": e.title}]
    url = f"{BASE}/plan-actions/{action['id']}/transitions"
    refused = post(api, url, {"transition": "complete", "version": 1})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "transition": ["An action that is “Planned” cannot be marked done."]
    }
    started = post(api, url, {"transition": "start", "version": 1}).json()
    assert started["status"] == "in_progress"
    assert [t["name"] for t in started["transitions"]] == ["complete", "postpone", "drop"]
    no_note = post(api, url, {"transition": "complete"})
    assert "Add a progress note" in no_note.json()["errors"]["note"][0]
    done = post(api, url, {"transition": "complete", "note": "Twelve mayors attended"}).json()
    assert (
        done["status"] == "done"
        and done["completed_on"]
        and done["notes"][0]["transition"] == "complete"
    )
    assert post(api, url, {"transition": "start", "version": 1}).status_code == 400
    stale = post(api, url, {"transition": "reopen", "note": "Again", "version": 1})
    assert stale.status_code == 409
    unknown = post(api, url, {"transition": "fly"})
    assert unknown.json()["errors"] == {"transition": ["There is no status change called “fly”."]}


def test_plan_list_filters_and_notes(api, officer):
    PlanActionFactory(title="Late", owner=officer, due_date=days_ago(5))
    PlanActionFactory(title="Fine", owner=officer, due_date=days_ago(-5))
    body = api.get(f"{BASE}/plan-actions", {"overdue": True}).json()
    assert [(r["title"], r["overdue"]) for r in body["results"]] == [("Late", True)]
    action_id = body["results"][0]["id"]
    note = post(api, f"{BASE}/plan-actions/{action_id}/notes", {"text": "Chased the owner"})
    assert note.status_code == 201 and note.json()["author"] == str(officer)
    assert post(api, f"{BASE}/plan-actions/{action_id}/notes", {"text": " "}).status_code == 400
    history = api.get(f"{BASE}/plan-actions/{action_id}/history").json()
    assert history[0]["note"] == "Progress note: Chased the owner"


def test_plan_permissions(client, make_user, officer):
    action = PlanActionFactory(owner=officer, region="LAC")
    client.force_login(make_user(Role.MANAGEMENT))
    read = client.get(f"{BASE}/plan-actions/{action.pk}").json()
    assert read["transitions"] == []
    url = f"{BASE}/plan-actions/{action.pk}/transitions"
    assert post(client, url, {"transition": "start"}).status_code == 403
    assert (
        post(client, f"{BASE}/plan-actions", {"title": "x", "category": "government"}).status_code
        == 403
    )
    client.force_login(make_user(Role.PARTNER))
    assert client.get(f"{BASE}/plan-actions").status_code == 403
    assert client.get(f"{BASE}/plan-actions/{action.pk}").status_code == 403


def test_patch_an_action(api, officer):
    action = PlanActionFactory(owner=officer)
    response = api.patch(
        f"{BASE}/plan-actions/{action.pk}",
        {"version": 1, "strategies": ["1.1"]},
        content_type="application/json",
    )
    assert (
        response.status_code == 400
        and "belong to another partner category" in response.json()["errors"]["strategies"][0]
    )
    response = api.patch(
        f"{BASE}/plan-actions/{action.pk}",
        {"version": 1, "strategies": ["2.2"], "region": "LAC"},
        content_type="application/json",
    )
    assert response.json()["strategies"] == ["2.2"] and response.json()["region"] == "LAC"


# --- governance ---


def test_bodies_members_sessions_and_participation(api, officer, kenyan, brazilian):
    bodies = api.get(f"{BASE}/governance-bodies").json()
    assert bodies["count"] == 6
    board = body()
    member = post(
        api,
        f"{BASE}/governance-bodies/{board.pk}/members",
        {"organisation": kenyan.pk, "role": "Member", "term_start": "2024-01-01"},
    )
    assert member.status_code == 201 and member.json()["category"] == "local_authority"
    ended = post(
        api, f"{BASE}/governance-memberships/{member.json()['id']}/end", {"term_end": "2025-01-01"}
    )
    assert ended.json()["term_end"] == "2025-01-01"
    assert (
        api.get(f"{BASE}/governance-bodies/{board.pk}/members", {"current": True}).json()["count"]
        == 0
    )
    session = post(
        api,
        f"{BASE}/governance-bodies/{board.pk}/sessions",
        {"title": "Annual session 2024", "start_date": "2024-06-25"},
    ).json()
    url = f"{BASE}/governance-sessions/{session['id']}/participants"
    assert post(api, url, {"organisation": kenyan.pk, "role": "speaker"}).status_code == 201
    assert post(api, url, {"organisation": kenyan.pk}).status_code == 400
    assert post(api, url, {"organisation": brazilian.pk, "role": "observer"}).status_code == 201
    detail = api.get(f"{BASE}/governance-sessions/{session['id']}").json()
    assert detail["participant_count"] == 2 and len(detail["participants"]) == 2
    table = api.get(f"{BASE}/governance-bodies/{board.pk}/participation").json()
    assert table["rows"] == [
        {
            "year": 2024,
            "total": 2,
            "local_share": 100,
            "counts": {
                c["code"]: (2 if c["code"] == "local_authority" else 0) for c in table["categories"]
            },
        }
    ]
    gone = api.delete(f"{BASE}/governance-participations/{detail['participants'][0]['id']}")
    assert gone.status_code == 204


def test_governance_permissions(client, make_user, regional, brazilian):
    board = body()
    client.force_login(make_user(Role.OFFICER))
    assert post(client, f"{BASE}/governance-bodies", {"name": "New"}).status_code == 403
    client.force_login(make_user(Role.ADMIN, is_superuser=True))
    made = post(client, f"{BASE}/governance-bodies", {"name": "New forum", "kind": "other"})
    assert made.status_code == 201 and made.json()["code"] == "new-forum"
    assert (
        client.patch(
            f"{BASE}/governance-bodies/{board.pk}",
            {"version": 99, "name": "EB"},
            content_type="application/json",
        ).status_code
        == 409
    )
    membership = governance_services.membership_add(actor=None, body=board, organisation=brazilian)
    client.force_login(regional)
    assert client.get(f"{BASE}/governance-bodies/{board.pk}/members").json()["count"] == 0
    assert client.delete(f"{BASE}/governance-memberships/{membership.pk}").status_code == 404
    assert (
        post(
            client,
            f"{BASE}/governance-bodies/{board.pk}/sessions",
            {"title": "x", "start_date": "2024-01-01"},
        ).status_code
        == 403
    )
    client.force_login(make_user(Role.REVIEWER))
    assert client.get(f"{BASE}/governance-bodies").status_code == 403


def test_plan_and_governance_lists_run_the_same_queries_whatever_the_rows(
    api, officer, kenyan, brazilian, django_assert_max_num_queries
):
    board = body()

    def counts() -> tuple:
        found = []
        for url in (
            f"{BASE}/plan-actions",
            f"{BASE}/governance-bodies",
            f"{BASE}/governance-bodies/{board.pk}/members",
            f"{BASE}/governance-bodies/{board.pk}/sessions",
        ):
            with django_assert_max_num_queries(10) as captured:
                assert api.get(url).status_code == 200
            found.append(len(captured.captured_queries))
        return tuple(found)

    def add(n):
        for _ in range(n):
            PlanActionFactory(strategies=["2.3"], owner=officer, region="AFRICA")
            governance_services.membership_add(actor=None, body=board, organisation=kenyan)
            session = BodySessionFactory(body=board)
            governance_services.participation_add(
                actor=None, session=session, organisation=brazilian
            )

    add(1)
    few = counts()
    add(6)
    assert counts() == few

"""The calls API: its errors are JSON {"detail", "errors"} with a fitting 4xx, never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.portal.calls.models import Application, ApplicationStatus, Call, CallStatus
from accord.portal.calls.tests.factories import answers_for, in_days

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


def post(client, url, data=None, method="post"):
    return getattr(client, method)(f"{BASE}{url}", data or {}, content_type="application/json")


def _call_payload(panel, **extra):
    return {
        "title": "Climate-resilient housing",
        "deadline": in_days(10).isoformat(),
        "kind": "interest",
        "categories": ["local_authority", "civil_society"],
        "outcomes": ["1.1"],
        "countries": ["KE", "BR"],
        "reviewers": [r.pk for r in panel],
        "criteria": [{"name": "Relevance", "weight": 50}, {"name": "Capacity", "weight": 50}],
        "questions": [{"text": "What will you do?"}],
    } | extra


def test_create_and_publish_a_call(client, officer, reviewers):
    client.force_login(officer)
    response = post(client, "/calls", _call_payload(reviewers))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and [t["name"] for t in body["transitions"]] == ["publish"]
    assert body["transitions"][0]["blocked"] == ""
    assert set(body["categories"]) == {"civil_society", "local_authority"}
    response = post(client, f"/calls/{body['id']}/transition", {"name": "publish"})
    assert response.status_code == 200 and response.json()["status"] == "published"
    public = client.get(f"{BASE}/calls/open").json()
    assert [c["title"] for c in public] == ["Climate-resilient housing"]


def test_weights_not_adding_up_are_a_400_with_the_field(client, officer, reviewers):
    client.force_login(officer)
    payload = _call_payload(reviewers, criteria=[{"name": "Relevance", "weight": 70}])
    response = post(client, "/calls", payload)
    assert response.status_code == 400
    assert response.json()["errors"]["criteria"] == [
        "The criteria weights add up to 70; they must add up to exactly 100."
    ]
    assert not Call.objects.exists()


def test_bad_fields_are_a_422_naming_them(client, officer):
    client.force_login(officer)
    response = post(client, "/calls", {"title": "No deadline", "deadline": "tomorrow"})
    assert response.status_code == 422
    assert "deadline" in response.json()["errors"]


def test_unknown_codes_are_named(client, officer, reviewers):
    client.force_login(officer)
    response = post(
        client, "/calls", _call_payload(reviewers, countries=["XX"], reviewers=[officer.pk, 999999])
    )
    errors = response.json()["errors"]
    assert response.status_code == 400
    assert errors["countries"] == ["Unknown country code(s): XX."]
    assert errors["reviewers"] == ["Not a user who may review calls: 999999."]


def test_a_partner_applies_and_submits_through_the_api(client, open_call, partner_a):
    client.force_login(partner_a)
    response = post(
        client,
        f"/calls/{open_call.pk}/application",
        {"summary": "Our plan", "answers": answers_for(open_call)},
    )
    assert response.status_code == 200, response.json()
    application_id = response.json()["id"]
    response = post(client, f"/calls/applications/{application_id}/submit")
    assert response.status_code == 200 and response.json()["status"] == "submitted"


def test_a_late_submission_is_a_400_with_the_reason(client, open_call, partner_a):
    client.force_login(partner_a)
    application_id = post(
        client, f"/calls/{open_call.pk}/application", {"answers": answers_for(open_call)}
    ).json()["id"]
    Call.objects.filter(pk=open_call.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = post(client, f"/calls/applications/{application_id}/submit")
    assert response.status_code == 400
    assert response.json()["errors"]["__all__"] == [
        "The deadline of this call has passed: applications are no longer accepted."
    ]
    assert Application.objects.get(pk=application_id).status == ApplicationStatus.DRAFT


def test_an_unknown_question_is_named(client, open_call, partner_a):
    client.force_login(partner_a)
    response = post(client, f"/calls/{open_call.pk}/application", {"answers": {"999999": "x"}})
    assert response.status_code == 400
    assert response.json()["errors"]["answers"] == [
        "Question 999999 is not a question of this call."
    ]


def test_review_and_selection_through_the_api(
    client, reviewed_call, applications, reviewers, officer, partner_a
):
    a, b = applications
    criteria = list(reviewed_call.criteria.all())
    for reviewer in reviewers:
        client.force_login(reviewer)
        for application in (a, b):
            response = post(
                client, f"/calls/assignments/{application.pk}/declaration", {"has_conflict": False}
            )
            assert response.status_code == 201
            scores = {str(c.pk): {"score": 7, "comment": "Good."} for c in criteria}
            response = post(
                client,
                f"/calls/assignments/{application.pk}/review",
                {"scores": scores},
                method="put",
            )
            assert response.status_code == 200 and response.json()["total"] == "70.00"
    client.force_login(officer)
    ranking = client.get(f"{BASE}/calls/{reviewed_call.pk}/ranking").json()
    assert [r["mean"] for r in ranking] == ["70.00", "70.00"]
    assert (
        post(client, f"/calls/applications/{a.pk}/decision", {"decision": "select"}).json()[
            "status"
        ]
        == "selected"
    )
    assert (
        post(client, f"/calls/applications/{a.pk}/decision", {"decision": "promote"}).status_code
        == 400
    )
    # The applicant learns the result when it is announced, not when staff choose.
    client.force_login(partner_a)
    assert client.get(f"{BASE}/calls/applications/{a.pk}").json()["status"] == "submitted"
    client.force_login(officer)
    response = post(client, f"/calls/{reviewed_call.pk}/transition", {"name": "finalise"})
    assert response.status_code == 200 and response.json()["status"] == CallStatus.FINALISED
    client.force_login(partner_a)
    assert [r["status"] for r in client.get(f"{BASE}/calls/applications").json()["results"]] == [
        "selected"
    ]
    client.force_login(officer)
    response = post(client, f"/calls/applications/{a.pk}/convert", {"into": "opportunity"})
    assert response.status_code == 200 and response.json()["opportunity"] is not None
    response = post(client, f"/calls/applications/{b.pk}/convert", {"into": "agreement"})
    assert response.status_code == 400
    assert response.json()["errors"]["into"] == [
        "Only a selected application can become an agreement."
    ]


def test_a_score_out_of_range_is_a_422(client, applications, reviewers):
    a, _ = applications
    client.force_login(reviewers[0])
    post(client, f"/calls/assignments/{a.pk}/declaration", {"has_conflict": False})
    scores = {str(c.pk): {"score": 12, "comment": "x"} for c in a.call.criteria.all()}
    response = post(client, f"/calls/assignments/{a.pk}/review", {"scores": scores}, method="put")
    assert response.status_code == 422 and response.json()["errors"]


def test_not_found_and_forbidden_are_json(client, officer, partner_a, open_call):
    client.force_login(officer)
    response = client.get(f"{BASE}/calls/999999")
    assert response.status_code == 404 and response.json() == {"detail": "Not found.", "errors": {}}
    client.force_login(partner_a)
    response = post(client, "/calls", {"title": "x", "deadline": in_days(3).isoformat()})
    assert response.status_code == 403 and response.json()["detail"]

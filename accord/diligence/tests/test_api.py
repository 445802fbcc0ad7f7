"""The due-diligence API: hits with both sides, decisions, screening a partner, a partner's
blocking reasons, reviews through their life, the lists; errors in the API's format."""

import pytest

from accord.diligence.models import HitStatus, ScreeningHit
from accord.diligence.tests.factories import CHECKLIST, make_hit, make_review
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, officer):
    client.force_login(officer)
    return client


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_the_hit_list_is_paginated_with_both_sides(
    api, listed, kenyan, kenyan_contact, django_assert_max_num_queries
):
    make_hit(organisation=kenyan)
    make_hit(contact=kenyan_contact, data_id="1", score="0.850")
    with django_assert_max_num_queries(8):
        data = api.get("/api/v1/screening/hits?page_size=1").json()
    assert data["count"] == 2 and len(data["results"]) == 1
    hit = data["results"][0]
    assert hit["subject"]["kind"] == "organisation" and hit["score"] == 0.91
    assert hit["entry"]["names"][0]["name"] == "ACME TRADING LLC" and hit["entry"]["listed"]
    data = api.get("/api/v1/screening/hits?min_score=0.9&status=all").json()
    assert data["count"] == 1


def test_a_decision_through_the_api(api, listed, kenyan, officer):
    hit = make_hit(organisation=kenyan)
    url = f"/api/v1/screening/hits/{hit.pk}/decision"
    response = post(api, url, {"status": "confirmed", "reason": ""})
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Write the reason for this decision."]}
    response = post(api, url, {"status": "confirmed", "reason": "Same registration."})
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    assert response.json()["decided_by"] == str(officer)
    again = post(api, url, {"status": "false_positive", "reason": "Changed my mind."})
    assert again.status_code == 400 and "already decided" in again.json()["errors"]["status"][0]


def test_a_management_user_may_read_but_not_decide(client, make_user, listed, kenyan):
    client.force_login(make_user("management"))
    hit = make_hit(organisation=kenyan)
    assert client.get(f"/api/v1/screening/hits/{hit.pk}").status_code == 200
    response = post(client, f"/api/v1/screening/hits/{hit.pk}/decision",
                    {"status": "confirmed", "reason": "x"})
    assert response.status_code == 403


def test_screening_a_partner_and_reading_its_diligence(api, listed):
    org = OrganisationFactory(name="Acme Trading Company", category="private_sector",
                              country=country("KP"))
    ScreeningHit.objects.all().delete()
    response = post(api, f"/api/v1/organisations/{org.pk}/screen", {})
    assert response.status_code == 200 and response.json()["counts"]["organisations_new"] == 1
    data = api.get(f"/api/v1/organisations/{org.pk}/diligence").json()
    assert data["blocked"] is True and data["needs_review"] is True
    assert len(data["blocking_reasons"]) == 2 and data["hits"][0]["status"] == "open"
    assert data["last_screened"] is not None


def test_a_review_through_its_life(client, api, kenyan, officer, decider):
    response = post(api, "/api/v1/diligence/reviews", {
        "organisation": kenyan.pk, "checklist": CHECKLIST, "global_compact": "participant",
        "risk_rating": "low",
    })
    assert response.status_code == 201
    review = response.json()
    assert review["status"] == "draft" and review["checklist"][0]["code"] == "sanctions"
    url = f"/api/v1/diligence/reviews/{review['id']}"
    patched = api.patch(url, {"version": review["version"], "notes": "Checked the register."},
                        content_type="application/json")
    assert patched.status_code == 200 and patched.json()["notes"] == "Checked the register."
    stale = api.patch(url, {"version": review["version"], "notes": "Late."},
                      content_type="application/json")
    assert stale.status_code == 409
    submitted = post(api, url + "/transition", {"transition": "submit"}).json()
    assert submitted["status"] == "submitted"
    refused = post(api, url + "/transition", {"transition": "approve"})
    assert refused.status_code == 400 and "Four eyes" in refused.json()["errors"]["transition"][0]
    client.force_login(decider)
    approved = post(client, url + "/transition", {"transition": "approve"}).json()
    assert approved["status"] == "approved" and approved["valid_until"]
    assert [h["note"] for h in approved["history"]][0] == "Approve"


def test_the_review_list_filters(api, kenyan, brazilian, preparer, decider):
    make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    make_review(brazilian, preparer=preparer)
    data = api.get("/api/v1/diligence/reviews?status=draft").json()
    assert data["count"] == 1 and data["results"][0]["organisation"]["id"] == brazilian.pk


def test_bad_input_is_a_4xx(api, kenyan):
    assert api.get("/api/v1/screening/hits?min_score=2").status_code == 422
    assert api.get("/api/v1/screening/hits/abc").status_code == 422
    assert api.get("/api/v1/screening/hits/99999").status_code == 404
    response = post(api, "/api/v1/diligence/reviews", {"organisation": kenyan.pk,
                                                         "risk_rating": "huge"})
    assert response.status_code == 400 and "risk_rating" in response.json()["errors"]
    assert post(api, "/api/v1/diligence/reviews", {"organisation": 99999}).status_code == 404


def test_the_lists_and_their_entries(api, listed):
    versions = api.get("/api/v1/sanctions/versions").json()
    assert versions["count"] == 1 and versions["results"][0]["is_current"]
    entries = api.get("/api/v1/sanctions/entries?q=petrov").json()
    assert entries["count"] == 1 and entries["results"][0]["kind"] == "individual"
    assert api.get("/api/v1/sanctions/entries?listed=delisted").json()["count"] == 0


def test_an_unknown_status_filter_finds_nothing(api, listed, kenyan):
    make_hit(organisation=kenyan, status=HitStatus.OPEN)
    assert api.get("/api/v1/screening/hits?status=maybe").json()["count"] == 0

"""Pages: the call form (criteria weights with their live total), and every list page runs a
bounded number of queries whatever the number of rows."""

from datetime import timedelta

import pytest

from accord.accounts.models import Role
from accord.partners.tests.factories import OrganisationFactory
from accord.portal.calls.models import Call, CallStatus
from accord.portal.calls.tests.factories import (
    close_and_review,
    in_days,
    make_call,
    published_call,
    score_all,
    submitted,
)

pytestmark = pytest.mark.django_db


def _form(reviewers, **extra):
    data = {
        "title": "Public space for all",
        "kind": "proposals",
        "description": "Safe public spaces.",
        "deadline": (in_days(14)).strftime("%Y-%m-%dT%H:%M"),
        "diligence": "not_blocked",
        "questions": "What will you build?\nWho benefits?",
        "reviewers": [r.pk for r in reviewers],
        "criterion_name_0": "Relevance",
        "criterion_weight_0": "60",
        "criterion_name_1": "Capacity",
        "criterion_weight_1": "40",
        "criterion_name_2": "",
        "criterion_weight_2": "",
    }
    return data | extra


def test_the_call_form_creates_a_draft_with_criteria(client, officer, reviewers):
    client.force_login(officer)
    response = client.post("/calls/new/", _form(reviewers))
    assert response.status_code == 302
    call = Call.objects.get(title="Public space for all")
    assert [(c.name, c.weight) for c in call.criteria.all()] == [
        ("Relevance", 60),
        ("Capacity", 40),
    ]
    assert [q.text for q in call.questions.all()] == ["What will you build?", "Who benefits?"]
    assert call.status == CallStatus.DRAFT and call.deadline.tzinfo is not None


def test_the_call_form_refuses_weights_that_do_not_add_up_and_keeps_what_was_typed(
    client, officer, reviewers
):
    client.force_login(officer)
    response = client.post("/calls/new/", _form(reviewers, criterion_weight_1="30"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "The criteria weights add up to 90; they must add up to exactly 100." in page
    assert 'value="Capacity"' in page and not Call.objects.exists()


def test_the_weights_total_is_computed_live(client, officer):
    client.force_login(officer)
    response = client.post(
        "/calls/criteria-total/",
        {
            "criterion_name_0": "A",
            "criterion_weight_0": "70",
            "criterion_name_1": "B",
            "criterion_weight_1": "20",
        },
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "<strong>90</strong> / 100" in page and "must be exactly 100" in page
    assert "<html" not in page


def test_the_form_page_declares_the_htmx_total(client, officer):
    client.force_login(officer)
    page = client.get("/calls/new/").content.decode()
    assert 'hx-post="/calls/criteria-total/"' in page and 'id="weights-total"' in page


def test_staff_publish_from_the_call_page(client, officer, reviewers):
    call = make_call(reviewers=reviewers)
    client.force_login(officer)
    client.post(f"/calls/{call.pk}/status/", {"transition": "publish", "version": call.version})
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED


def test_a_clarification_is_answered_from_the_call_page(client, officer, open_call, partner_a):
    from accord.portal.calls.application_services import clarification_ask

    asked = clarification_ask(actor=partner_a, call=open_call, question="Budget ceiling?")
    client.force_login(officer)
    client.post(f"/calls/clarifications/{asked.pk}/answer/", {"answer": "USD 200,000."})
    asked.refresh_from_db()
    assert asked.answer == "USD 200,000." and asked.answered_by == officer


# --- bounded queries ---


@pytest.fixture
def crowded(reviewers, make_user):
    """A call under review with 12 applications, each scored by both reviewers, and 25 more
    calls."""
    call = published_call(reviewers=reviewers, deadline=in_days(1))
    for n in range(12):
        org = OrganisationFactory(name=f"Applicant {n}", category="civil_society")
        submitted(call, org, make_user(Role.PARTNER, organisation=org))
    close_and_review(call)
    for application in call.applications.select_related("call"):
        for reviewer in reviewers:
            score_all(reviewer, application, [5, 6, 7])
    for n in range(25):
        published_call(reviewers=reviewers, title=f"Call {n}", deadline=in_days(2 + n))
    return call


def test_staff_pages_run_bounded_queries(client, crowded, officer, django_assert_max_num_queries):
    client.force_login(officer)
    application = crowded.applications.first()
    for url, limit in [
        ("/calls/", 8),
        (f"/calls/{crowded.pk}/", 25),
        (f"/calls/applications/{application.pk}/", 18),
        ("/api/v1/calls?page_size=50", 12),
        (f"/api/v1/calls/{crowded.pk}/ranking", 12),
        ("/api/v1/calls/applications?page_size=50", 8),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_reviewer_partner_and_public_pages_run_bounded_queries(
    client, crowded, reviewers, django_assert_max_num_queries
):
    client.force_login(reviewers[0])
    for url in ("/calls/assignments/", "/api/v1/calls/assignments"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
    partner = crowded.applications.select_related("organisation").first().organisation
    user = partner.portal_users.first()
    client.force_login(user)
    for url in ("/calls/mine/", f"/calls/mine/{crowded.pk}/"):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200
    client.logout()
    for url in ("/calls/open/", "/api/v1/calls/open"):
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200


def test_the_public_page_shows_open_calls_only(client, reviewers):
    published_call(reviewers=reviewers, title="Open one")
    make_call(reviewers=reviewers, title="Secret draft")
    late = published_call(reviewers=reviewers, title="Past deadline")
    Call.objects.filter(pk=late.pk).update(deadline=in_days(0) - timedelta(hours=1))
    page = client.get("/calls/open/").content.decode()
    assert "Open one" in page and "Secret draft" not in page and "Past deadline" not in page


def test_a_partner_asks_a_question_from_the_call_page(client, open_call, partner_a):
    client.force_login(partner_a)
    response = client.post(
        f"/calls/mine/{open_call.pk}/ask/", {"question": "Is co-funding required?"}
    )
    assert response.status_code == 302
    assert open_call.clarifications.get().organisation_id == partner_a.organisation_id
    Call.objects.filter(pk=open_call.pk).update(deadline=in_days(0) - timedelta(minutes=1))
    response = client.post(f"/calls/mine/{open_call.pk}/ask/", {"question": "Too late?"})
    assert response.status_code == 400
    assert "clarification questions has passed" in response.content.decode()

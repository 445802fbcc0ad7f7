"""The portal's API: a partner's own profile and expressions of interest, the staff queues
and stream; errors in the API's JSON shape; bounded queries on every list."""

import pytest

from accord.portal.models import ChangeRequest, ExpressionOfInterest
from accord.portal.tests.factories import make_interest

pytestmark = pytest.mark.django_db


def test_a_partner_reads_its_own_profile(client, partner_a, kenyan):
    client.force_login(partner_a)
    body = client.get("/api/v1/portal/me").json()
    assert body["id"] == kenyan.pk and body["category"] == "local_authority"


def test_staff_have_no_profile_of_their_own(officer_client):
    response = officer_client.get("/api/v1/portal/me")
    assert response.status_code == 403
    assert response.json()["detail"] == "This page is for partner focal points."


def test_patching_the_profile_splits_key_and_direct_fields(client, partner_a, kenyan):
    client.force_login(partner_a)
    response = client.patch(
        "/api/v1/portal/me",
        {
            "name": "Nairobi Metro",
            "city": "Nairobi",
            "outcomes": ["1.1"],
        },
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200, body
    assert body["applied"] == ["city", "outcomes"]
    assert body["change_request"]["changes"] == {"name": ["Nairobi City County", "Nairobi Metro"]}
    kenyan.refresh_from_db()
    assert kenyan.city == "Nairobi" and kenyan.name == "Nairobi City County"


def test_bad_profile_values_come_back_on_their_fields(client, partner_a):
    client.force_login(partner_a)
    response = client.patch(
        "/api/v1/portal/me", {"country": "XX", "outcomes": ["9.9"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"country", "outcomes"}
    response = client.patch(
        "/api/v1/portal/me", {"version": 99, "city": "X"}, content_type="application/json"
    )
    assert response.status_code == 409


def test_a_partner_expresses_and_lists_its_interests(client, partner_a, partner_b):
    make_interest(partner_b, title="Other partner's")
    client.force_login(partner_a)
    response = client.post(
        "/api/v1/portal/me/interests",
        {
            "title": "Mapping",
            "offers": "Drones",
            "outcomes": ["1.1"],
            "countries": ["KE"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    listed = client.get("/api/v1/portal/me/interests").json()
    assert [r["title"] for r in listed["results"]] == ["Mapping"]


def test_an_interest_with_bad_codes_is_refused_with_field_errors(client, partner_a):
    client.force_login(partner_a)
    response = client.post(
        "/api/v1/portal/me/interests",
        {
            "title": "Mapping",
            "offers": "Drones",
            "outcomes": ["42"],
            "flagships": ["9"],
            "countries": ["Atlantis"],
            "resources": ["gold"],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"outcomes", "flagships", "countries", "resources"}
    response = client.post(
        "/api/v1/portal/me/interests", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 422 and "offers" in response.json()["errors"]
    assert not ExpressionOfInterest.objects.exists()


def test_staff_read_the_queues_and_answer(officer_client, partner_a, kenyan, submitted):
    reg = submitted()
    make_interest(partner_a)
    ChangeRequest.objects.create(
        organisation=kenyan, changes={"name": ["a", "b"]}, proposed={"name": "b"}
    )
    assert officer_client.get("/api/v1/portal/registrations").json()["results"][0]["id"] == reg.pk
    assert officer_client.get(f"/api/v1/portal/registrations/{reg.pk}").json()["email"] == (
        reg.email
    )
    assert officer_client.get("/api/v1/portal/change-requests").json()["count"] == 1
    stream = officer_client.get("/api/v1/portal/interests?outcome=1.1").json()
    assert stream["count"] == 1
    eoi_id = stream["results"][0]["id"]
    response = officer_client.post(
        f"/api/v1/portal/interests/{eoi_id}/answer",
        {"answer": "Thanks"},
        content_type="application/json",
    )
    assert response.json()["status"] == "answered"


def test_api_lists_run_a_bounded_number_of_queries(
    officer_client, client, partner_a, partner_b, submitted, django_assert_max_num_queries
):
    for n in range(30):
        make_interest(
            partner_a if n % 2 else partner_b,
            title=f"I{n}",
            outcomes=["1.1", "2.1"],
            flagships=["1"],
            countries=["KE", "BR"],
        )
    for _ in range(3):
        submitted()
    with django_assert_max_num_queries(12):
        assert len(officer_client.get("/api/v1/portal/interests").json()["results"]) == 25
    with django_assert_max_num_queries(8):
        officer_client.get("/api/v1/portal/registrations")
    client.force_login(partner_a)
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/portal/me/interests").json()["count"] == 15


def test_the_staff_queue_page_runs_a_bounded_number_of_queries(
    officer_client, submitted, django_assert_max_num_queries
):
    for _ in range(12):
        submitted()
    with django_assert_max_num_queries(12):
        response = officer_client.get("/portal/staff/")
    assert len(response.context["page"]) == 12

"""Every role against every results page and read endpoint, with values in and outside a
regional focal point's region (outside, unapproved ones must look like they do not exist)."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING, UNAUTHENTICATED = 200, 302, 403, 404, 401
KINDS = [
    "anonymous",
    Role.REVIEWER,
    "partner",
    Role.MANAGEMENT,
    Role.PROGRAMME,
    Role.OFFICER,
    Role.ADMIN,
    "regional",
]
READ = {Role.MANAGEMENT, Role.PROGRAMME, Role.OFFICER, Role.ADMIN, "regional"}
ENTER = {Role.PROGRAMME, Role.OFFICER, Role.ADMIN, "regional"}
ADMIN = {Role.ADMIN}

PAGES = [
    ("catalogue", lambda v: reverse("results:indicators"), READ, OK),
    ("indicator", lambda v: reverse("results:indicator", args=["TR-1"]), READ, OK),
    ("kpi", lambda v: reverse("results:indicator", args=["KPI-01"]), READ, OK),
    ("values", lambda v: reverse("results:measurements"), READ, OK),
    ("queue", lambda v: reverse("results:queue"), READ, OK),
    ("value", lambda v: reverse("results:measurement", args=[v["mine"].pk]), READ, OK),
    ("their value", lambda v: reverse("results:measurement", args=[v["theirs"].pk]), READ, MISSING),
    ("approved value", lambda v: reverse("results:measurement", args=[v["approved"].pk]), READ, OK),
    ("enter", lambda v: reverse("results:measurement_create", args=["TR-1"]), ENTER, OK),
    (
        "edit their value",
        lambda v: reverse("results:measurement_edit", args=[v["theirs"].pk]),
        ENTER,
        MISSING,
    ),
    ("new indicator", lambda v: reverse("results:indicator_create"), ADMIN, OK),
    ("edit indicator", lambda v: reverse("results:indicator_edit", args=["TR-1"]), ADMIN, OK),
]


def expected(kind: str, allowed: set, regional_answer: int) -> int:
    if kind == "anonymous":
        return LOGIN
    if kind not in allowed:
        return FORBIDDEN
    return regional_answer if kind == "regional" else OK


@pytest.mark.parametrize("kind", KINDS)
def test_every_role_against_every_page(client, user_of, values, kind):
    if kind != "anonymous":
        client.force_login(user_of(kind))
    answers = {name: client.get(url(values)).status_code for name, url, _, _ in PAGES}
    wanted = {name: expected(kind, allowed, regional) for name, _, allowed, regional in PAGES}
    assert answers == wanted


API = [
    ("indicators", lambda v: "/api/v1/results/indicators", READ, OK),
    ("indicator", lambda v: "/api/v1/results/indicators/TR-1", READ, OK),
    ("values", lambda v: "/api/v1/results/measurements", READ, OK),
    ("value", lambda v: f"/api/v1/results/measurements/{v['mine'].pk}", READ, OK),
    ("their value", lambda v: f"/api/v1/results/measurements/{v['theirs'].pk}", READ, MISSING),
    ("approved value", lambda v: f"/api/v1/results/measurements/{v['approved'].pk}", READ, OK),
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_role_against_every_read_endpoint(client, user_of, values, kind):
    if kind != "anonymous":
        client.force_login(user_of(kind))
    answers = {name: client.get(url(values)).status_code for name, url, _, _ in API}
    wanted = {
        name: UNAUTHENTICATED if kind == "anonymous" else expected(kind, allowed, regional)
        for name, _, allowed, regional in API
    }
    assert answers == wanted


def test_a_regional_focal_point_lists_only_values_they_may_see(client, user_of, values):
    client.force_login(user_of("regional"))
    ids = {row["id"] for row in client.get("/api/v1/results/measurements").json()["results"]}
    assert ids == {values["mine"].pk, values["approved"].pk}


DECIDE = {Role.OFFICER, Role.ADMIN}


@pytest.mark.parametrize("kind", KINDS[1:])
def test_who_may_approve_a_value(client, user_of, values, kind):
    client.force_login(user_of(kind))
    response = client.post(
        reverse("results:measurement_transition", args=[values["mine"].pk]),
        {"transition": "approve"},
    )
    if kind in DECIDE:
        assert response.status_code == LOGIN  # approved, back to the value
        values["mine"].refresh_from_db()
        assert values["mine"].status == "approved"
    else:
        assert response.status_code == FORBIDDEN
        values["mine"].refresh_from_db()
        assert values["mine"].status == "submitted"


@pytest.mark.parametrize("kind", KINDS[1:])
def test_only_administrators_compute_and_set_targets(client, user_of, values, kind):
    client.force_login(user_of(kind))
    computed = client.post(reverse("results:compute"), {"period": "2025"})
    target = client.post(
        reverse("results:target_set", args=["TR-1"]), {"period": "2025", "value": "10"}
    )
    api = client.post(
        "/api/v1/results/compute", {"period": "2025"}, content_type="application/json"
    )
    if kind == Role.ADMIN:
        assert (computed.status_code, target.status_code, api.status_code) == (302, 302, 200)
    else:
        assert (computed.status_code, target.status_code, api.status_code) == (
            FORBIDDEN,
            FORBIDDEN,
            FORBIDDEN,
        )

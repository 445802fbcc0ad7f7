"""Every role against every matchmaking page and endpoint: registry readers read, editors
decide, a regional focal point finds partners outside their region absent (404), partners,
reviewers and anonymous users are refused."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role

pytestmark = pytest.mark.django_db
READERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME, Role.MANAGEMENT]
EDITORS = [Role.ADMIN, Role.OFFICER, "regional"]
EVERYONE = [*READERS, Role.REVIEWER, "partner", "anonymous"]


def status(client, user, url, method="get", data=None, **extra):
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {}, **extra)
    if response.status_code == 302 and "login" in response["Location"]:
        return "login"
    return response.status_code


def refused(kind) -> object:
    return "login" if kind == "anonymous" else 403


@pytest.mark.parametrize("kind", EVERYONE)
@pytest.mark.parametrize("name", ["suggestions", "network", "network_data"])
def test_reading_pages(client, user_of, world, kind, name):
    expected = 200 if kind in READERS else refused(kind)
    assert status(client, user_of(kind), reverse(f"matchmaking:{name}")) == expected


@pytest.mark.parametrize("kind", EVERYONE)
@pytest.mark.parametrize("name", ["partner", "partner_panel", "neighbourhood_data"])
def test_partner_pages_inside_and_outside_the_region(client, user_of, world, kind, name):
    user = user_of(kind)
    inside = reverse(f"matchmaking:{name}", args=[world["nairobi"].pk])
    outside = reverse(f"matchmaking:{name}", args=[world["recife"].pk])
    expected = 200 if kind in READERS else refused(kind)
    assert status(client, user, inside) == expected
    assert status(client, user, outside) == (404 if kind == "regional" else expected)


@pytest.mark.parametrize("kind", EVERYONE)
def test_deciding(client, user_of, world, kind):
    user = user_of(kind)
    url = reverse("matchmaking:decide")
    inside = {"partner": world["bank"].pk, "other": world["nairobi"].pk, "decision": "dismiss"}
    outside = {**inside, "other": world["recife"].pk}
    ok = kind in EDITORS
    assert status(client, user, url, data=inside) == (200 if ok else refused(kind))
    assert status(client, user, url, "post", outside) == (
        404 if kind == "regional" else 302 if ok else refused(kind)
    )
    assert status(client, user, url, "post", inside) == (302 if ok else refused(kind))


@pytest.mark.parametrize("kind", EVERYONE)
def test_api(client, user_of, world, kind):
    user = user_of(kind)
    readable = kind in READERS
    denied = 401 if kind == "anonymous" else 403
    inside = f"/api/v1/matches/partners/{world['nairobi'].pk}/suggestions"
    outside = f"/api/v1/matches/partners/{world['recife'].pk}/suggestions"
    assert status(client, user, inside) == (200 if readable else denied)
    assert status(client, user, outside) == (
        404 if kind == "regional" else 200 if readable else denied
    )
    assert status(client, user, "/api/v1/network/centrality") == (200 if readable else denied)
    hood = f"/api/v1/network/partners/{world['recife'].pk}"
    assert status(client, user, hood) == (
        404 if kind == "regional" else 200 if readable else denied
    )
    pair = {"partner": world["bank"].pk, "other": world["youth"].pk}
    accepted = status(
        client, user, "/api/v1/matches/accept", "post", pair, content_type="application/json"
    )
    assert accepted == (201 if kind in EDITORS else denied)

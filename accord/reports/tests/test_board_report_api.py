"""The documents over the API: the Executive Board report's figures as JSON, the IATI files as
XML, and the error format for bad periods, refusals and unknown files."""

from decimal import Decimal

import pytest

from accord.accounts.models import Role
from accord.reports.iati import schema
from accord.reports.tests.test_board_report_data import build_board_world
from accord.reports.tests.test_iati_views import login  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
BASE = "/api/v1/reports"


def test_board_report_figures(login):  # noqa: F811
    world = build_board_world()
    client = login(Role.MANAGEMENT)
    data = client.get(f"{BASE}/board", {"date_from": "2025-01-01", "date_to": "2025-12-31"}).json()
    assert data["engagements"] == 2 and data["agreements_signed"] == 3
    government = next(c for c in data["categories"] if c["code"] == "government")
    assert government["engagements"] == 2
    assert world.contribution_agreement.reference in government["agreements_signed"]
    assert "1.2" in government["quiet_lines"]
    ours = [i for i in government["indicators"] if i["code"] == "T-GOV"]
    assert len(ours) == 1 and Decimal(ours[0]["value"]) == 4 and ours[0]["status"]
    xml = client.get(f"{BASE}/iati/activities.xml")
    assert xml.status_code == 200
    assert schema.validation_errors("activities", b"".join(xml.streaming_content)) == []


def test_errors_are_json_with_the_field(login):  # noqa: F811
    client = login(Role.OFFICER)
    bad = client.get(f"{BASE}/board", {"date_from": "2025-12-31", "date_to": "2025-01-01"})
    assert bad.status_code == 400
    assert bad.json()["errors"]["date_to"] == ["The end of the period is before its start."]
    assert client.get(f"{BASE}/board", {"date_from": "nonsense"}).status_code == 422
    assert client.get(f"{BASE}/iati/budget.xml").status_code == 404
    missing = client.get(f"{BASE}/iati/activities.xml")  # nothing signed yet
    assert missing.status_code == 404 and missing.json()["detail"] == "Not found."


@pytest.mark.parametrize(
    ("kind", "board", "organisation"),
    [
        (Role.MANAGEMENT, 200, 200),
        ("regional", 200, 403),
        ("partner", 403, 403),
        (Role.REVIEWER, 403, 403),
    ],
)
def test_who_may_have_them(login, kind, board, organisation):  # noqa: F811
    client = login(kind)
    assert client.get(f"{BASE}/board").status_code == board
    response = client.get(f"{BASE}/iati/organisation.xml")
    assert response.status_code == organisation
    if organisation == 403:
        assert "detail" in response.json()


def test_anonymous_is_401(client):
    assert client.get(f"{BASE}/board").status_code == 401

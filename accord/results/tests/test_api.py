"""The results API: lists with status, the value life cycle, targets and computing (admin),
and errors as JSON naming the field — never a 500."""

from decimal import Decimal as D

import pytest

from accord.results.models import Measurement
from accord.results.tests.factories import indicator, measurement, target

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_indicators_with_status_are_paginated_in_bounded_queries(
    admin_client, django_assert_max_num_queries
):
    for n in range(30):
        ind = indicator(f"A-{n:02}")
        target(ind, "2025", 10)
        measurement(ind, "2025", n)
    with django_assert_max_num_queries(12):
        data = admin_client.get("/api/v1/results/indicators?period=2025&page_size=50").json()
    rows = {r["code"]: r for r in data["results"]}
    assert data["count"] >= 48  # 30 + the catalogue
    assert rows["A-29"]["status"] == "on_track" and rows["A-29"]["value"] == "29.0000"
    assert rows["A-00"]["status"] == "off_track"


def test_indicator_detail_with_its_series(admin_client):
    ind = indicator("S-1")
    measurement(ind, "2024", 3)
    data = admin_client.get("/api/v1/results/indicators/S-1?period=2025").json()
    assert data["series"][0]["period"] == "2024" and data["latest_value"] == "3.0000"
    assert admin_client.get("/api/v1/results/indicators/NOPE").status_code == 404


def test_values_list_is_bounded(admin_client, django_assert_max_num_queries):
    ind = indicator("V-1", disaggregations=["sex"])
    for n in range(40):
        measurement(ind, f"{2000 + n}", n)
    with django_assert_max_num_queries(8):
        data = admin_client.get("/api/v1/results/measurements?indicator=V-1").json()
    assert data["count"] == 40 and len(data["results"]) == 25


def test_the_life_cycle_through_the_api(client, trained, enterer, approver):
    client.force_login(enterer)
    created = client.post(
        "/api/v1/results/measurements",
        {
            "indicator": "TR-1",
            "period": "2025-Q3",
            "value": "12.5",
        },
        content_type=JSON,
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["value"], body["status"], body["transitions"][0]["name"]) == (
        "12.5000",
        "draft",
        "submit",
    )
    pk = body["id"]
    client.post(
        f"/api/v1/results/measurements/{pk}/transition", {"transition": "submit"}, content_type=JSON
    )
    client.force_login(approver)
    approved = client.post(
        f"/api/v1/results/measurements/{pk}/transition",
        {"transition": "approve"},
        content_type=JSON,
    )
    assert approved.json()["status"] == "approved"


def test_errors_are_json_naming_the_field(admin_client, trained):
    text = admin_client.post(
        "/api/v1/results/measurements",
        {"indicator": "TR-1", "period": "2025", "value": "ten"},
        content_type=JSON,
    )
    assert text.status_code == 422 and "value" in text.json()["errors"]
    rule = admin_client.post(
        "/api/v1/results/measurements",
        {
            "indicator": "TR-1",
            "period": "2025",
            "value": "1",
            "dimension": "sex",
            "dimension_value": "robot",
        },
        content_type=JSON,
    )
    assert rule.status_code == 400 and "dimension_value" in rule.json()["errors"]
    period = admin_client.post("/api/v1/results/compute", {"period": "soon"}, content_type=JSON)
    assert period.status_code == 400 and "period" in period.json()["errors"]
    unknown = admin_client.post(
        "/api/v1/results/measurements/999/transition", {"transition": "approve"}, content_type=JSON
    )
    assert unknown.status_code == 404 and unknown.json()["detail"] == "Not found."
    assert not Measurement.objects.exists()


def test_four_eyes_refusal_and_stale_version(admin_client, trained, admin_user):
    created = admin_client.post(
        "/api/v1/results/measurements",
        {"indicator": "TR-1", "period": "2025", "value": "1"},
        content_type=JSON,
    ).json()
    pk = created["id"]
    stale = admin_client.patch(
        f"/api/v1/results/measurements/{pk}", {"value": "2", "version": 99}, content_type=JSON
    )
    assert stale.status_code == 409
    admin_client.post(
        f"/api/v1/results/measurements/{pk}/transition", {"transition": "submit"}, content_type=JSON
    )
    refused = admin_client.post(
        f"/api/v1/results/measurements/{pk}/transition",
        {"transition": "approve"},
        content_type=JSON,
    )
    assert refused.status_code == 400
    assert "Four eyes" in refused.json()["errors"]["transition"][0]


def test_targets_and_compute_for_administrators(admin_client, trained):
    put = admin_client.put(
        "/api/v1/results/indicators/TR-1/targets/2026", {"value": "30"}, content_type=JSON
    )
    assert put.json() == {
        "indicator": "TR-1",
        "period": "2026",
        "value": "30.0000",
        "note": "",
        "source": "manual",
    }
    yes_no = indicator("YN", unit="yes_no", aggregation="latest")
    bad = admin_client.put(
        f"/api/v1/results/indicators/{yes_no.code}/targets/2026", {"value": "2"}, content_type=JSON
    )
    assert bad.status_code == 400 and "value" in bad.json()["errors"]
    computed = admin_client.post(
        "/api/v1/results/compute", {"period": "2024"}, content_type=JSON
    ).json()
    assert computed["period"] == "2024" and "KPI-01" in computed["indicators"]
    again = admin_client.post(
        "/api/v1/results/compute", {"period": "2024"}, content_type=JSON
    ).json()
    assert (again["created"], again["updated"]) == (0, 0)
    assert D(computed["created"]) == again["unchanged"]

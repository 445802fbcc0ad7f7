"""The results pages: bounded queries with many rows, filters and HTMX fragments, entering a
value with clear errors, the approval queue in place, targets and the catalogue editor."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from accord.results.models import Indicator, Measurement, MeasurementStatus, Target
from accord.results.services import measurement_create, measurement_transition
from accord.results.tests.factories import indicator, measurement, target

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(trained, region, enterer):
    """Thirty indicators with targets and values, and twenty values waiting for approval."""
    for n in range(30):
        ind = indicator(f"M-{n:02}", disaggregations=["sex"])
        target(ind, "2025", 10)
        measurement(ind, "2024", n)
        measurement(ind, "2025", n, dimension="sex", part="female")
    for n in range(20):
        measurement(
            Indicator.objects.get(code=f"M-{n:02}"),
            "2025-Q1",
            n,
            status=MeasurementStatus.SUBMITTED,
            entered_by=enterer,
        )


def test_catalogue_lists_indicators_with_status_in_bounded_queries(
    admin_client, many, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = admin_client.get(reverse("results:indicators") + "?period=2025")
    body = response.content.decode()
    assert "M-29" in body and "KPI-01" in body and "On track" in body


def test_catalogue_filters_by_status_and_answers_htmx_with_the_rows(admin_client, many):
    response = admin_client.get(
        reverse("results:indicators") + "?period=2025&status=on_track",
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "<h1>" not in body  # the fragment only
    assert "M-29" in body and "M-00" not in body  # 29 of 10 is on track; 0 is not


def test_a_bad_period_is_said_and_the_current_year_shown(admin_client, many):
    response = admin_client.get(reverse("results:indicators") + "?period=20x5")
    assert response.status_code == 200
    assert "is not a period" in response.content.decode()


def test_queue_and_values_pages_run_bounded_queries(
    admin_client, many, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        queue = admin_client.get(reverse("results:queue"))
    assert queue.content.decode().count('id="queue-') == 20
    with django_assert_max_num_queries(12):
        listed = admin_client.get(reverse("results:measurements") + "?status=approved")
    assert listed.status_code == 200


def test_indicator_page_shows_chart_table_and_values(
    admin_client, trained, django_assert_max_num_queries
):
    target(trained, "2025", 20)
    for year in ("2022", "2023", "2024"):
        measurement(trained, year, 10)
    measurement(trained, "2025", 4, dimension="sex", part="female")
    with django_assert_max_num_queries(20):
        response = admin_client.get(reverse("results:indicator", args=["TR-1"]))
    body = response.content.decode()
    assert '<svg class="results-chart"' in body and "<desc" in body
    assert "Sex: Female" in body and "Approved values and targets by period" in body


def test_entering_a_value_with_text_says_which_field(client, trained, enterer):
    client.force_login(enterer)
    response = client.post(
        reverse("results:measurement_create", args=["TR-1"]), {"period": "2025", "value": "twelve"}
    )
    assert response.status_code == 400
    assert "“twelve” is not a number." in response.content.decode()
    assert not Measurement.objects.exists()
    response = client.post(
        reverse("results:measurement_create", args=["TR-1"]),
        {"period": "2025", "value": "12", "dimension": "sex", "dimension_value": "female"},
    )
    m = Measurement.objects.get()
    assert response.url == reverse("results:measurement", args=[m.pk])
    assert (m.value, m.dimension_value, m.status) == (D(12), "female", "draft")


def test_the_queue_approves_and_returns_in_place(client, trained, enterer, approver):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="3")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    client.force_login(approver)
    url = reverse("results:measurement_transition", args=[m.pk])
    refused = client.post(
        url, {"transition": "return", "from": "queue"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 400 and "Give the reason." in refused.content.decode()
    done = client.post(
        url, {"transition": "approve", "from": "queue"}, headers={"HX-Request": "true"}
    )
    assert done.status_code == 200
    assert f'id="queue-{m.pk}"' in done.content.decode() and "Approved" in done.content.decode()


def test_the_submitter_sees_why_approving_is_disabled(client, trained, approver):
    m = measurement_create(actor=approver, indicator=trained, period="2025", value="3")
    measurement_transition(actor=approver, measurement=m, transition="submit")
    client.force_login(approver)
    body = client.get(reverse("results:measurement", args=[m.pk])).content.decode()
    assert "Four eyes" in body and "disabled" in body


def test_an_administrator_sets_a_target_and_edits_the_catalogue(admin_client, trained):
    bad = admin_client.post(
        reverse("results:target_set", args=["TR-1"]), {"period": "2025", "value": "lots"}
    )
    assert bad.status_code == 400 and "“lots” is not a number." in bad.content.decode()
    admin_client.post(
        reverse("results:target_set", args=["TR-1"]), {"period": "2025", "value": "40"}
    )
    assert Target.objects.get(indicator=trained).value == D(40)
    form = admin_client.get(reverse("results:indicator_edit", args=["TR-1"]))
    version = form.context["form"].initial["version"]
    response = admin_client.post(
        reverse("results:indicator_edit", args=["TR-1"]),
        {
            "code": "TR-1",
            "name": "People trained",
            "definition": "Completed trainings.",
            "unit": "number",
            "direction": "higher",
            "aggregation": "sum",
            "source": "manual",
            "disaggregations": ["sex"],
            "baseline": "100",
            "order": "5",
            "is_active": "on",
            "version": version,
        },
    )
    assert response.status_code == 302
    trained.refresh_from_db()
    assert (trained.name, trained.baseline, trained.disaggregations) == (
        "People trained",
        D(100),
        ["sex"],
    )


def test_adding_a_computed_indicator_needs_a_known_function(admin_client):
    response = admin_client.post(
        reverse("results:indicator_create"),
        {
            "code": "NEW-1",
            "name": "x",
            "definition": "y",
            "unit": "number",
            "direction": "higher",
            "aggregation": "sum",
            "source": "computed",
            "compute_function": "guess",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Choose the function that computes it" in response.content.decode()
    assert not Indicator.objects.filter(code="NEW-1").exists()


def test_compute_from_the_page(admin_client):
    response = admin_client.post(reverse("results:compute"), {"period": "2024"})
    assert response.url == reverse("results:indicators") + "?period=2024"
    assert Measurement.objects.filter(indicator__code="KPI-04", period__code="2024").exists()


def test_a_regional_focal_point_is_offered_only_their_region(client, user_of, trained):
    regional = user_of("regional")
    client.force_login(regional)
    response = client.post(
        reverse("results:measurement_create", args=["TR-1"]), {"period": "2025", "value": "2"}
    )
    assert "You enter values of your region(s) only" in response.content.decode()
    assert not Measurement.objects.exists()

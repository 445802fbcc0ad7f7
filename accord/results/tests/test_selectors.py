"""The read interface: indicators against targets, series, roll-ups; only approved values."""

from datetime import date
from decimal import Decimal as D

import pytest

from accord.results.models import Indicator, MeasurementStatus, Period
from accord.results.selectors import indicator_series, indicators_against_targets
from accord.results.tests.factories import indicator, measurement, target

pytestmark = pytest.mark.django_db
MID_2025 = date(2025, 7, 2)  # just past half of 2025


@pytest.fixture(autouse=True)
def only_test_indicators(db):
    Indicator.objects.update(is_active=False)  # the catalogue's own indicators


def row_of(code, **kwargs):
    kwargs.setdefault("today", MID_2025)
    return next(r for r in indicators_against_targets("2025", **kwargs) if r.code == code)


def test_status_uses_the_target_and_the_approved_value_of_the_period():
    ind = indicator("A-1")
    target(ind, "2025", "100")
    measurement(ind, "2025", "60")
    row = row_of("A-1")
    assert (row.target, row.value, row.status) == (D(100), D(60), "on_track")
    assert row.url == "/results/indicators/A-1/"
    assert row_of("A-1", today=date(2026, 1, 5)).status == "off_track"  # the year is over


def test_only_approved_values_count():
    ind = indicator("A-2", disaggregations=["sex"])
    target(ind, "2025", "10")
    total = measurement(ind, "2025", "10", status=MeasurementStatus.SUBMITTED)
    measurement(ind, "2025", "4", status=MeasurementStatus.DRAFT, dimension="sex", part="female")
    measurement(ind, "2025", "6", status=MeasurementStatus.RETURNED, dimension="sex", part="male")
    row = row_of("A-2")
    assert (row.value, row.status) == (None, "no_data")
    total.status = MeasurementStatus.APPROVED
    total.save()
    assert row_of("A-2").value == D(10)


def test_quarters_roll_up_into_the_year_by_the_rule():
    summed = indicator("Q-SUM")
    averaged = indicator("Q-AVG", aggregation="average")
    latest = indicator("Q-LAST", aggregation="latest")
    ratio = indicator("Q-RATIO", aggregation="ratio", unit="percentage")
    for n, q in enumerate(("2025-Q1", "2025-Q2"), start=1):
        measurement(summed, q, 10 * n)
        measurement(averaged, q, 10 * n)
        measurement(latest, q, 10 * n)
        measurement(ratio, q, 0, numerator=D(n), denominator=D(4))
    assert row_of("Q-SUM").value == D(30)
    assert row_of("Q-AVG").value == D(15)
    assert row_of("Q-LAST").value == D(20)
    assert row_of("Q-RATIO").value == D("37.5")  # (1 + 2) / (4 + 4)


def test_a_total_for_the_year_wins_over_its_quarters():
    ind = indicator("Y-1")
    measurement(ind, "2025-Q1", 5)
    measurement(ind, "2025", 42)
    assert row_of("Y-1").value == D(42)


def test_parts_give_the_total_when_no_total_was_entered():
    ind = indicator("P-1", disaggregations=["sex", "region"])
    measurement(ind, "2025", 3, dimension="sex", part="female")
    measurement(ind, "2025", 4, dimension="sex", part="male")
    measurement(ind, "2025", 100, dimension="region", part="AFRICA")  # another cut
    assert row_of("P-1").value == D(7)


def test_trend_holds_five_years_and_latest_value():
    ind = indicator("T-1")
    measurement(ind, "2022", 1)
    measurement(ind, "2024", 3)
    target(ind, "2024", 5)
    row = row_of("T-1")
    assert [p.period for p in row.trend] == ["2021", "2022", "2023", "2024", "2025"]
    assert [p.value for p in row.trend] == [None, D(1), None, D(3), None]
    assert row.trend[3].target == D(5)
    assert (row.latest_value, row.latest_period) == (D(3), "2024")


def test_filters_by_category_outcome_and_status(db):
    ind = indicator("C-1")
    ind.category_id = Indicator.objects.get(code="RF-01").category_id  # government
    ind.save()
    indicator("C-2")
    codes = [r.code for r in indicators_against_targets("2025", "government", today=MID_2025)]
    assert codes == ["C-1"]
    assert indicators_against_targets("2025", "foundation", today=MID_2025) == []
    statuses = {r.code for r in indicators_against_targets("2025", status="no_data")}
    assert {"C-1", "C-2"} <= statuses


def test_lower_is_better_against_a_baseline():
    ind = indicator("L-1", direction="lower", aggregation="average", baseline=D(40))
    target(ind, "2025", 20)
    measurement(ind, "2025", 25)
    row = row_of("L-1", today=date(2026, 2, 1))
    assert (row.progress, row.status) == (D("0.75"), "at_risk")


def test_a_bounded_number_of_queries(django_assert_max_num_queries):
    for n in range(30):
        ind = indicator(f"N-{n}", disaggregations=["sex"])
        target(ind, "2025", 10)
        measurement(ind, "2024", n)
        measurement(ind, "2025-Q1", n, dimension="sex", part="female")
    with django_assert_max_num_queries(4):
        rows = indicators_against_targets("2025", today=MID_2025)
    assert len(rows) == 30


def test_series_lists_periods_in_time_order_with_targets():
    ind = indicator("S-1")
    measurement(ind, "2024-Q4", 2)
    measurement(ind, "2024-Q3", 1)
    target(ind, "2025", 9)
    measurement(ind, "2023", 7, status=MeasurementStatus.SUBMITTED)  # does not count
    points = indicator_series("S-1")
    assert [(p.period, p.value, p.target) for p in points] == [
        ("2024-Q3", D(1), None),
        ("2024-Q4", D(2), None),
        ("2025", None, D(9)),
    ]
    assert [p.period for p in indicator_series("S-1", kind="year")] == ["2025"]
    assert indicator_series("NOPE") == []


def test_asking_about_a_period_stores_nothing():
    indicator("R-1")
    rows = indicators_against_targets("2031-Q3", today=MID_2025)
    assert rows[0].period_label == "Q3 2031" and rows[0].expected == 0
    assert not Period.objects.filter(code="2031-Q3").exists()

"""The funding view's figures on a hand-built data set, every column, every grouping."""

from datetime import date
from decimal import Decimal

import pytest

from accord.accounts.models import Role
from accord.funding import gap_selectors
from accord.funding.contribution_services import contribution_record
from accord.funding.pledge_services import pledge_update
from accord.funding.tests.factories import OpportunityFactory, rate
from accord.funding.tests.money_factories import PledgeFactory, TargetFactory, flagship

pytestmark = pytest.mark.django_db
D = Decimal
Y = 2025


@pytest.fixture
def data(kenyan, brazilian):
    """Africa (kenyan) and LAC (brazilian) records in 2025, plus noise in 2024 and cancelled."""
    rate("EUR", "0.8", date(Y, 3, 1))
    TargetFactory(year=Y, flagship="1", amount_usd=D("10000"))
    TargetFactory(year=Y, flagship="2", amount_usd=D("500"))
    TargetFactory(year=Y, flagship=None, outcome="1.1", amount_usd=D("7000"))
    TargetFactory(year=Y - 1, flagship="1", amount_usd=D("4000"))
    # Kenyan pledge for flagship 1 (and outcome 1.1): 3,000 USD in 2025, 1,000 due in 2026.
    p1 = PledgeFactory(
        organisation=kenyan,
        amount=D("4000"),
        value_date=date(Y, 1, 10),
        flagship="1",
        outcomes=["1.1"],
        schedule=[(date(Y, 3, 1), D("3000")), (date(Y + 1, 3, 1), D("1000"))],
    )
    # 800 EUR = 1,000 USD received in March, split 600 EUR / 200 EUR between flagships 1 and 2.
    contribution_record(
        None,
        pledge=p1,
        amount=D("800"),
        currency="EUR",
        value_date=date(Y, 3, 5),
        allocations=[("1", "1.1", D("600")), ("2", None, D("200"))],
    )
    # A Brazilian standalone contribution with no programme.
    contribution_record(None, organisation=brazilian, amount=D("250"), value_date=date(Y, 5, 1))
    # A Brazilian pledge without flagship, 900 due in 2025, 300 paid in 2024.
    p2 = PledgeFactory(
        organisation=brazilian,
        amount=D("900"),
        value_date=date(Y - 1, 6, 1),
        schedule=[(date(Y, 6, 1), D("900"))],
    )
    contribution_record(None, pledge=p2, amount=D("300"), value_date=date(Y - 1, 7, 1))
    # Cancelled pledge: never outstanding.
    p3 = PledgeFactory(
        organisation=kenyan, amount=D("5000"), value_date=date(Y, 2, 1), flagship="1"
    )
    pledge_update(None, pledge=p3, status="cancelled", cancelled_reason="No budget")
    # 3 EUR = 10 USD, 1 EUR paid: outstanding 2 x 10 / 3 = 6.67 (no integer division anywhere).
    rate("EUR", "0.3", date(Y, 4, 1))
    p4 = PledgeFactory(
        organisation=kenyan, amount=D("3"), currency="EUR", value_date=date(Y, 4, 1), flagship="3"
    )
    contribution_record(
        None,
        pledge=p4,
        amount=D("1"),
        currency="EUR",
        value_date=date(Y, 4, 2),
        allocations=[("3", None, D("1"))],
    )
    # Pipeline: open in 2025 (weighted), won or out of year (ignored).
    OpportunityFactory(
        organisation=kenyan,
        amount=D("2000"),
        stage="proposal",
        probability=50,
        expected_decision_date=date(Y, 9, 1),
        flagship="1",
        outcomes=["1.1"],
    )
    OpportunityFactory(
        organisation=brazilian,
        amount=D("1001"),
        stage="cultivating",
        probability=33,
        expected_decision_date=date(Y, 10, 1),
        flagship="2",
    )
    OpportunityFactory(
        organisation=kenyan,
        amount=D("9999"),
        stage="won",
        expected_decision_date=date(Y, 9, 1),
        flagship="1",
    )
    OpportunityFactory(
        organisation=kenyan,
        amount=D("9999"),
        stage="proposal",
        expected_decision_date=date(Y + 1, 1, 1),
        flagship="1",
    )


def by_code(rows):
    return {r.code: r for r in rows}


def test_every_column_by_flagship(data, officer):
    rows = by_code(gap_selectors.funding_gap(officer, year=Y, by="flagship"))
    one, two, none, total = rows["1"], rows["2"], rows["none"], rows[""]
    assert (one.target, one.received, one.pledged_outstanding, one.weighted_pipeline) == (
        D("10000.00"),
        D("750.00"),
        D("2000.00"),
        D("1000.00"),
    )
    assert (one.gap, one.gap_after_pipeline) == (D("7250.00"), D("6250.00"))
    # 1,001 x 33% = 330.33; target 500 - 250 received = 250 gap; after pipeline -80.33.
    assert (two.received, two.pledged_outstanding, two.weighted_pipeline) == (
        D("250.00"),
        D("0.00"),
        D("330.33"),
    )
    assert (two.gap, two.gap_after_pipeline) == (D("250.00"), D("-80.33"))
    assert (none.target, none.received, none.pledged_outstanding, none.gap) == (
        None,
        D("250.00"),
        D("600.00"),
        None,
    )
    assert (rows["3"].received, rows["3"].pledged_outstanding) == (D("3.33"), D("6.67"))
    assert rows["3"].target is None and rows["4"].received == 0
    assert {r.code for r in rows.values()} >= {"1", "2", "3", "4", "5", "none", ""}
    assert (total.target, total.received, total.pledged_outstanding) == (
        D("10500.00"),
        D("1253.33"),
        D("2606.67"),
    )
    assert total.weighted_pipeline == D("1330.33")


def test_by_outcome_uses_allocation_outcome_and_the_outcomes_of_pledges(data, officer):
    rows = by_code(gap_selectors.funding_gap(officer, year=Y, by="outcome"))
    assert (
        rows["1.1"].target,
        rows["1.1"].received,
        rows["1.1"].pledged_outstanding,
        rows["1.1"].weighted_pipeline,
    ) == (D("7000.00"), D("750.00"), D("2000.00"), D("1000.00"))
    assert rows["1.1"].gap == D("4250.00")
    assert rows["none"].received == D("503.33")
    assert rows["none"].weighted_pipeline == D("330.33")


def test_by_category_and_region_have_no_targets(data, officer, kenyan, brazilian):
    rows = gap_selectors.funding_gap(officer, year=Y, by="region")
    africa = next(r for r in rows if r.key == kenyan.region_id)
    lac = next(r for r in rows if r.key == brazilian.region_id)
    assert (africa.received, africa.pledged_outstanding, africa.weighted_pipeline) == (
        D("1003.33"),
        D("2006.67"),
        D("1000.00"),
    )
    assert (lac.received, lac.pledged_outstanding, lac.weighted_pipeline) == (
        D("250.00"),
        D("600.00"),
        D("330.33"),
    )
    assert africa.target is None and africa.gap is None
    local = by_code(gap_selectors.funding_gap(officer, year=Y, by="category"))["local_authority"]
    assert (local.received, local.pledged_outstanding) == (D("1253.33"), D("2606.67"))


def test_a_regional_focal_point_sees_their_region_figures_only(data, regional, kenyan):
    rows = by_code(gap_selectors.funding_gap(regional, year=Y))
    assert rows["none"].received == 0 and rows["none"].pledged_outstanding == 0
    assert rows["2"].weighted_pipeline == 0 and rows["1"].received == D("750.00")
    regions = gap_selectors.funding_gap(regional, year=Y, by="region")
    assert [r.key for r in regions if not r.is_total] == [kenyan.region_id]


def test_readers_without_funding_access_get_nothing(data, make_user):
    assert gap_selectors.funding_gap(make_user(Role.REVIEWER), year=Y) == []


def test_trend_sets_received_against_targets(data, officer):
    points = {p.year: p for p in gap_selectors.funding_trend(officer, year=Y)}
    assert (points[Y].received, points[Y].target) == (D("1253.33"), D("10500.00"))
    assert (points[Y - 1].received, points[Y - 1].target) == (D("300.00"), D("4000.00"))
    assert points[Y - 5].target is None


def test_queries_do_not_grow_with_the_data(data, officer, kenyan, django_assert_max_num_queries):
    for n in range(5):
        PledgeFactory(
            organisation=kenyan,
            amount=D("10"),
            value_date=date(Y, 1, 1 + n),
            flagship=str(1 + n % 5),
        )
    # Six to know whether the cached figures still hold (data_marker), six to compute them.
    with django_assert_max_num_queries(12):
        gap_selectors.funding_gap(officer, year=Y, by="outcome")
    with django_assert_max_num_queries(6):  # the same again: read from the cache
        gap_selectors.funding_gap(officer, year=Y, by="outcome")


def test_charts_scale_to_the_largest_figure(data, officer):
    rows = gap_selectors.funding_gap(officer, year=Y)
    chart = gap_selectors.bar_chart(rows)
    assert len(chart.items) == len(rows) - 1
    first = chart.items[0]
    assert first["target_x"] == gap_selectors.LABEL_WIDTH + (
        gap_selectors.BAR_WIDTH - gap_selectors.LABEL_WIDTH - 20
    )
    assert flagship("1").pk == first["row"].key


def test_cached_figures_follow_every_write(officer, kenyan):
    """The view is cached; recording, correcting or deleting a contribution changes the key."""
    from accord.funding import contribution_services, gap_selectors

    rate("EUR", "0.5", date(Y, 3, 1))

    def received():
        rows = gap_selectors.funding_gap(officer, year=Y, by="region")
        return rows[-1].received

    assert received() == D("0.00")
    c = contribution_services.contribution_record(
        officer, organisation=kenyan, amount=D("50"), currency="EUR", value_date=date(Y, 3, 5)
    )
    assert received() == D("100.00")
    contribution_services.contribution_delete(officer, contribution=c)
    assert received() == D("0.00")

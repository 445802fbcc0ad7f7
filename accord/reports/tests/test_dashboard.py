"""The management dashboard on hand-built data: each section's figures, the links behind the
charts, each chart's data download, filters, query bounds and who may open it."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import Role
from accord.agreements.tests.factories import ObligationFactory, days_from_today, signed_agreement
from accord.diligence.tests.conftest import listed, un_list  # noqa: F401 (fixtures)
from accord.diligence.tests.factories import make_hit
from accord.engagement.tests.conftest import brazilian, kenyan, user_of  # noqa: F401 (fixtures)
from accord.engagement.tests.factories import EngagementFactory
from accord.funding.tests.factories import OpportunityFactory, move
from accord.funding.tests.money_factories import ContributionFactory, TargetFactory
from accord.partners.tests.factories import OrganisationFactory, category, country
from accord.reports import dashboard_charts as charts
from accord.reports import dashboard_selectors as figures
from accord.reports.dashboard_attention import attention
from accord.reports.dashboard_data import TABLES
from accord.reports.dashboard_selectors import DashboardFilters
from accord.reports.tests.test_exports import PERMISSION_MATRIX

YEAR = timezone.localdate().year
DASHBOARD = reverse("reports:dashboard")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGEMENT)


@pytest.fixture
def data(kenyan, brazilian):  # noqa: F811
    """Three local authorities in Africa (two in Kenya), one in Latin America and a foundation
    in the United States; opportunities at two stages; money received this year and last."""
    OrganisationFactory(name="Mombasa County", category="local_authority", country=country("KE"))
    OrganisationFactory(
        name="Kampala Capital City", category="local_authority", country=country("UG")
    )
    OrganisationFactory(name="Ford Foundation", category="foundation", country=country("US"))
    decision = date(YEAR, 6, 30)
    OpportunityFactory(organisation=kenyan, amount=Decimal(1000), expected_decision_date=decision)
    OpportunityFactory(
        organisation=brazilian, amount=Decimal(3000), expected_decision_date=decision
    )
    proposal = OpportunityFactory(
        organisation=kenyan, amount=Decimal(500), expected_decision_date=decision
    )
    move(proposal, "cultivating")
    OpportunityFactory(organisation=kenyan, expected_decision_date=date(YEAR - 1, 6, 30))
    ContributionFactory(organisation=kenyan, amount=Decimal(250), value_date=date(YEAR, 1, 10))
    ContributionFactory(organisation=kenyan, amount=Decimal(100), value_date=date(YEAR - 1, 1, 10))
    TargetFactory(year=YEAR, amount_usd=Decimal(10000))
    return {"kenyan": kenyan, "brazilian": brazilian}


def test_partners_by_category_region_and_country(manager, data):
    found = figures.partners(manager, DashboardFilters(year=YEAR))
    assert found["total"] == 5
    by_category = {row["code"]: row["count"] for row in found["by_category"]}
    assert by_category["local_authority"] == 4
    assert by_category["foundation"] == 1
    assert sum(by_category.values()) == 5
    by_region = {row["code"]: row["count"] for row in found["by_region"]}
    assert by_region["AFRICA"] == 3
    assert by_region["LAC"] == 1
    assert found["by_country"][0] == {"code": "KE", "name": "Kenya", "count": 2}


def test_region_filter_narrows_partners_and_pipeline(manager, data):
    africa = DashboardFilters(year=YEAR, region="AFRICA")
    assert figures.partners(manager, africa)["total"] == 3
    counts = {row["key"]: row["count"] for row in figures.pipeline(manager, africa)}
    assert counts["identified"] == 1
    assert counts["cultivating"] == 1


def test_pipeline_funnel_counts_and_totals_of_the_year(manager, data):
    rows = {row["key"]: row for row in figures.pipeline(manager, DashboardFilters(year=YEAR))}
    assert rows["identified"]["count"] == 2
    assert rows["identified"]["total_usd"] == Decimal("4000.00")
    probability = rows["identified"]["weighted_usd"] / Decimal("4000.00")
    assert Decimal(0) < probability <= 1
    assert rows["cultivating"]["count"] == 1
    assert rows["won"]["count"] == 0
    assert list(rows)[0] == "identified"  # open stages first, in order


def test_resources_received_against_target_by_year(manager, data):
    found = figures.resources(manager, DashboardFilters(year=YEAR))
    trend = {p["year"]: p for p in found["trend"]}
    assert trend[YEAR]["received"] == Decimal("250.00")
    assert trend[YEAR]["target"] == Decimal("10000.00")
    assert trend[YEAR - 1]["received"] == Decimal("100.00")
    assert found["year"]["received"] == Decimal("250.00")
    assert found["year"]["target"] == Decimal("10000.00")


def test_scorecard_heat_counts_the_years_engagements(manager, kenyan):  # noqa: F811
    from accord.strategy.models import EngagementStrategy

    line = EngagementStrategy.objects.filter(category=category("local_authority")).first()
    EngagementFactory(organisations=[kenyan], strategies=[line], start_date=date(YEAR, 1, 5))
    card = figures.scorecard(manager, DashboardFilters(year=YEAR))
    lines = {ln["id"]: ln for c in card["categories"] for ln in c["lines"]}
    assert lines[line.pk]["engagements"] == 1
    assert lines[line.pk]["heat"] == 4
    assert card["highest"] == 1


def test_attention_lists_what_is_overdue_expiring_open_and_quiet(manager, kenyan, listed):  # noqa: F811
    agreement = signed_agreement(parties=[kenyan], end_date=days_from_today(20))
    ObligationFactory(agreement=agreement, due_date=days_from_today(-3), title="Late report")
    ObligationFactory(agreement=agreement, due_date=days_from_today(30))
    make_hit(organisation=kenyan, created_days_ago=10)
    make_hit(organisation=kenyan, data_id="1", created_days_ago=1)
    sections = {s["key"]: s for s in attention(manager, DashboardFilters(year=YEAR))}
    assert sections["obligations"]["count"] == 1
    assert sections["obligations"]["rows"][0]["label"].startswith("Late report")
    assert sections["expiring"]["count"] == 1
    assert sections["hits"]["count"] == 1
    assert sections["stale"]["count"] >= 0
    assert sections["stale"]["query"] == {"who": "all"}


def test_stale_relationship_counted_when_never_engaged(manager, db):
    quiet = OrganisationFactory(name="Quiet partner", status="active")
    found = {s["key"]: s for s in attention(manager, DashboardFilters(year=YEAR))}
    assert [r["label"] for r in found["stale"]["rows"]] == [quiet.name]


def test_page_shows_every_section_with_links_to_the_records(client, manager, data):
    client.force_login(manager)
    response = client.get(DASHBOARD, {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Partners", "Pipeline", "Resources mobilised", "What needs attention"):
        assert heading in html
    assert reverse("partners:list") + "?category=local_authority" in html
    assert f"{reverse('funding:opportunity_list')}?year={YEAR}&amp;stage=identified" in html
    assert f"{reverse('funding:contribution_list')}?year={YEAR}" in html
    map_data = json.loads(html.split('id="map-data" type="application/json">')[1].split("<")[0])
    kenya = next(row for row in map_data if row["code"] == "KE")
    assert kenya["id"] == "404"
    assert kenya["count"] == 2
    assert 'id="map-data"' in html


@pytest.mark.parametrize("chart", sorted(TABLES))
def test_each_chart_downloads_its_figures_as_csv(client, manager, data, chart):
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard_data", args=[chart]), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) > 1
    if chart == "partners_country":
        assert rows[1] == ["Kenya", "KE", "2"]
    if chart == "pipeline":
        assert rows[1][2:4] == ["2", "4000.00"]
    if chart == "resources":
        assert rows[-1] == [str(YEAR), "250.00", "10000.00"]


def test_bars_scale_to_the_largest_value_and_keep_small_ones_visible():
    chart = charts.bars(
        [{"label": "a", "value": 1000, "href": "/a"}, {"label": "b", "value": 1, "href": "/b"},
         {"label": "c", "value": 0, "href": "/c"}]
    )  # fmt: skip
    widths = [item["width"] for item in chart.items]
    assert widths[0] == charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_ROOM
    assert widths[1] == 2
    assert widths[2] == 0
    assert [item["text"] for item in chart.items] == ["1,000", "1", "0"]
    funnel = charts.bars([{"label": "a", "value": 10, "href": "/a"},
                          {"label": "b", "value": 5, "href": "/b"}], centred=True)  # fmt: skip
    a, b = funnel.items
    assert a["x"] + a["width"] / 2 == pytest.approx(b["x"] + b["width"] / 2, abs=1)


def test_indicators_section_reads_the_results_framework(manager, db):
    found = figures.indicators(manager, DashboardFilters(year=YEAR))
    if found is None:
        pytest.skip("the results app offers no indicators_against_targets")
    assert sum(row["count"] for row in found["by_status"]) == len(found["rows"])
    assert [row["code"] for row in found["by_status"]] == [
        "on_track", "at_risk", "off_track", "no_data"
    ]  # fmt: skip


def test_unknown_chart_is_404(client, manager, db):
    client.force_login(manager)
    assert client.get(reverse("reports:dashboard_data", args=["nothing"])).status_code == 404


def test_bad_filters_are_ignored_not_an_error(client, manager, data):
    client.force_login(manager)
    response = client.get(DASHBOARD, {"year": "soon", "region": "MOON"})
    assert response.status_code == 200
    assert response.context["filters"] == DashboardFilters(year=YEAR)


def test_htmx_filter_returns_the_figures_only(client, manager, data):
    client.force_login(manager)
    response = client.get(
        DASHBOARD, {"year": YEAR, "region": "LAC"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert response.context["partners"]["total"] == 1


def test_page_queries_do_not_grow_with_records(client, manager, django_assert_max_num_queries):
    client.force_login(manager)
    for n in range(12):
        partner = OrganisationFactory(name=f"Partner {n}", country=country("BR" if n % 2 else "KE"))
        OpportunityFactory(organisation=partner, expected_decision_date=date(YEAR, 3, 1))
        EngagementFactory(organisations=[partner])
    with django_assert_max_num_queries(70):
        assert client.get(DASHBOARD).status_code == 200
    with django_assert_max_num_queries(30):  # the aggregates now come from the cache
        assert client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize(("kind", "status"), PERMISSION_MATRIX)
def test_permission_matrix(client, user_of, kind, status):  # noqa: F811
    if kind != "anonymous":
        client.force_login(user_of(kind))
    assert client.get(DASHBOARD).status_code == status
    data_url = reverse("reports:dashboard_data", args=["partners_category"])
    assert client.get(data_url).status_code == status


def test_regional_focal_point_sees_their_region_only(client, make_user, region, data):
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    response = client.get(DASHBOARD)
    assert response.context["partners"]["total"] == 3
    assert {row["code"] for row in response.context["partners"]["by_region"]} == {"AFRICA"}
    pipeline = {row["key"]: row["count"] for row in response.context["pipeline"]}
    assert pipeline["identified"] == 1
    choices = [code for code, _ in response.context["form"].fields["region"].choices]
    assert choices == ["", "AFRICA"]


def test_nav_link_is_prominent_for_management(client, manager, user_of):  # noqa: F811
    client.force_login(manager)
    home = client.get(reverse("home")).content.decode()
    assert f'<a href="{DASHBOARD}"><strong>Management dashboard</strong></a>' in home
    page = client.get(DASHBOARD).content.decode()
    assert f'href="{DASHBOARD}" aria-current="page"' in page
    client.force_login(user_of(Role.PARTNER))
    assert DASHBOARD not in client.get(reverse("partners:list")).content.decode()

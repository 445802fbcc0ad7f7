"""The strategy scorecard: engagements and partners per strategy line and period, last
activity, open and overdue plan actions; regional scoping; the shared snapshot and its
invalidation; the heat map page, its links and its bounded queries; the API."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement import scorecard
from accord.engagement.models import ScorecardSnapshot
from accord.engagement.tests.factories import EngagementFactory, PlanActionFactory, days_ago
from accord.engagement.tests.helpers import BASE
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


def line(card, code):
    for category in card["categories"]:
        for row in category["lines"]:
            if row["code"] == code:
                return row
    raise AssertionError(f"no line {code}")


def category_of(card, code):
    return next(c for c in card["categories"] if c["code"] == code)


@pytest.fixture
def activity(kenyan, brazilian, officer):
    """Line 2.1: two engagements in the last year (one with both partners), one two years ago,
    one cancelled; line 2.2 nothing."""
    EngagementFactory(organisations=[kenyan], strategies=["2.1"], start_date=days_ago(10))
    EngagementFactory(
        organisations=[kenyan, brazilian], strategies=["2.1", "2.3"], start_date=days_ago(100)
    )
    EngagementFactory(organisations=[brazilian], strategies=["2.1"], start_date=days_ago(800))
    EngagementFactory(
        organisations=[brazilian], strategies=["2.1"], start_date=days_ago(5), status="cancelled"
    )
    PlanActionFactory(strategies=["2.1"], owner=officer, due_date=days_ago(3))
    PlanActionFactory(strategies=["2.1"], owner=officer, due_date=days_ago(-30))
    return kenyan, brazilian


def test_scorecard_counts_engagements_and_partners_of_each_line_in_the_last_twelve_months(
    officer, activity
):
    card = scorecard.scorecard(user=officer)
    row = line(card, "2.1")
    assert (row["engagements"], row["partners"]) == (2, 2)
    assert row["last_activity"] == days_ago(10).isoformat()
    assert (row["open_actions"], row["overdue_actions"]) == (2, 1)
    assert line(card, "2.2")["engagements"] == 0 and line(card, "2.2")["last_activity"] is None
    assert len(card["categories"]) == 8 and card["funding"] is None
    local = category_of(card, "local_authority")
    assert (local["engagements"], local["partners"]) == (2, 2)  # not 3: one engagement, 2 lines


def test_scorecard_period_is_chosen_by_dates(officer, activity):
    card = scorecard.scorecard(user=officer, date_from=days_ago(900), date_to=days_ago(50))
    assert line(card, "2.1")["engagements"] == 2  # 100 and 800 days ago
    assert card["date_from"] == days_ago(900)


def test_a_regional_focal_point_counts_only_the_engagements_they_may_see(regional, activity):
    row = line(scorecard.scorecard(user=regional), "2.1")
    # Africa's focal point sees both engagements with the Kenyan partner, not the Brazilian one.
    assert (row["engagements"], row["partners"]) == (2, 2)
    card = scorecard.scorecard(user=regional, date_from=days_ago(900), date_to=days_ago(700))
    assert line(card, "2.1")["engagements"] == 0


def test_scorecard_is_kept_as_a_snapshot_and_recomputed_after_a_change(
    officer, kenyan, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    scorecard.scorecard(user=officer)
    assert ScorecardSnapshot.objects.count() == 1
    with django_assert_max_num_queries(1):
        scorecard.scorecard(user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        EngagementFactory(organisations=[kenyan], strategies=["2.2"])
    assert not ScorecardSnapshot.objects.exists()
    assert line(scorecard.scorecard(user=officer), "2.2")["engagements"] == 1


def test_scorecards_of_different_scopes_are_kept_apart(officer, regional, activity):
    scorecard.scorecard(user=officer)
    scorecard.scorecard(user=regional)
    assert ScorecardSnapshot.objects.count() == 2


def test_heat_levels_rank_lines_against_the_busiest():
    assert [scorecard.heat_level(v, 8) for v in (0, 1, 2, 3, 4, 6, 8)] == [0, 1, 1, 2, 2, 3, 4]
    assert scorecard.heat_level(3, 0) == 1


def test_scorecard_page_shows_the_heat_map_with_links_to_the_records_behind_each_cell(
    officer_client, activity, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        response = officer_client.get(reverse("engagement:scorecard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="heatmap"' in page and 'class="heat-0"' in page and "heat-4" in page
    start = days_ago(364).isoformat()
    assert f"?strategy=2.1&amp;date_from={start}&amp;date_to={days_ago(0).isoformat()}" in page
    assert "Line 2.1: 2 engagements with 2 partners" in page
    assert "nobody worked on it in the period" in page
    assert f"{reverse('engagement:plan')}?strategy=2.1&amp;overdue=on" in page
    assert "style=" not in page


def test_scorecard_page_query_count_does_not_grow_with_the_data(
    officer_client, kenyan, django_assert_max_num_queries
):
    for n in range(6):
        EngagementFactory(organisations=[kenyan], strategies=[f"2.{n % 4 + 1}"])
    ScorecardSnapshot.objects.all().delete()
    with django_assert_max_num_queries(14):
        assert officer_client.get(reverse("engagement:scorecard")).status_code == 200


def test_scorecard_page_reports_a_wrong_period_and_shows_the_default(officer_client):
    response = officer_client.get(
        reverse("engagement:scorecard"), {"date_from": "2025-05-01", "date_to": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()


@pytest.mark.parametrize("role", [Role.PARTNER, Role.REVIEWER])
def test_roles_without_engagements_may_not_open_the_scorecard(client, make_user, role):
    extra = (
        {"organisation": OrganisationFactory(country=country("KE"))} if role == "partner" else {}
    )
    client.force_login(make_user(role, **extra))
    assert client.get(reverse("engagement:scorecard")).status_code == 403
    assert client.get(f"{BASE}/scorecard").status_code == 403


def test_the_scorecard_is_in_the_main_navigation(officer_client):
    page = officer_client.get(reverse("engagement:list")).content.decode()
    assert f'href="{reverse("engagement:scorecard")}"' in page


def test_api_scorecard_answers_the_figures_per_category_and_line(api, activity):
    response = api.get(f"{BASE}/scorecard")
    assert response.status_code == 200
    data = response.json()
    local = next(c for c in data["categories"] if c["code"] == "local_authority")
    row = next(r for r in local["lines"] if r["code"] == "2.1")
    assert (row["engagements"], row["partners"], row["overdue_actions"]) == (2, 2, 1)
    assert data["funding"] is None


def test_api_scorecard_refuses_a_period_that_ends_before_it_starts(api):
    response = api.get(f"{BASE}/scorecard", {"date_from": "2025-05-01", "date_to": "2025-01-01"})
    assert response.status_code == 400
    assert "date_to" in response.json()["errors"]

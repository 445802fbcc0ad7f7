"""Coordination without duplication: overlapping engagements (same partner, outcome and
country, different offices, within the window) on the page and in the API, with scoping."""

import pytest
from django.urls import reverse

from accord.engagement import coordination
from accord.engagement.tests.factories import EngagementFactory, days_ago
from accord.engagement.tests.helpers import BASE

pytestmark = pytest.mark.django_db


def engage(org, *, ago, region=None, office="", outcomes=("1.1",), country="KE", **extra):
    return EngagementFactory(
        organisations=[org],
        start_date=days_ago(ago),
        lead_region=region,
        office=office,
        outcomes=list(outcomes),
        country=country,
        **extra,
    )


def pairs(user, **kwargs):
    links = coordination.overlapping_links(user=user, **kwargs)
    return [(p.first, p.second) for p in coordination.overlaps_for(user=user, links=links)]


def test_the_same_partner_outcome_and_country_by_two_offices_within_the_window_overlap(
    officer, kenyan, region
):
    hq = engage(kenyan, ago=40, office="Partnerships Unit")
    regional_office = engage(kenyan, ago=20, region=region)
    assert pairs(officer) == [(hq, regional_office)]
    overlap = coordination.overlaps_for(
        user=officer, links=coordination.overlapping_links(user=officer)
    )[0]
    assert overlap.days_apart == 20 and [o.code for o in overlap.outcomes] == ["1.1"]


@pytest.mark.parametrize(
    "second",
    [
        {"ago": 20, "office": "Partnerships Unit"},  # the same office
        {"ago": 20, "office": "partnerships unit"},  # the same office, spelt in lower case
        {"ago": 20, "region": "AFRICA", "outcomes": ("2.1",)},  # no outcome in common
        {"ago": 20, "region": "AFRICA", "country": "TZ"},  # another country
        {"ago": -40, "region": "AFRICA", "status": "planned"},  # 80 days later: beyond 60
        {"ago": 20, "region": "AFRICA", "status": "cancelled"},  # did not happen
    ],
)
def test_engagements_that_do_not_collide_are_not_flagged(officer, kenyan, second):
    engage(kenyan, ago=40, office="Partnerships Unit")
    engage(kenyan, **second)
    assert pairs(officer) == []


def test_the_window_is_a_setting_and_a_parameter(officer, kenyan, region, settings):
    engage(kenyan, ago=100, office="Partnerships Unit")
    engage(kenyan, ago=20, region=region)
    assert pairs(officer) == []
    settings.ACCORD_OVERLAP_DAYS = 90
    assert len(pairs(officer)) == 1
    assert pairs(officer, window=30) == []


def test_regional_focal_points_see_overlaps_only_on_their_partners(
    regional, officer, brazilian, other_region
):
    engage(brazilian, ago=40, country="BR", office="Partnerships Unit")
    engage(brazilian, ago=30, country="BR", region=other_region)
    assert len(pairs(officer)) == 1 and pairs(regional) == []


def test_coordination_page_lists_the_pairs_with_links(
    officer_client, kenyan, region, django_assert_max_num_queries
):
    first = engage(kenyan, ago=40, office="Partnerships Unit")
    second = engage(kenyan, ago=20, region=region)
    with django_assert_max_num_queries(12):
        page = officer_client.get(reverse("engagement:coordination")).content.decode()
    assert reverse("engagement:detail", args=[first.pk]) in page
    assert reverse("engagement:detail", args=[second.pk]) in page
    assert "20 days later" in page and "Outcome 1.1" in page


def test_coordination_page_explains_a_wrong_window(officer_client):
    response = officer_client.get(reverse("engagement:coordination"), {"window": "0"})
    assert response.status_code == 200
    assert "greater than or equal to 1" in response.content.decode()


def test_api_lists_the_overlapping_pairs(api, kenyan, region):
    engage(kenyan, ago=40, office="Partnerships Unit")
    engage(kenyan, ago=20, region=region)
    data = api.get(f"{BASE}/coordination/overlaps").json()
    assert data["count"] == 1
    (pair,) = data["results"]
    assert pair["partner"] == kenyan.pk and pair["country"] == "KE"
    assert pair["first"]["lead_region"] is None and pair["second"]["lead_region"] == "AFRICA"
    assert api.get(f"{BASE}/coordination/overlaps", {"window": 0}).status_code == 422

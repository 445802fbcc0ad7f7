"""Hand-built data for the Executive Board report tests, on top of test_iati_data.py's world:
engagements on strategy lines in and out of 2025, an indicator of the government category with
a target and an approved value, and a published impact story with the Kenyan host government.
No tests here."""

from datetime import date

from accord.engagement import services as engagement_services
from accord.knowledge.tests.factories import published
from accord.reports.tests.test_iati_data import World, build_world
from accord.results.tests.factories import indicator, measurement, target
from accord.strategy.models import PartnerCategory

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def _engagement(title: str, day: date, organisations, strategies, status=None):
    return engagement_services.engagement_create(
        actor=None,
        title=title,
        kind="meeting",
        start_date=day,
        organisations=organisations,
        strategies=strategies,
        status=status,
    )


def build_board_world() -> World:
    world = build_world()
    _engagement("Housing policy dialogue", date(2025, 4, 2), [world.host], ["1.1"])
    _engagement(
        "Tenure security workshop", date(2025, 5, 6), [world.host, world.ngo], ["1.1", "6.2"]
    )
    _engagement("Earlier dialogue", date(2024, 11, 5), [world.host], ["1.2"])  # before the period
    _engagement("Cancelled visit", date(2025, 8, 1), [world.host], ["1.2"], status="cancelled")
    government = PartnerCategory.objects.get(code="government")
    policies = indicator("T-GOV", name="National urban policies adopted", category=government)
    target(policies, "2025", "10")
    measurement(policies, "2025", 4)
    published(
        title="Kenya's housing scheme reaches informal settlements",
        date=date(2025, 6, 1),
        partners=[(world.host.pk, "took_part")],
    )
    published(
        title="A story from 2024", date=date(2024, 6, 1), partners=[(world.host.pk, "featured")]
    )
    return world

"""Fixtures of the agreements tests: the engagement tests' partners in two regions and users of
every kind, plus an opportunity and a month of exchange rates."""

from datetime import date
from decimal import Decimal

import pytest

from accord.engagement.tests.conftest import (  # noqa: F401 - fixtures shared with engagement
    brazilian,
    kenyan,
    regional,
    user_of,
)
from accord.funding.models import ExchangeRate, Opportunity, Stage
from accord.strategy.models import FlagshipProgramme, Outcome

RATE_DAY = date(2025, 3, 15)


@pytest.fixture
def eur_rate(db):
    """0.9 EUR to the dollar in March 2025 (rates are entered for tests only)."""
    return ExchangeRate.objects.create(
        currency="EUR", month=date(2025, 3, 1), rate=Decimal("0.90000000"), source="Test ROE"
    )


@pytest.fixture
def opportunity(db, kenyan, eur_rate):  # noqa: F811 - the imported fixture
    """A won opportunity with the Kenyan partner (created directly: the funding services are
    another app's)."""
    opp = Opportunity.objects.create(
        organisation=kenyan,
        title="Slum upgrading in Nairobi",
        stage=Stage.objects.first(),
        probability=80,
        amount=Decimal("900000.00"),
        currency="EUR",
        value_date=RATE_DAY,
        amount_usd=Decimal("1000000.00"),
        usd_rate=Decimal("0.9"),
        rate_source="Test ROE",
        region=kenyan.region,
        flagship=FlagshipProgramme.objects.order_by("code").first(),
    )
    opp.outcomes.set(Outcome.objects.order_by("code")[:2])
    return opp

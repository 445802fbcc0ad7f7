from datetime import date

import pytest

from accord.funding import demo_pipeline
from accord.funding.models import ExchangeRate, Opportunity
from accord.partners.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_rates_cover_every_month_and_are_deterministic():
    created = demo_pipeline.load_demo_rates(until=date(2020, 12, 31))
    assert created == 14 * 24
    assert demo_pipeline.load_demo_rates(until=date(2020, 12, 31)) == 0
    sar = ExchangeRate.objects.get(currency="SAR", month=date(2020, 6, 1))
    assert sar.rate == demo_pipeline.demo_rate("SAR", date(2020, 6, 1)) == 3.75
    jpy = ExchangeRate.objects.get(currency="JPY", month=date(2020, 6, 1))
    assert 100 < jpy.rate < 130 and jpy.source == demo_pipeline.RATE_SOURCE


def test_demo_opportunities_load_once():
    load_demo(limit=40)
    n = demo_pipeline.load_demo_opportunities()
    assert n == demo_pipeline.TARGET
    assert Opportunity.objects.filter(is_demo=True).count() == n
    assert demo_pipeline.load_demo_opportunities() == 0
    kinds = set(Opportunity.objects.values_list("stage__kind", flat=True))
    assert {"open", "won", "lost"} <= kinds
    assert Opportunity.objects.exclude(currency="USD").exists()
    assert Opportunity.objects.values("value_date__year").distinct().count() >= 3

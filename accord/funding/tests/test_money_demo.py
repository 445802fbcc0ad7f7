from decimal import Decimal

import pytest
from django.utils import timezone

from accord.funding.demo_money import load_demo_money
from accord.funding.demo_pipeline import load_demo_opportunities, load_demo_rates
from accord.funding.models import Allocation, Contribution, FundingTarget, Pledge, SoftCredit
from accord.partners.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partners(db):
    load_demo(limit=60)
    load_demo_rates()
    load_demo_opportunities()


def test_demo_money_fills_pledges_and_contributions_and_is_idempotent(demo_partners):
    loaded = load_demo_money()
    years = timezone.localdate().year - 2020 + 1
    assert FundingTarget.objects.filter(is_demo=True).count() == 5 * years
    assert loaded.created["pledges"] == Pledge.objects.count() > 20
    assert Pledge.objects.filter(opportunity__isnull=False).exists()
    contributions = Contribution.objects.all()
    assert contributions.count() > 20
    assert len(set(contributions.values_list("currency", flat=True))) > 2
    assert {"partial", "paid"} <= set(Pledge.objects.values_list("payment_status", flat=True))
    for c in contributions.prefetch_related("allocations"):
        parts = list(c.allocations.all())
        assert sum(a.amount for a in parts) == c.amount
        assert sum(a.amount_usd for a in parts) == c.amount_usd
    assert Allocation.objects.values("contribution").distinct().count() == contributions.count()
    counts = (Pledge.objects.count(), contributions.count(), SoftCredit.objects.count())
    again = load_demo_money()
    assert again.created == {"targets": 0, "pledges": 0, "contributions": 0}
    assert (
        Pledge.objects.count(),
        Contribution.objects.count(),
        SoftCredit.objects.count(),
    ) == counts
    assert Decimal(0) < sum(p.received_usd for p in Pledge.objects.all())

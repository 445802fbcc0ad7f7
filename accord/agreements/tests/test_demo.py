"""The demonstration agreements: every type and status over several years, values in several
currencies, parties, amendments and obligations (some overdue, some due soon); through the
services, marked demo, idempotent."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from accord.agreements.demo import load_demo_agreements
from accord.agreements.models import (
    Agreement,
    AgreementStatus,
    AgreementType,
    Amendment,
    Obligation,
)
from accord.core.models import HistoryEntry
from accord.funding.models import ExchangeRate
from accord.partners import demo

pytestmark = pytest.mark.django_db


def months_back(n: int):
    first = date.today().replace(day=1)
    for _ in range(n):
        yield first
        first = (first - timedelta(days=1)).replace(day=1)


@pytest.fixture
def loaded(db):
    demo.load_demo(limit=4)
    for month in months_back(84):  # rates exist in tests only; the demo never invents one
        ExchangeRate.objects.create(currency="EUR", month=month, rate=Decimal("0.9"), source="T")
        ExchangeRate.objects.create(currency="GBP", month=month, rate=Decimal("0.8"), source="T")
    return load_demo_agreements()


def test_demo_agreements_cover_every_type_status_and_several_years(loaded):
    agreements = Agreement.objects.all()
    assert loaded.agreements == agreements.count() == 80
    assert not agreements.filter(is_demo=False).exists()
    assert set(agreements.values_list("status", flat=True)) == set(AgreementStatus.values)
    assert set(agreements.values_list("type", flat=True)) == set(
        AgreementType.objects.values_list("pk", flat=True)
    )
    years = {a.start_date.year for a in agreements}
    assert len(years) >= 4
    assert set(agreements.exclude(currency="").values_list("currency", flat=True)) == {
        "USD",
        "EUR",
        "GBP",
    }
    assert HistoryEntry.objects.filter(model="agreements.agreement", batch="demo").exists()


def test_demo_obligations_include_overdue_and_due_soon_ones_and_amendments(loaded):
    today = date.today()
    open_ones = Obligation.objects.filter(status__in=("open", "submitted"), is_demo=True)
    assert open_ones.filter(due_date__lt=today).exists()
    assert open_ones.filter(due_date__gte=today, due_date__lte=today + timedelta(days=30)).exists()
    assert loaded.amendments == Amendment.objects.count() > 0


def test_loading_again_changes_nothing(loaded):
    count = HistoryEntry.objects.count()
    again = load_demo_agreements()
    assert (again.agreements, again.skipped) == (0, 80)
    assert HistoryEntry.objects.count() == count


def test_without_rates_values_fall_back_to_us_dollars(db):
    demo.load_demo(limit=4)
    load_demo_agreements()
    assert set(Agreement.objects.exclude(currency="").values_list("currency", flat=True)) == {"USD"}

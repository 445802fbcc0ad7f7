"""The demonstration data: KPIs for the demo years, baselines and targets, hand-kept values at
every workflow step — and a second load changes nothing."""

import pytest

from accord.results.demo import load_demo_results
from accord.results.models import Indicator, Measurement, Source, Target

pytestmark = pytest.mark.django_db


def test_demo_loads_every_step_and_is_idempotent():
    first = load_demo_results(seed=7)
    assert first["values entered"] > 0 and first["targets"] > 0
    manual = Measurement.objects.filter(source=Source.MANUAL, dimension="")
    assert set(manual.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "approved",
    }
    assert Measurement.objects.filter(source=Source.COMPUTED, status="approved").exists()
    returned = manual.get(status="returned", indicator__code="RF-03")
    assert returned.return_reason and returned.decided_by_id != returned.entered_by_id
    assert Indicator.objects.filter(baseline__isnull=False).exists()
    counts = (Measurement.objects.count(), Target.objects.count())
    second = load_demo_results(seed=7)
    assert set(second.values()) == {0}
    assert (Measurement.objects.count(), Target.objects.count()) == counts

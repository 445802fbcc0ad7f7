"""accord compute_kpis: a clear message for a bad period; the report of what it stored."""

import pytest
from django.core.management import CommandError, call_command

from accord.results.models import Measurement

pytestmark = pytest.mark.django_db


def test_a_bad_period_is_refused_by_name():
    with pytest.raises(CommandError, match=r"--period: “next year” is not a period"):
        call_command("compute_kpis", "--period", "next year")
    assert not Measurement.objects.exists()


def test_it_computes_and_reports(capsys):
    call_command("compute_kpis", "--period", "2024-Q2")
    out = capsys.readouterr().out
    assert out.startswith("KPIs for 2024-Q2: 10 indicators,")
    assert Measurement.objects.filter(period__code="2024-Q2", source="computed").exists()

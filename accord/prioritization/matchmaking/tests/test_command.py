"""`accord refresh_network`: recomputes and stores the network, prints the most central
partners, and refuses bad arguments clearly."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accord.engagement.tests.factories import EngagementFactory
from accord.prioritization.matchmaking.models import NetworkPosition, NetworkRun

pytestmark = pytest.mark.django_db


def test_refresh_network_stores_and_prints_the_most_central(world):
    EngagementFactory(organisations=[world["fund"], world["nairobi"]])
    out = StringIO()
    call_command("refresh_network", "--top", "1", stdout=out)
    text = out.getvalue()
    assert "Network of 3 partners and 3 ties" in text and "betweenness exact" in text
    assert NetworkRun.objects.count() == 1 and NetworkPosition.objects.count() == 3
    assert len(text.strip().splitlines()) == 2


@pytest.mark.parametrize("value", ["0", "many"])
def test_bad_arguments_are_refused_with_a_message(db, value):
    with pytest.raises(CommandError, match="--samples"):
        call_command("refresh_network", "--samples", value)

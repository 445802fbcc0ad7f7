"""The engagement demonstration data: engagements over three years with follow-ups, sessions
with participation, plan actions; through the services, marked demo, idempotent; enough for
the scorecard, the attention lists and the coordination page to show something."""

from io import StringIO

import pytest
from django.core.management import call_command

from accord.core.models import HistoryEntry
from accord.engagement import coordination, health, scorecard
from accord.engagement.demo import anchor, load_engagement_demo
from accord.engagement.models import (
    BodySession,
    Engagement,
    FollowUp,
    PlanAction,
    SessionParticipation,
)
from accord.partners import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    demo.load_demo(limit=4)
    return load_engagement_demo()


def test_demo_engagements_span_three_years_and_are_marked_and_recorded(loaded):
    engagements = Engagement.objects.all()
    assert loaded["engagements"] == engagements.count() > 50
    assert not engagements.filter(is_demo=False).exists()
    dates = sorted(engagements.values_list("start_date", flat=True))
    assert (anchor() - dates[0]).days > 900
    assert HistoryEntry.objects.filter(model="engagement.engagement", batch="demo").count() == (
        engagements.count()
    )
    assert FollowUp.objects.filter(is_demo=True).exists()
    assert BodySession.objects.filter(is_demo=True).count() == loaded["sessions"] > 5
    assert SessionParticipation.objects.filter(is_demo=True).exists()
    assert PlanAction.objects.filter(is_demo=True, status="in_progress").exists()


def test_loading_the_demo_again_creates_nothing(loaded):
    counts = (
        Engagement.objects.count(),
        FollowUp.objects.count(),
        BodySession.objects.count(),
        SessionParticipation.objects.count(),
        PlanAction.objects.count(),
    )
    again = load_engagement_demo()
    assert not {k for k in again if not k.endswith("existing")}
    assert counts == (
        Engagement.objects.count(),
        FollowUp.objects.count(),
        BodySession.objects.count(),
        SessionParticipation.objects.count(),
        PlanAction.objects.count(),
    )


def test_demo_shows_busy_and_quiet_lines_stale_partners_and_overlaps(loaded, officer):
    card = scorecard.scorecard(user=officer)
    counts = [line["engagements"] for c in card["categories"] for line in c["lines"]]
    assert max(counts) > 0 and 0 in counts
    assert health.needs_attention(user=officer).exists()
    links = coordination.overlapping_links(user=officer)
    assert len(coordination.overlaps_for(user=officer, links=links)) >= 1


def test_load_demo_command_loads_the_engagement_part(db):
    out = StringIO()
    call_command("load_demo", "--limit", "2", stdout=out)
    assert "Engagement demonstration data" in out.getvalue()
    assert Engagement.objects.filter(is_demo=True).exists()

"""The matchmaking demonstration data: the network computed from the demo partners and their
engagements, and two decisions (one introduction, one dismissal), idempotent."""

import pytest

from accord.engagement.demo import load_engagement_demo
from accord.engagement.models import EngagementKind
from accord.partners import demo
from accord.prioritization.matchmaking.demo import load_matchmaking_demo
from accord.prioritization.matchmaking.models import MatchDecision, NetworkPosition

pytestmark = pytest.mark.django_db


def test_the_demo_computes_the_network_and_takes_two_decisions_once(db):
    demo.load_demo(limit=4)
    load_engagement_demo()
    first = load_matchmaking_demo()
    assert first["match decisions"] == 2
    assert first["network partners"] == NetworkPosition.objects.count() > 10
    accepted, dismissed = MatchDecision.objects.order_by("decision")
    assert accepted.engagement.kind == EngagementKind.INTRODUCTION
    assert accepted.is_demo and accepted.engagement.is_demo and dismissed.engagement is None
    assert accepted.decided_by is not None and accepted.reasons
    again = load_matchmaking_demo()
    assert again["match decisions"] == 0 and MatchDecision.objects.count() == 2

"""Accepting and dismissing suggestions: the introduction engagement, what is remembered, and
what is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.accounts.models import Role
from accord.core.errors import PermissionDeniedError
from accord.core.history import history_for
from accord.engagement.models import EngagementKind
from accord.engagement.selectors import partner_timeline
from accord.prioritization.matchmaking import services
from accord.prioritization.matchmaking.models import Decision, MatchDecision

pytestmark = pytest.mark.django_db


def test_accepting_logs_an_introduction_on_both_partners_timelines(world, officer):
    decision = services.match_accept(
        actor=officer, partner=world["nairobi"], other=world["fund"], note="Call next week"
    )
    assert decision.decision == Decision.ACCEPTED
    assert (decision.funder, decision.implementer) == (world["fund"], world["nairobi"])
    assert decision.decided_by == officer
    assert decision.reasons[0].startswith("Both work on outcome 1.2")
    assert decision.score > 0
    engagement = decision.engagement
    assert engagement.kind == EngagementKind.INTRODUCTION
    assert engagement.start_date == timezone.localdate()
    assert "Call next week" in engagement.summary
    assert [o.code for o in engagement.outcomes.all()] == ["1.2"]
    for org in (world["nairobi"], world["fund"]):
        timeline = [link.engagement_id for link in partner_timeline(organisation=org)]
        assert timeline[0] == engagement.pk
    assert history_for(decision)[0].changes["decision"] == [None, "accepted"]


def test_an_introduction_in_one_country_is_tagged_with_it(world, officer):
    decision = services.match_accept(actor=officer, partner=world["bank"], other=world["nairobi"])
    assert decision.engagement.country_id == "KE"


def test_dismissing_is_remembered_without_an_engagement(world, officer):
    decision = services.match_dismiss(actor=officer, partner=world["fund"], other=world["recife"])
    assert decision.decision == Decision.DISMISSED and decision.engagement is None
    assert decision.reasons


def test_a_pair_is_decided_once(world, officer):
    services.match_dismiss(actor=officer, partner=world["fund"], other=world["recife"])
    with pytest.raises(ValidationError) as exc:
        services.match_accept(actor=officer, partner=world["recife"], other=world["fund"])
    assert "already dismissed" in exc.value.message_dict["other"][0]
    assert MatchDecision.objects.count() == 1


def test_two_partners_on_the_same_side_are_refused_and_nothing_is_written(world, officer):
    with pytest.raises(ValidationError) as exc:
        services.match_accept(actor=officer, partner=world["fund"], other=world["bank"])
    assert "pairs a partner who funds" in exc.value.message_dict["other"][0]
    with pytest.raises(ValidationError):
        services.match_dismiss(actor=officer, partner=world["hub"], other=world["nairobi"])
    assert not MatchDecision.objects.exists()


def test_readers_may_not_decide_and_a_regional_focal_point_only_in_their_region(
    world, make_user, regional
):
    manager = make_user(Role.MANAGEMENT)
    with pytest.raises(PermissionDeniedError):
        services.match_accept(actor=manager, partner=world["fund"], other=world["nairobi"])
    with pytest.raises(PermissionDeniedError):
        services.match_dismiss(actor=regional, partner=world["fund"], other=world["recife"])
    decision = services.match_accept(actor=regional, partner=world["bank"], other=world["youth"])
    assert decision.engagement.lead_region_id is not None

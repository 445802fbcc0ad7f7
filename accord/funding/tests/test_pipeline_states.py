"""The pipeline's state machine: which moves exist from each kind of stage, every guard, and
the side effects (probability, closing date, reason), through the service."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.core.models import HistoryEntry
from accord.funding import pipeline_selectors, pipeline_states
from accord.funding.models import Stage
from accord.funding.tests.factories import OpportunityFactory, move, stage

pytestmark = pytest.mark.django_db
OPEN = ["identified", "cultivating", "proposal", "negotiation"]


def targets(o, user) -> list[str]:
    return [m["stage"] for m in pipeline_selectors.available_moves(user, o)]


def refused(o, code, note="") -> dict:
    with pytest.raises(ValidationError) as caught:
        move(o, code, note=note)
    return caught.value.message_dict


@pytest.mark.parametrize("current", OPEN)
def test_an_open_stage_moves_to_every_other_active_stage(current, officer):
    o = OpportunityFactory(stage=current)
    expected = [c for c in OPEN if c != current] + ["won", "lost", "withdrawn"]
    assert targets(o, officer) == expected
    names = {m["stage"]: m["name"] for m in pipeline_selectors.available_moves(officer, o)}
    for code in OPEN:
        if code != current:
            ahead = OPEN.index(code) > OPEN.index(current)
            assert names[code] == ("advance" if ahead else "move_back")
    assert (names["won"], names["lost"], names["withdrawn"]) == ("win", "lose", "withdraw")


def test_a_retired_stage_is_no_target(officer):
    Stage.objects.filter(code="cultivating").update(is_active=False)
    o = OpportunityFactory()
    assert "cultivating" not in targets(o, officer)
    assert "There is no active stage" in refused(o, "cultivating")["stage"][0]


def test_an_added_stage_is_a_target_in_its_order(officer):
    Stage.objects.create(
        code="due-diligence",
        name="Due diligence",
        order=35,
        kind="open",
        reporting="uncommitted",
        default_probability=60,
    )
    o = OpportunityFactory(stage="proposal")
    assert targets(o, officer)[:4] == ["identified", "cultivating", "due-diligence", "negotiation"]
    assert move(o, "due-diligence").probability == 60


@pytest.mark.parametrize("closed", ["won", "lost", "withdrawn"])
def test_a_closed_opportunity_can_only_be_reopened(closed, officer):
    o = OpportunityFactory(stage="negotiation")
    move(o, closed, note="Donor changed priorities")
    assert targets(o, officer) == ["negotiation"]
    assert pipeline_selectors.available_moves(officer, o)[0]["name"] == "reopen"
    for other in ["won", "lost", "proposal"]:
        if other != closed:
            assert "cannot move" in refused(o, other, note="x")["stage"][0]


def test_moving_to_the_same_stage_or_an_unknown_one_is_refused():
    o = OpportunityFactory()
    assert "already in" in refused(o, "identified")["stage"][0]
    assert "no active stage" in refused(o, "nowhere")["stage"][0]


@pytest.mark.parametrize("target", ["proposal", "negotiation", "won"])
def test_proposal_and_later_need_an_amount(target):
    o = OpportunityFactory(amount=0, stage="cultivating")
    assert "expected amount" in refused(o, target)["amount"][0]


def test_an_amount_without_a_rate_blocks_the_proposal_stage():
    # Zero in a currency without a rate is kept unconverted; it cannot go to proposal.
    o = OpportunityFactory(amount=0, currency="EUR", stage="cultivating")
    assert o.rate_source == "" and o.amount_usd == 0
    assert "expected amount" in refused(o, "proposal")["amount"][0]
    o.amount, o.rate_source = Decimal(5), ""
    ctx = pipeline_states.Context(o, stage("proposal"), "", stage("proposal"))
    assert pipeline_states.needs_priced_amount(ctx) == "rate_required"


def test_early_stages_need_no_amount():
    o = OpportunityFactory(amount=0)
    assert move(o, "cultivating").stage.code == "cultivating"


def test_won_needs_a_decision_date():
    o = OpportunityFactory(stage="negotiation", expected_decision_date=None)
    assert "decision date" in refused(o, "won")["expected_decision_date"][0]


@pytest.mark.parametrize("closed", ["lost", "withdrawn"])
def test_lost_and_withdrawn_need_a_reason(closed):
    o = OpportunityFactory(stage="proposal")
    assert f"reason it was {closed}" in refused(o, closed)["note"][0]
    o = move(o, closed, note="Funds went elsewhere")
    assert (o.close_reason, o.closed_on) == ("Funds went elsewhere", timezone.localdate())
    assert o.probability == 0


def test_won_closes_today_at_one_hundred_percent():
    o = move(OpportunityFactory(stage="negotiation"), "won")
    assert (o.stage.code, o.probability, o.closed_on) == ("won", 100, timezone.localdate())


def test_reopening_needs_a_reason_and_returns_to_the_stage_it_was_closed_from():
    o = move(OpportunityFactory(stage="proposal"), "lost", note="No budget")
    assert "reopened" in refused(o, "proposal")["note"][0]
    o = move(o, "proposal", note="Budget found after all")
    assert (o.stage.code, o.closed_on, o.close_reason, o.probability) == ("proposal", None, "", 50)


def test_reopening_a_record_created_closed_goes_to_the_last_open_stage(officer):
    o = OpportunityFactory(stage="won", expected_decision_date=timezone.localdate())
    assert targets(o, officer) == ["negotiation"]


def test_probability_follows_the_stage_unless_someone_set_their_own():
    o = move(OpportunityFactory(), "cultivating")
    assert o.probability == 25
    mine = OpportunityFactory(probability=40)
    assert move(mine, "proposal").probability == 40


def test_a_move_stamps_the_time_and_lands_in_the_history():
    o = OpportunityFactory()
    before = timezone.now() - timedelta(seconds=1)
    o = move(o, "cultivating", note="First call held")
    assert o.stage_changed_at > before
    entry = HistoryEntry.objects.filter(object_id=o.pk, model="funding.opportunity").first()
    assert entry.changes["stage"] == ["Identified", "Cultivating"]
    assert entry.note == "Advance to Cultivating: First call held"


def test_blocked_moves_say_why(officer):
    o = OpportunityFactory(amount=0)
    blocked = {m["stage"]: m["blocked"] for m in pipeline_selectors.available_moves(officer, o)}
    assert blocked["cultivating"] == "" and "expected amount" in blocked["proposal"]
    assert blocked["lost"] == ""  # a reason typed with the move will do

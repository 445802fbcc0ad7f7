"""The life cycle of a call: each guard refuses with a clear message, and every step is in the
history."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from accord.core.models import HistoryEntry
from accord.portal.calls import services
from accord.portal.calls.models import CallStatus
from accord.portal.calls.tests.factories import CRITERIA, in_days, make_call, submitted

pytestmark = pytest.mark.django_db


def test_weights_not_adding_up_to_100_are_refused_with_the_total(reviewers):
    with pytest.raises(ValidationError) as exc:
        make_call(
            reviewers=reviewers,
            criteria=[{"name": "Relevance", "weight": 60}, {"name": "Capacity", "weight": 30}],
        )
    assert exc.value.message_dict["criteria"] == [
        "The criteria weights add up to 90; they must add up to exactly 100."
    ]


def test_a_criterion_without_name_or_with_a_bad_weight_is_named_by_its_row(reviewers):
    with pytest.raises(ValidationError) as exc:
        make_call(
            reviewers=reviewers,
            criteria=[{"name": "", "weight": 50}, {"name": "Capacity", "weight": "lots"}],
        )
    assert exc.value.message_dict["criteria"] == [
        "Criterion 1: give its name.",
        "Criterion 2: the weight must be a whole number from 1 to 100.",
    ]


def test_publish_needs_reviewers_questions_and_a_future_deadline(reviewers):
    call = make_call(questions=[])
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=call, transition="publish")
    assert "Name at least one reviewer" in exc.value.message_dict["transition"][0]
    services.call_update(actor=None, call=call, reviewers=reviewers)
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=call, transition="publish")
    assert "at least one question" in exc.value.message_dict["transition"][0]
    services.call_update(actor=None, call=call, questions=["Why?"])
    with pytest.raises(ValidationError) as exc:
        services.call_transition(
            actor=None, call=call, transition="publish", now=call.deadline + timedelta(seconds=1)
        )
    assert "deadline has passed" in exc.value.message_dict["transition"][0]
    services.call_transition(actor=None, call=call, transition="publish")
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED and call.published_at is not None


def test_publish_without_criteria_says_to_add_one(reviewers):
    call = make_call(reviewers=reviewers, criteria=[])
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=call, transition="publish")
    assert exc.value.message_dict["transition"] == ["Add at least one selection criterion."]


def test_clarification_deadline_after_the_deadline_is_refused(reviewers):
    with pytest.raises(ValidationError) as exc:
        make_call(reviewers=reviewers, deadline=in_days(5), clarification_deadline=in_days(6))
    assert "clarification_deadline" in exc.value.message_dict


def test_a_call_closes_only_after_its_deadline(open_call):
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=open_call, transition="close")
    assert "closes after its deadline" in exc.value.message_dict["transition"][0]


def test_review_needs_a_submitted_application(open_call):
    after = open_call.deadline + timedelta(minutes=1)
    services.call_transition(actor=None, call=open_call, transition="close", now=after)
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=open_call, transition="start_review", now=after)
    assert exc.value.message_dict["transition"] == [
        "No application was submitted: there is nothing to review."
    ]


def test_finalise_needs_a_selection_and_every_review(reviewed_call):
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=reviewed_call, transition="finalise")
    assert "Select at least one application" in exc.value.message_dict["transition"][0]


def test_unknown_and_out_of_order_transitions_are_named(open_call):
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=open_call, transition="explode")
    assert "There is no status change called “explode”." in exc.value.message_dict["transition"]
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=None, call=open_call, transition="finalise")
    assert "A call that is “Published” cannot be finalised." in exc.value.message_dict["transition"]


def test_criteria_and_questions_are_fixed_once_published(open_call):
    with pytest.raises(ValidationError) as exc:
        services.call_update(actor=None, call=open_call, criteria=CRITERIA[:1])
    assert exc.value.message_dict["criteria"] == ["Fixed once the call is published."]
    services.call_update(actor=None, call=open_call, deadline=in_days(20))  # a deadline may move


def test_every_step_is_in_the_history(open_call, org_a, partner_a):
    submitted(open_call, org_a, partner_a)
    after = open_call.deadline + timedelta(minutes=1)
    services.call_transition(actor=None, call=open_call, transition="close", now=after)
    statuses = [
        e.changes.get("status")
        for e in HistoryEntry.objects.filter(model="calls.call", object_id=open_call.pk).order_by(
            "at", "id"
        )
    ]
    assert statuses == [None, ["draft", "published"], ["published", "closed"]]


def test_a_stale_edit_is_refused(open_call):
    from accord.core.errors import ConflictError

    with pytest.raises(ConflictError):
        services.call_update(
            actor=None, call=open_call, expected_version=open_call.version - 1, title="Changed"
        )

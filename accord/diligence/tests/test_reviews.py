"""Due-diligence reviews: the checklist, the life of a review as data, four eyes, validity,
versioned edits and history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import history_for
from accord.diligence import review_services, review_states
from accord.diligence.models import ReviewStatus
from accord.diligence.review_selectors import available_transitions
from accord.diligence.review_states import add_months
from accord.diligence.selectors import current_policy
from accord.diligence.tests.factories import make_hit, make_review

pytestmark = pytest.mark.django_db


def move(review, actor, transition, **extra):
    return review_services.review_transition(
        actor=actor, review=review, transition=transition, **extra
    )


def test_a_new_review_is_a_draft_with_the_sanctions_criterion_from_screening(
    listed, kenyan, preparer
):
    make_hit(organisation=kenyan)
    review = review_services.review_create(actor=preparer, organisation=kenyan)
    assert review.status == ReviewStatus.DRAFT and review.prepared_by == preparer
    assert review.checklist["sanctions"]["answer"] == "concern"
    assert history_for(review)[0].action == "create"


def test_without_hits_screening_answers_clear(listed, kenyan, preparer):
    review = review_services.review_create(actor=preparer, organisation=kenyan)
    assert review.checklist["sanctions"]["answer"] == "clear"


def test_the_sanctions_criterion_is_not_answered_by_hand(listed, kenyan, preparer):
    review = review_services.review_create(
        actor=preparer, organisation=kenyan,
        checklist={"sanctions": {"answer": "clear"}, "weapons": {"answer": "clear"}},
    )
    make_hit(organisation=kenyan)
    review_services.review_update(actor=preparer, review=review, notes="Checked.")
    assert review.checklist["sanctions"]["answer"] == "concern"
    assert review.checklist["weapons"]["answer"] == "clear"


def test_bad_answers_are_refused_with_every_field(kenyan, preparer):
    with pytest.raises(ValidationError) as exc:
        review_services.review_create(
            actor=preparer, organisation=kenyan, risk_rating="extreme", global_compact="maybe",
            checklist={"weapons": {"answer": "perhaps"}, "pets": {"answer": "clear"}},
        )
    assert set(exc.value.message_dict) == {"risk_rating", "global_compact", "checklist"}


def test_one_open_review_per_partner(kenyan, preparer):
    review_services.review_create(actor=preparer, organisation=kenyan)
    with pytest.raises(ValidationError, match="already open"):
        review_services.review_create(actor=preparer, organisation=kenyan)


def test_submitting_needs_a_complete_checklist_and_a_risk_rating(kenyan, preparer):
    review = review_services.review_create(actor=preparer, organisation=kenyan)
    with pytest.raises(ValidationError) as exc:
        move(review, preparer, "submit")
    assert "checklist" in exc.value.message_dict
    review_services.review_update(
        actor=preparer, review=review,
        checklist={c: {"answer": "concern", "note": ""} for c in (
            "weapons", "tobacco", "human_rights", "labour", "environment", "corruption")},
    )
    with pytest.raises(ValidationError, match="say what each concern is"):
        move(review, preparer, "submit")


def test_the_preparer_may_not_decide_four_eyes(kenyan, preparer):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    with pytest.raises(ValidationError) as exc:
        move(review, preparer, "approve")
    assert exc.value.message_dict == {"transition": [review_states.MESSAGES["four_eyes"]]}
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_someone_who_edited_the_review_may_not_decide_it_either(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, to="draft")
    review_services.review_update(actor=decider, review=review, evidence="Annual report.")
    move(review, preparer, "submit")
    with pytest.raises(ValidationError, match="Four eyes"):
        move(review, decider, "approve")


def test_the_page_says_why_the_decision_is_disabled(kenyan, preparer):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    options = {t["name"]: t for t in available_transitions(user=preparer, review=review)}
    assert options["approve"]["blocked"] == review_states.MESSAGES["four_eyes"]
    assert options["withdraw"]["blocked"] == ""


def test_an_approval_is_valid_for_the_policys_months(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    assert review.decided_by == decider and review.status == ReviewStatus.APPROVED
    assert review.valid_until == add_months(timezone.localdate(), current_policy().validity_months)


def test_the_decider_may_set_another_date_but_not_one_in_the_past(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    with pytest.raises(ValidationError) as exc:
        move(review, decider, "approve", valid_until=timezone.localdate() - timedelta(days=1))
    assert "valid_until" in exc.value.message_dict
    later = timezone.localdate() + timedelta(days=100)
    move(review, decider, "approve", valid_until=later)
    assert review.valid_until == later


def test_conditions_are_required_for_a_conditional_approval(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    with pytest.raises(ValidationError) as exc:
        move(review, decider, "approve_with_conditions")
    assert "conditions" in exc.value.message_dict
    move(review, decider, "approve_with_conditions", conditions="Yearly labour audit.")
    assert review.status == ReviewStatus.CONDITIONAL and review.conditions == "Yearly labour audit."


def test_a_rejection_needs_a_reason_and_has_no_validity(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    with pytest.raises(ValidationError) as exc:
        move(review, decider, "reject")
    assert "reason" in exc.value.message_dict
    move(review, decider, "reject", reason="Forced labour in its supply chain.")
    assert review.status == ReviewStatus.REJECTED and review.valid_until is None
    assert review.decision_reason == "Forced labour in its supply chain."


@pytest.mark.parametrize("start", ["draft", "submitted"])
def test_a_draft_or_submitted_review_can_be_withdrawn(kenyan, preparer, start):
    review = make_review(kenyan, preparer=preparer, to=start)
    move(review, preparer, "withdraw")
    assert review.status == ReviewStatus.WITHDRAWN


@pytest.mark.parametrize(
    ("start", "transition"),
    [("draft", "approve"), ("approved", "reject"), ("rejected", "approve"),
     ("withdrawn", "submit"), ("approved", "withdraw")],
)
def test_transitions_outside_the_table_are_refused(kenyan, preparer, decider, start, transition):
    review = make_review(kenyan, preparer=preparer, decider=decider, to=start)
    with pytest.raises(ValidationError, match="cannot be"):
        move(review, decider, transition, reason="x", conditions="x")


def test_an_unknown_transition_is_named(kenyan, preparer):
    review = make_review(kenyan, preparer=preparer)
    with pytest.raises(ValidationError, match="no status change called “publish”"):
        move(review, preparer, "publish")


@pytest.mark.parametrize("role", [Role.REGIONAL, Role.PROGRAMME])
def test_roles_that_may_not_decide_reviews_are_refused(kenyan, preparer, make_user, region, role):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    actor = make_user(role, regions=[region] if role == Role.REGIONAL else ())
    with pytest.raises(PermissionDeniedError):
        move(review, actor, "approve")


def test_a_decision_needs_a_person(kenyan, preparer):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    with pytest.raises(ValidationError, match="by a person"):
        move(review, None, "approve")


def test_a_stale_edit_is_refused(kenyan, preparer):
    review = make_review(kenyan, preparer=preparer)
    review_services.review_update(actor=preparer, review=review, notes="First.")
    with pytest.raises(ConflictError):
        review_services.review_update(
            actor=preparer, review=review, notes="Second.", expected_version=1
        )


def test_only_a_draft_is_edited(kenyan, preparer):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    with pytest.raises(ValidationError, match="cannot be changed"):
        review_services.review_update(actor=preparer, review=review, notes="Late.")


def test_every_step_is_in_the_history(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    entries = list(history_for(review))
    assert [e.note for e in entries][:2] == ["Approve", "Submit for decision"]
    assert entries[0].changes["status"] == ["submitted", "approved"]
    assert entries[0].actor == decider


def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 15), 24) == date(2026, 11, 15)


def test_the_policy_is_changed_by_an_administrator_with_history(admin_user, officer, kenyan):
    with pytest.raises(PermissionDeniedError):
        review_services.policy_update(actor=officer, categories=[], validity_months=12,
                                      remind_days_before=30)
    with pytest.raises(ValidationError):
        review_services.policy_update(actor=admin_user, categories=[], validity_months=0,
                                      remind_days_before=30)
    policy = review_services.policy_update(
        actor=admin_user, categories=[kenyan.category], validity_months=12, remind_days_before=30
    )
    assert policy.validity_months == 12
    assert history_for(policy)[0].changes["validity_months"] == [24, 12]

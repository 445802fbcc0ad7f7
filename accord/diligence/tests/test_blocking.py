"""The blocking rule other apps ask before a committed pipeline stage or a signature: open or
confirmed hits on the partner or its contacts, and, for the categories the policy names, no
valid approved review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.diligence.models import DiligenceReview
from accord.diligence.selectors import blocking_reasons, blocking_reasons_for, current_policy
from accord.diligence.tests.factories import make_hit, make_review
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil(db):
    """A civil-society partner: its category needs no review by default."""
    return OrganisationFactory(name="Kibera Youth Network", country=country("KE"))


def test_a_partner_without_hits_in_a_category_without_reviews_is_not_blocked(civil):
    assert blocking_reasons_for(civil) == []


def test_an_open_hit_blocks_until_reviewed(listed, civil):
    make_hit(organisation=civil)
    assert blocking_reasons_for(civil) == [
        "Sanctions screening: a possible match with ACME TRADING LLC is not reviewed yet."
    ]


def test_a_confirmed_hit_blocks_and_says_so(listed, civil):
    make_hit(organisation=civil, status="confirmed")
    (reason,) = blocking_reasons_for(civil)
    assert "ACME TRADING LLC is confirmed" in reason


@pytest.mark.parametrize("status", ["false_positive", "cleared"])
def test_a_dismissed_or_cleared_hit_does_not_block(listed, civil, status):
    make_hit(organisation=civil, status=status)
    assert blocking_reasons_for(civil) == []


def test_a_hit_on_a_contact_blocks_its_organisation(listed, civil):
    contact = ContactFactory(organisation=civil, first_name="Ivan", last_name="Petrov")
    make_hit(contact=contact, data_id="1")
    (reason,) = blocking_reasons_for(civil)
    assert "of contact Ivan Petrov with" in reason and "PETROV" in reason


def test_a_hit_on_an_archived_contact_does_not_block(listed, civil):
    contact = ContactFactory(organisation=civil, first_name="Ivan", last_name="Petrov")
    make_hit(contact=contact, data_id="1")
    type(contact).objects.filter(pk=contact.pk).update(archived_at=timezone.now())
    assert blocking_reasons_for(civil) == []


def test_a_category_the_policy_names_needs_a_valid_approved_review(kenyan):
    assert blocking_reasons_for(kenyan) == ["Due diligence: no valid approved review."]


@pytest.mark.parametrize("status", ["approved", "conditional"])
def test_an_approved_review_lifts_the_review_block(kenyan, preparer, decider, status):
    make_review(kenyan, preparer=preparer, decider=decider, to=status)
    assert blocking_reasons_for(kenyan) == []


@pytest.mark.parametrize("status", ["draft", "submitted", "withdrawn"])
def test_an_undecided_review_does_not_lift_it(kenyan, preparer, decider, status):
    make_review(kenyan, preparer=preparer, decider=decider, to=status)
    assert blocking_reasons_for(kenyan) == ["Due diligence: no valid approved review."]


def test_an_expired_review_blocks_with_its_date(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    expired = timezone.localdate() - timedelta(days=1)
    DiligenceReview.objects.filter(pk=review.pk).update(valid_until=expired)
    assert blocking_reasons_for(kenyan) == [
        f"Due diligence: the review expired on {expired.day} {expired:%b %Y}."
    ]


def test_a_rejection_after_an_approval_blocks(kenyan, preparer, decider):
    make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    make_review(kenyan, preparer=preparer, decider=decider, to="rejected")
    (reason,) = blocking_reasons_for(kenyan)
    assert reason.startswith("Due diligence: the review was rejected on ")


def test_the_policy_decides_which_categories_need_a_review(kenyan, civil):
    policy = current_policy()
    policy.categories.set([civil.category])
    assert blocking_reasons([kenyan.pk, civil.pk]) == {
        kenyan.pk: [], civil.pk: ["Due diligence: no valid approved review."]
    }


def test_hits_and_review_reasons_add_up(listed, kenyan, kenyan_contact):
    make_hit(organisation=kenyan, status="confirmed")
    make_hit(contact=kenyan_contact, data_id="1")
    reasons = blocking_reasons_for(kenyan.pk)
    assert len(reasons) == 3
    assert reasons[0].endswith("is confirmed.") and reasons[-1].startswith("Due diligence")


def test_many_partners_are_checked_in_a_few_queries(
    listed, preparer, decider, django_assert_max_num_queries
):
    partners = [
        OrganisationFactory(name=f"Builder {n}", category="private_sector", country=country("KE"))
        for n in range(50)
    ]
    for org in partners[:10]:
        make_hit(organisation=org)
    for org in partners[10:20]:
        make_review(org, preparer=preparer, decider=decider, to="approved")
    with django_assert_max_num_queries(5):
        reasons = blocking_reasons([o.pk for o in partners])
    assert len(reasons) == 50
    assert all(len(reasons[o.pk]) == 2 for o in partners[:10])
    assert all(reasons[o.pk] == [] for o in partners[10:20])
    assert all(len(reasons[o.pk]) == 1 for o in partners[20:])


def test_unknown_ids_are_answered_empty():
    assert blocking_reasons([987654]) == {987654: []}

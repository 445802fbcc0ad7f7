"""The demonstration calls: an open call, and a call under review with applications scored by
two reviewers; through the services, marked demo, idempotent."""

import pytest

from accord.partners import demo
from accord.portal.calls.demo import OPEN_TITLE, REVIEW_TITLE, load_demo_calls
from accord.portal.calls.models import Call, CallStatus, Review
from accord.portal.calls.selectors import ranking

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_call_and_one_under_review_with_scores(db):
    demo.load_demo(limit=20)
    counts = load_demo_calls()
    assert counts["calls"] == 2 and counts["applications"] >= 2
    open_call = Call.objects.get(title=OPEN_TITLE)
    reviewed = Call.objects.get(title=REVIEW_TITLE)
    assert open_call.status == CallStatus.PUBLISHED and open_call.is_demo
    assert reviewed.status == CallStatus.UNDER_REVIEW
    assert Review.objects.filter(application__call=reviewed).count() == 2 * counts["applications"]
    assert all(row.mean is not None for row in ranking(reviewed))
    assert load_demo_calls()["calls"] == 0
    assert Call.objects.count() == 2

"""Due-diligence reminders: a review falling due for renewal (once), and hits open for more than
a week (one digest line for each person who decides hits)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accord.diligence.models import DiligenceReview
from accord.diligence.tests.factories import make_hit, make_review
from accord.engagement.reminders import send_reminders

pytestmark = pytest.mark.django_db


def expiring(review, days: int):
    DiligenceReview.objects.filter(pk=review.pk).update(
        valid_until=timezone.localdate() + timedelta(days=days)
    )


def lines(report, source: str):
    return [r for items in report.digests.values() for r in items if r.source == source]


def test_a_review_due_for_renewal_is_reminded_once(
    kenyan, preparer, decider, django_capture_on_commit_callbacks
):
    review = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    expiring(review, 30)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        report = send_reminders(today=today)
    (reminder,) = lines(report, "diligence.reviews_due")
    assert reminder.recipient == preparer and "expires on" in reminder.text
    assert DiligenceReview.objects.get(pk=review.pk).reminded_on == today
    assert any(kenyan.name in m.body for m in mail.outbox)
    later = send_reminders(today=today + timedelta(days=1))
    assert lines(later, "diligence.reviews_due") == []


def test_a_review_not_yet_due_or_already_renewed_is_not_reminded(
    kenyan, brazilian, preparer, decider
):
    far = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    expiring(far, 200)
    renewed = make_review(brazilian, preparer=preparer, decider=decider, to="approved")
    expiring(renewed, 10)
    make_review(brazilian, preparer=preparer)  # the renewal is under way
    report = send_reminders(today=timezone.localdate())
    assert lines(report, "diligence.reviews_due") == []


def test_a_dry_run_marks_nothing(kenyan, preparer, decider):
    review = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    expiring(review, 5)
    report = send_reminders(today=timezone.localdate(), dry_run=True)
    assert len(lines(report, "diligence.reviews_due")) == 1
    assert DiligenceReview.objects.get(pk=review.pk).reminded_on is None


def test_hits_open_for_more_than_a_week_go_to_those_who_decide(
    listed, kenyan, brazilian, officer, make_user
):
    make_hit(organisation=kenyan, created_days_ago=10)
    make_hit(organisation=brazilian, created_days_ago=9)
    make_hit(organisation=kenyan, data_id="9", created_days_ago=1)
    programme = make_user("programme")
    report = send_reminders(today=timezone.localdate())
    found = lines(report, "diligence.open_hits")
    assert {r.recipient for r in found} == {officer}
    assert programme not in report.digests
    assert found[0].text.startswith("2 possible sanctions matches open for more than 7 days")


def test_no_line_when_no_hit_waits(listed, kenyan, officer):
    make_hit(organisation=kenyan, created_days_ago=2)
    assert lines(send_reminders(today=timezone.localdate()), "diligence.open_hits") == []

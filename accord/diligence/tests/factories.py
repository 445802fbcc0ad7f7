"""Test data of due diligence: hits made directly against a loaded list entry (the screening
engine has its own tests), and reviews taken through the services to the status a test needs."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accord.diligence import review_services
from accord.diligence.models import DiligenceReview, Entry, ListVersion, ScreeningHit

CHECKLIST = {
    code: {"answer": "clear", "note": ""}
    for code in ("weapons", "tobacco", "human_rights", "labour", "environment", "corruption")
}


def make_hit(*, organisation=None, contact=None, data_id="9", status="open", score="0.910",
             created_days_ago: int = 0) -> ScreeningHit:
    entry = Entry.objects.get(data_id=data_id)
    version = ListVersion.objects.get(is_current=True, sanctions_list=entry.sanctions_list)
    subject = organisation or contact
    hit = ScreeningHit.objects.create(
        organisation=organisation, contact=contact, entry=entry, version=version,
        screened_name=getattr(subject, "name", None) or subject.full_name,
        names_fingerprint="test", score=Decimal(score), status=status,
        explanation=[f"“{subject}” ~ listed “{entry.name}”", "same words"],
    )
    if created_days_ago:
        when = timezone.now() - timedelta(days=created_days_ago)
        ScreeningHit.objects.filter(pk=hit.pk).update(created_at=when)
    return hit


def make_review(organisation, *, preparer, decider=None, to: str = "draft", **extra
                ) -> DiligenceReview:
    """A review of `organisation` taken to `to`: draft, submitted, approved, conditional,
    rejected or withdrawn."""
    values = {"checklist": CHECKLIST, "global_compact": "participant", "risk_rating": "low",
              **extra}
    review = review_services.review_create(actor=preparer, organisation=organisation, **values)
    if to == "draft":
        return review
    if to == "withdrawn":
        return review_services.review_transition(actor=preparer, review=review,
                                                 transition="withdraw")
    review_services.review_transition(actor=preparer, review=review, transition="submit")
    steps = {
        "approved": {"transition": "approve"},
        "conditional": {"transition": "approve_with_conditions", "conditions": "Report yearly."},
        "rejected": {"transition": "reject", "reason": "Child labour found."},
    }
    if to in steps:
        review_services.review_transition(actor=decider, review=review, **steps[to])
    return review

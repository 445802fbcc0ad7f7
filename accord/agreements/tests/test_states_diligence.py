"""Nothing is signed with a partner that due diligence blocks: the refusal names the party and
the reason, and signing goes ahead once the block is lifted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.agreements.models import AgreementStatus
from accord.agreements.tests.factories import AgreementFactory, move
from accord.diligence.models import DiligenceReview, ReviewStatus
from accord.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_foundation_without_a_valid_review_cannot_sign():
    foundation = OrganisationFactory(name="Lotus Family Foundation", category="foundation")
    agreement = move(AgreementFactory(parties=[foundation]), "submit")
    with pytest.raises(ValidationError) as refused:
        move(agreement, "sign")
    message = refused.value.message_dict["transition"][0]
    assert "Lotus Family Foundation: Due diligence" in message
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.UNDER_REVIEW

    DiligenceReview.objects.create(
        organisation=foundation, status=ReviewStatus.APPROVED, risk_rating="low",
        decided_at=timezone.now(), valid_until=timezone.localdate() + timedelta(days=365),
    )
    assert move(agreement, "sign").status == AgreementStatus.SIGNED

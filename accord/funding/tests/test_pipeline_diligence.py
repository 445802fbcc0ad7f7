"""Nothing is committed with a partner that due diligence blocks: moving an opportunity to a
committed stage (won) is refused with the reasons, and allowed once the block is lifted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.diligence.loading import load_list
from accord.diligence.models import (
    DiligenceReview,
    HitStatus,
    ReviewStatus,
    SanctionsList,
    ScreeningHit,
)
from accord.diligence.screening.service import screen
from accord.diligence.tests.test_loading import entity, listing
from accord.funding import pipeline_selectors
from accord.funding.tests.factories import OpportunityFactory, move
from accord.partners import services

pytestmark = pytest.mark.django_db


def org(name, category):
    return services.organisation_create(actor=None, name=name, category=category, country="KP")


def approve(organisation, *, valid_days=365):
    DiligenceReview.objects.create(
        organisation=organisation, status=ReviewStatus.APPROVED, risk_rating="low",
        decided_at=timezone.now(), valid_until=timezone.localdate() + timedelta(days=valid_days),
    )


def test_a_foundation_without_a_valid_review_cannot_be_won(officer):
    partner = org("Lotus Family Foundation", "foundation")
    opportunity = OpportunityFactory(organisation=partner, stage="negotiation")
    with pytest.raises(ValidationError, match="Due diligence") as refused:
        move(opportunity, "won")
    assert "cannot be committed to" in refused.value.message_dict["stage"][0]
    # The page says so on the button before anyone presses it.
    opportunity.refresh_from_db()
    win = next(
        m for m in pipeline_selectors.available_moves(officer, opportunity) if m["stage"] == "won"
    )
    assert "Due diligence" in win["blocked"]
    approve(partner)
    opportunity.refresh_from_db()
    assert move(opportunity, "won").stage.code == "won"


def test_an_expired_review_blocks_again():
    partner = org("Lotus Family Foundation", "foundation")
    approve(partner, valid_days=-1)
    opportunity = OpportunityFactory(organisation=partner, stage="negotiation")
    with pytest.raises(ValidationError, match="expired"):
        move(opportunity, "won")


def test_an_unreviewed_sanctions_hit_blocks_until_it_is_dismissed():
    un_list = SanctionsList.objects.get(code="un_sc")
    load_list(actor=None, sanctions_list=un_list, file_name="l.xml",
              data=listing(entity("9", "ACME TRADING LLC")))
    partner = org("Acme Trading Company", "government")  # no review needed, screening still
    screen("organisation", [partner.pk], trigger="created")
    opportunity = OpportunityFactory(organisation=partner, stage="negotiation")
    with pytest.raises(ValidationError, match="Sanctions screening"):
        move(opportunity, "won")
    assert move(opportunity, "cultivating").stage.code == "cultivating"  # not committed
    ScreeningHit.objects.update(status=HitStatus.FALSE_POSITIVE, reason="Another Acme")
    opportunity.refresh_from_db()
    move(opportunity, "negotiation")
    opportunity.refresh_from_db()
    assert move(opportunity, "won").stage.code == "won"

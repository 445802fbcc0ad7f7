"""The due-diligence demonstration data: the real list, two look-alike partners with realistic
hits, reviews in every decided state, idempotent."""

import pytest

from accord.diligence.demo import CONTACT_HOST, LOOKALIKE_ORGANISATION, load_demo_diligence
from accord.diligence.models import DiligenceReview, ListVersion, ScreeningHit
from accord.diligence.selectors import blocking_reasons_for
from accord.partners.models import Organisation
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partners(db):
    return [
        OrganisationFactory(name=f"Demo Builders {n}", category="private_sector",
                            country=country("KE"), is_demo=True)
        for n in range(4)
    ]


def test_the_demo_loads_the_list_lookalikes_and_reviews_once(demo_partners):
    summary = load_demo_diligence()
    assert summary.list_loaded and summary.partners == 2 and summary.reviews == 4
    lookalike = Organisation.objects.get(name=LOOKALIKE_ORGANISATION["name"])
    host = Organisation.objects.get(name=CONTACT_HOST["name"])
    assert ScreeningHit.objects.filter(organisation=lookalike, status="open").exists()
    assert ScreeningHit.objects.filter(contact__organisation=host, status="open").exists()
    statuses = sorted(DiligenceReview.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "conditional", "rejected"]
    reasons = {o.name: blocking_reasons_for(o) for o in demo_partners}
    assert sum(1 for r in reasons.values() if not r) == 2  # approved and conditional
    again = load_demo_diligence()
    assert not again.list_loaded and again.partners == 0 and again.reviews == 0
    assert ListVersion.objects.count() == 1 and DiligenceReview.objects.count() == 4

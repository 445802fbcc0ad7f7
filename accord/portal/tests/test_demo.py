"""The portal's demonstration data: two partner focal points of two demo organisations, a
registration and a join request waiting, a change request, interests; idempotent."""

import pytest
from django.urls import reverse

from accord.accounts.models import User
from accord.partners.tests.factories import OrganisationFactory, country
from accord.portal.demo import load_demo_portal
from accord.portal.models import ChangeRequest, ExpressionOfInterest, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partners(db):
    return [
        OrganisationFactory(
            name=name, category="civil_society", country=country(code), is_demo=True
        )
        for name, code in (("Mathare Residents Network", "KE"), ("Instituto Pólis", "BR"))
    ]


def test_the_demo_loads_partner_users_requests_and_interests_once(demo_partners, client):
    counts = load_demo_portal()
    assert counts == {"partner users": 2, "registrations": 2, "interests": 3, "change requests": 1}
    first, second = (
        User.objects.get(username="partner.demo"),
        User.objects.get(username="partner2.demo"),
    )
    assert first.organisation == demo_partners[0] and second.organisation == demo_partners[1]
    join = Registration.objects.get(kind="join")
    assert join.status == "submitted" and join.organisation == demo_partners[0]
    assert ExpressionOfInterest.objects.filter(status="answered").count() == 1
    assert client.login(username="partner.demo", password="partner-demo-2026")
    assert client.get(reverse("portal:partner_home")).status_code == 200
    again = load_demo_portal()
    assert again == {"partner users": 0, "registrations": 0, "interests": 0, "change requests": 0}
    assert Registration.objects.count() == 2 and ChangeRequest.objects.count() == 1

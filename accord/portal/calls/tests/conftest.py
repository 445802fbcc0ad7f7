"""Fixtures of the calls tests: two applicant organisations with a partner user each, two
reviewers, an officer, and a call at each step of its life."""

import pytest

from accord.accounts.models import Role
from accord.partners.tests.factories import OrganisationFactory, country
from accord.portal.calls.tests.factories import close_and_review, published_call, submitted


@pytest.fixture
def org_a(db):
    return OrganisationFactory(
        name="Nairobi City County", category="local_authority", country=country("KE")
    )


@pytest.fixture
def org_b(db):
    return OrganisationFactory(
        name="Slum Dwellers Network", category="civil_society", country=country("BR")
    )


@pytest.fixture
def partner_a(make_user, org_a):
    return make_user(Role.PARTNER, organisation=org_a)


@pytest.fixture
def partner_b(make_user, org_b):
    return make_user(Role.PARTNER, organisation=org_b)


@pytest.fixture
def reviewers(make_user):
    return [make_user(Role.REVIEWER), make_user(Role.REVIEWER)]


@pytest.fixture
def open_call(reviewers):
    return published_call(reviewers=reviewers)


@pytest.fixture
def reviewed_call(open_call, org_a, org_b, partner_a, partner_b):
    """A call under review with one submitted application from each organisation."""
    submitted(open_call, org_a, partner_a)
    submitted(open_call, org_b, partner_b)
    return close_and_review(open_call)


@pytest.fixture
def applications(reviewed_call, org_a, org_b):
    apps = {a.organisation_id: a for a in reviewed_call.applications.select_related("call")}
    return apps[org_a.pk], apps[org_b.pk]

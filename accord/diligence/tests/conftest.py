"""Fixtures of the due-diligence tests: a small sanctions list, partners in two regions, hits
made directly (so each test says exactly which match it starts from) and a user of each kind."""

import pytest

from accord.accounts.models import Role
from accord.diligence.loading import load_list
from accord.diligence.models import SanctionsList
from accord.diligence.tests.test_loading import entity, listing, person
from accord.engagement.tests.conftest import user_of  # noqa: F401  (a role, "regional"…)
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country


@pytest.fixture
def un_list(db):
    return SanctionsList.objects.get(code="un_sc")


@pytest.fixture
def listed(un_list):
    """A list version with one individual (IVAN PETROV) and one entity (ACME TRADING LLC)."""
    data = listing(person("1", "IVAN", "PETROV"), entity("9", "ACME TRADING LLC"))
    return load_list(actor=None, sanctions_list=un_list, file_name="v1.xml", data=data)


@pytest.fixture
def kenyan(db):
    """A private-sector partner in Africa (its category needs a review by default)."""
    return OrganisationFactory(
        name="Nairobi Builders Ltd", category="private_sector", country=country("KE")
    )


@pytest.fixture
def brazilian(db):
    """A private-sector partner in Latin America and the Caribbean."""
    return OrganisationFactory(
        name="Construtora Recife", category="private_sector", country=country("BR")
    )


@pytest.fixture
def kenyan_contact(kenyan):
    return ContactFactory(organisation=kenyan, first_name="Ivan", last_name="Petrov")


@pytest.fixture
def preparer(make_user):
    return make_user(Role.OFFICER)


@pytest.fixture
def decider(make_user):
    return make_user(Role.OFFICER)

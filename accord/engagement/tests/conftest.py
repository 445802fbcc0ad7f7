"""Fixtures of the engagement tests: partners in two regions and a user of every kind."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.accounts.models import Role
from accord.partners.tests.factories import OrganisationFactory, country


@pytest.fixture
def kenyan(db):
    """A local authority in Africa."""
    return OrganisationFactory(
        name="Nairobi City County", acronym="NCC", category="local_authority", country=country("KE")
    )


@pytest.fixture
def brazilian(db):
    """A local authority in Latin America and the Caribbean."""
    return OrganisationFactory(
        name="Prefeitura de Recife", category="local_authority", country=country("BR")
    )


@pytest.fixture
def regional(make_user, region):
    """A regional focal point for Africa."""
    return make_user(Role.REGIONAL, regions=[region])


@pytest.fixture
def user_of(make_user, region, kenyan):
    """A user of the given kind: a role, "regional" (Africa), "partner" (of the Kenyan partner)
    or "anonymous"."""

    def make(kind: str):
        if kind == "regional":
            return make_user(Role.REGIONAL, regions=[region])
        if kind == "partner":
            return make_user(Role.PARTNER, organisation=kenyan)
        if kind == "anonymous":
            return AnonymousUser()
        if kind == Role.ADMIN:
            return make_user(Role.ADMIN, is_superuser=True)
        return make_user(kind)

    return make


@pytest.fixture
def api(client, officer):
    """A client logged in as a partnerships officer, for the API."""
    client.force_login(officer)
    return client

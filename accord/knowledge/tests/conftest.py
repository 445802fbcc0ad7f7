"""Fixtures of the knowledge tests: partners in two regions and a user of every kind (the same
as the engagement tests', imported from there)."""

import pytest

from accord.accounts.models import Role
from accord.engagement.tests.conftest import (  # noqa: F401 (fixtures used by the tests)
    api,
    brazilian,
    kenyan,
    regional,
    user_of,
)


@pytest.fixture
def publisher(make_user):
    """A partnerships officer: writes and publishes knowledge."""
    return make_user(Role.OFFICER)


@pytest.fixture
def writer(make_user):
    """A programme manager: writes knowledge items but does not publish them."""
    return make_user(Role.PROGRAMME)


@pytest.fixture
def reader(make_user):
    """Management: reads published items only."""
    return make_user(Role.MANAGEMENT)

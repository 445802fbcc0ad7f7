"""Fixtures of the funding tests: partners in two regions and a user of every kind (the same
as the engagement tests', imported from there), and this month's euro rate."""

import pytest

from accord.engagement.tests.conftest import (  # noqa: F401 (fixtures used by the tests)
    api,
    brazilian,
    kenyan,
    regional,
    user_of,
)
from accord.funding.tests.factories import rate


@pytest.fixture
def euro(db):
    """This month's euro rate: 0.92 EUR per USD."""
    return rate("EUR", "0.92")

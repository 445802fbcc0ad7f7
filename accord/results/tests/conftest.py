"""Fixtures of the results tests: a user of each kind (engagement's `user_of`: a role,
"regional" for Africa, "partner", "anonymous") and a value of each region."""

import pytest

from accord.accounts.models import Role
from accord.engagement.tests.conftest import user_of  # noqa: F401  (a role, "regional"…)
from accord.partners.tests.factories import OrganisationFactory, country
from accord.results.models import MeasurementStatus
from accord.results.tests.factories import indicator, measurement


@pytest.fixture
def kenyan(db):
    return OrganisationFactory(
        name="Nairobi City County", category="local_authority", country=country("KE")
    )


@pytest.fixture
def trained(db):
    return indicator("TR-1", disaggregations=["sex", "region"])


@pytest.fixture
def enterer(make_user):
    return make_user(Role.PROGRAMME)


@pytest.fixture
def approver(make_user):
    return make_user(Role.OFFICER)


@pytest.fixture
def values(trained, region, other_region, enterer):
    """A submitted value of Africa, one of Latin America, and an approved total."""
    return {
        "mine": measurement(
            trained,
            "2025",
            5,
            status=MeasurementStatus.SUBMITTED,
            dimension="region",
            part=region.code,
            region=region,
            entered_by=enterer,
        ),
        "theirs": measurement(
            trained,
            "2025",
            7,
            status=MeasurementStatus.SUBMITTED,
            dimension="region",
            part=other_region.code,
            region=other_region,
            entered_by=enterer,
        ),
        "approved": measurement(trained, "2025", 12, entered_by=enterer),
    }

"""Fixtures of the prioritisation tests: partners in two regions and a user of every kind (the
engagement tests'), the diligence tests' small sanctions list, and a small registry whose
scores are worked out by hand (`world`, `scored`)."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.accounts.models import Role
from accord.diligence.tests.conftest import listed, un_list  # noqa: F401 (fixtures)
from accord.diligence.tests.factories import make_review
from accord.engagement.tests.conftest import (  # noqa: F401 (fixtures used by the tests)
    api,
    brazilian,
    kenyan,
    regional,
    user_of,
)
from accord.engagement.tests.factories import EngagementFactory
from accord.funding.tests.money_factories import ContributionFactory, flagship
from accord.partners.tests.factories import OrganisationFactory, country
from accord.prioritization import services
from accord.prioritization.models import ModelStatus, ScoringModel

WEIGHTS = {"alignment": 40, "resources": 30, "reach": 15, "relationship": 15, "risk": 30}


@dataclass
class World:
    model: ScoringModel
    acme: object
    beta: object
    civic: object


def focused_model(*, activate: bool = True, weights=None) -> ScoringModel:
    """A copy of the default version with four priority outcomes, flagship 1, Kenya and Brazil,
    financing and expertise."""
    default = ScoringModel.objects.get(number=1)
    draft = services.model_copy(actor=None, model=default, name="Focused")
    services.model_update(
        actor=None,
        model=draft,
        expected_version=draft.version,
        name="Focused",
        weights=weights or WEIGHTS,
        outcomes=["1.1", "1.2", "2.1", "3.1"],
        flagships=["1"],
        countries=["KE", "BR"],
        resources=["financing", "expertise"],
    )
    if activate:
        services.model_activate(
            actor=None, model=draft, expected_version=draft.version, score=False
        )
    draft.refresh_from_db()
    return draft


@pytest.fixture
def world(db, make_user):
    """Three partners whose scores are worked out by hand in test_scoring.py:

    - Acme Water (private sector, Kenya): outcomes 1.1, 1.2 and 2.1, offers financing; an
      approved due-diligence review; USD 1,000 received; an engagement 30 days ago on
      flagship 1 in Brazil with Civic Lab.
    - Beta Build (private sector, Brazil): nothing else; no review although its category
      needs one.
    - Civic Lab (civil society, Kenya): the engagement with Acme Water only."""
    model = focused_model()
    acme = OrganisationFactory(
        name="Acme Water",
        category="private_sector",
        country=country("KE"),
        outcomes=["1.1", "1.2", "2.1"],
        resources_offered=["financing"],
    )
    beta = OrganisationFactory(name="Beta Build", category="private_sector", country=country("BR"))
    civic = OrganisationFactory(name="Civic Lab", category="civil_society", country=country("KE"))
    make_review(
        acme, preparer=make_user(Role.OFFICER), decider=make_user(Role.OFFICER), to="approved"
    )
    ContributionFactory(organisation=acme, amount=Decimal("1000.00"))
    EngagementFactory(
        organisations=[acme, civic],
        start_date=timezone.localdate() - timedelta(days=30),
        flagship=flagship("1"),
        country=country("BR"),
    )
    return World(model=model, acme=acme, beta=beta, civic=civic)


@pytest.fixture
def scored(world):
    """The world scored once with the focused (active) version."""
    from accord.prioritization import scoring

    scoring.score_partners(model=world.model)
    return world


def active_model() -> ScoringModel:
    return ScoringModel.objects.get(status=ModelStatus.ACTIVE)

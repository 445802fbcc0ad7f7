"""Fixtures of the matchmaking tests: a small registry with partners on both sides (who fund
and who implement) in Kenya, Brazil and the United States, built through the services, and a
user of every kind (the engagement tests' fixtures)."""

import pytest

from accord.engagement.tests.conftest import (  # noqa: F401 (fixtures used by the tests)
    api,
    brazilian,
    kenyan,
    regional,
    user_of,
)
from accord.partners.tests.factories import OrganisationFactory, RelationshipFactory

HOUSING = "1.2"
INCLUSION = "4.1"


def partner(name: str, category: str, country: str, outcomes=(), resources=()):
    return OrganisationFactory(
        name=name,
        category=category,
        country=country,
        outcomes=list(outcomes),
        resources_offered=list(resources),
    )


@pytest.fixture
def world(db, kenyan, brazilian):  # noqa: F811 (the imported fixtures)
    """Funders: a US foundation (housing, financing), a Kenyan development bank (housing,
    financing). Implementers: Nairobi (the `kenyan` fixture; housing and inclusion, expertise),
    Recife (the `brazilian` fixture; housing), a Kenyan youth network (inclusion), a German
    university (climate). Nairobi and the foundation are both tied to a hub (a UN entity)."""
    from accord.partners.services import organisation_update

    organisation_update(
        actor=None,
        organisation=kenyan,
        outcomes=[HOUSING, INCLUSION],
        resources_offered=["expertise"],
    )
    organisation_update(actor=None, organisation=brazilian, outcomes=[HOUSING])
    w = {
        "nairobi": kenyan,
        "recife": brazilian,
        "fund": partner("Shelter Foundation", "foundation", "US", [HOUSING], ["financing"]),
        "bank": partner("African Housing Bank", "development_bank", "KE", [HOUSING], ["financing"]),
        "youth": partner("Kibera Youth Network", "civil_society", "KE", [INCLUSION]),
        "uni": partner("Berlin Urban Lab", "knowledge", "DE", ["3.1"], ["data"]),
        "hub": partner("Habitat Hub", "un_entity", "KE"),
    }
    RelationshipFactory(source=w["fund"], target=w["hub"], kind="funds")
    RelationshipFactory(source=w["nairobi"], target=w["hub"], kind="member_of")
    return w

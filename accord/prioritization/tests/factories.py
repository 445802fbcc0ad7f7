"""Test data of prioritisation: screening hits on a partner (or its contact) against the small
list of the diligence tests' `listed` fixture."""

from accord.diligence.tests.factories import make_hit
from accord.partners.tests.factories import ContactFactory


def make_hit_on(organisation, *, status: str = "open", on_contact: bool = False):
    if on_contact:
        return make_hit(contact=ContactFactory(organisation=organisation), status=status)
    return make_hit(organisation=organisation, status=status)

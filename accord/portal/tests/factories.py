"""Test data of the portal: what a person types into the registration form, and expressions
of interest made through the service."""

import itertools

from accord.portal import interest_services
from accord.portal.models import RegistrationKind

_numbers = itertools.count(1)


def registration_values(**overrides) -> dict:
    n = next(_numbers)
    values = {
        "kind": RegistrationKind.NEW,
        "org_name": f"Kisumu Slum Dwellers Federation {n}",
        "acronym": "",
        "category": "civil_society",
        "country": "KE",
        "website": "",
        "org_email": "",
        "iati_identifier": "",
        "registration_number": "",
        "first_name": "Wanjiru",
        "last_name": f"Otieno{n}",
        "job_title": "Coordinator",
        "email": f"wanjiru{n}@kisumu-federation.example",
        "password": "a-long-enough-passphrase",
        "message": "",
    }
    values.update(overrides)
    return values


def make_interest(user, **overrides):
    values = {
        "title": "Data on informal settlements",
        "offers": "Community-led enumeration of informal settlements.",
        "seeks": "Technical advice on upgrading.",
        "resources": ["data"],
        "outcomes": ["1.1"],
        "flagships": ["1"],
        "countries": ["KE"],
    }
    values.update(overrides)
    return interest_services.interest_create(actor=user, **values)

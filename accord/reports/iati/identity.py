"""Who publishes: UN-Habitat's IATI organisation identifier, name and type, and the activity
identifiers built from it.

The identifier is a setting (`ACCORD_IATI_ORGANISATION_ID`, from the environment when the
settings do not name it) defaulting to "XM-DAC-41120": OECD-DAC (registration agency "XM-DAC")
channel code 41120, "United Nations Human Settlement Programme" in the IATI CRSChannelCode
codelist."""

import os
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from accord.reports.iati import codelists

DEFAULT_IDENTIFIER = "XM-DAC-41120"
DEFAULT_NAME = "United Nations Human Settlements Programme (UN-Habitat)"
# OrganisationType 40: Multilateral.
ORGANISATION_TYPE = codelists.require("OrganisationType", "40")
# What an activity identifier's own part may hold (IATI: no spaces, "/", "&", "|", "?").
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _setting(name: str, default: str) -> str:
    return str(getattr(settings, name, "") or os.environ.get(name, "") or default).strip()


def organisation_identifier() -> str:
    """The reporting organisation's identifier; it must start with a registration agency code
    from the OrganisationRegistrationAgency codelist (e.g. "XM-DAC-")."""
    identifier = _setting("ACCORD_IATI_ORGANISATION_ID", DEFAULT_IDENTIFIER)
    agencies = codelists.codes("OrganisationRegistrationAgency")
    parts = identifier.split("-")
    if not any("-".join(parts[:n]) in agencies for n in range(1, len(parts))):
        raise ImproperlyConfigured(
            f"ACCORD_IATI_ORGANISATION_ID {identifier!r} does not start with a registration "
            "agency of the IATI OrganisationRegistrationAgency codelist (e.g. XM-DAC-41120)."
        )
    return identifier


def organisation_name() -> str:
    return _setting("ACCORD_IATI_ORGANISATION_NAME", DEFAULT_NAME)


def activity_identifier(*parts: str) -> str:
    """The organisation identifier, then `parts` made safe and joined by "-"
    (e.g. XM-DAC-41120-AGR-2025-0007)."""
    own = "-".join(_UNSAFE.sub("-", str(p)).strip("-") for p in parts if str(p).strip())
    return f"{organisation_identifier()}-{own}"

"""How a partner organisation appears in IATI: its identifier when it has one, its name, and
its OrganisationType from its partner category (the strategy data gives each category its
IATI types, first the default: accord/strategy/data/partnership-strategy-2020-2023.json)."""

from accord.reports.iati import codelists
from accord.reports.iati.identity import ORGANISATION_TYPE, organisation_identifier
from accord.reports.iati.identity import organisation_name as reporting_name
from accord.reports.iati.records import Org

OTHER = codelists.require("OrganisationType", "90")


def organisation_type(organisation) -> str:
    """The category's first IATI type, or the one of its types whose codelist name is the
    partner's sub-type (e.g. a civil-society partner of sub-type "National NGO" is 22 rather
    than 21); "90" (Other) when the category names no active code."""
    category = organisation.category
    allowed = [
        c for c in category.iati_organisation_types if c in codelists.codes("OrganisationType")
    ]
    subtype = (organisation.subtype or "").strip().casefold()
    type_names = codelists.names("OrganisationType")
    for code in allowed:
        if subtype and type_names.get(code, "").casefold() == subtype:
            return code
    return allowed[0] if allowed else OTHER


def partner_org(organisation) -> Org:
    return Org(
        ref=(organisation.iati_identifier or "").strip(),
        name=organisation.name,
        type=organisation_type(organisation),
    )


def reporting_org() -> Org:
    return Org(ref=organisation_identifier(), name=reporting_name(), type=ORGANISATION_TYPE)

"""What staff see before deciding on a registration: is the organisation already registered
(the registry's duplicate matching, the same check as the partner form's), and do the
organisation or its focal point resemble a sanctioned entity or person (the diligence
screening engine, run on the proposed names before anything reaches the registry)."""

from accord.diligence.screening.engine import screen_names
from accord.diligence.screening.index import get_index
from accord.partners.matching import find_matches


def duplicate_matches(registration, *, limit: int = 5) -> list[dict]:
    found = find_matches(
        name=registration.org_name,
        acronym=registration.acronym,
        website=registration.website,
        email=registration.org_email,
        country=registration.country_id,
        iati_identifier=registration.iati_identifier,
        registration_number=registration.registration_number,
        category=registration.category.code if registration.category_id else None,
        limit=limit,
    )
    return [
        {"organisation_id": m.organisation_id, "score": round(m.score, 3), "reasons": m.reasons}
        for m in found
    ]


def screening_hits(registration) -> list[dict]:
    """Listed entities like the organisation's names and listed individuals like the focal
    point's name, against the current versions of the active sanctions lists."""
    index = get_index()
    countries = {registration.country_id} if registration.country_id else set()
    subjects = [
        ("entity", [registration.org_name, registration.acronym]),
        ("individual", [registration.full_name]),
    ]
    hits = []
    for kind, names in subjects:
        for found in screen_names(index, [n for n in names if n], kind=kind, countries=countries):
            hits.append(
                {
                    "kind": kind,
                    "name": found.screened_name,
                    "listed_name": found.listed_name,
                    "entry_id": found.entry_id,
                    "score": round(found.score, 3),
                    "reasons": found.reasons,
                }
            )
    return hits

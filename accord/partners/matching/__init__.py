"""Duplicate detection: is this organisation already registered?

    find_matches(*, name, acronym="", aliases=(), website="", email="", country=None,
                 iati_identifier="", registration_number="", exclude_ids=(), limit=5)
        -> list[Match]

`country` is a Country, an ISO2 code or None. Returns the registered organisations (not
archived, not merged) most likely to be the one described, best first, each with
`score >= settings.ACCORD_DUPLICATE_THRESHOLD` and the reasons in plain English. It does not
apply a user's scope: callers showing matches to a person filter them through
`permissions.visible_organisations`.

The parts: `names` (normalisation), `scoring` (a pair's score and reasons, weights and
threshold from settings), `blocking` (candidate pairs of a full scan), `registry` (reading
organisations from the database)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from accord.partners.matching.registry import candidate_ids, load_profiles
from accord.partners.matching.scoring import OrgRecord, profile, score_pair, threshold, weights


@dataclass(frozen=True)
class Match:
    organisation_id: int
    score: float  # 0..1
    reasons: list[str] = field(default_factory=list)  # plain English, strongest first


def _country_code(country) -> str:
    if country is None:
        return ""
    return str(getattr(country, "pk", country) or "").strip().upper()[:2]


def find_matches(
    *,
    name: str,
    acronym: str = "",
    aliases: Iterable[str] = (),
    website: str = "",
    email: str = "",
    country=None,
    iati_identifier: str = "",
    registration_number: str = "",
    category=None,
    exclude_ids: Iterable[int] = (),
    limit: int = 5,
) -> list[Match]:
    record = OrgRecord(
        id=0,
        name=name or "",
        acronym=acronym or "",
        aliases=tuple(a for a in aliases or () if a),
        website=website or "",
        email=email or "",
        country=_country_code(country),
        iati_identifier=iati_identifier or "",
        registration_number=registration_number or "",
        category=getattr(category, "code", category) or "",
    )
    query = profile(record)
    ids = candidate_ids(record, query) - {int(i) for i in exclude_ids}
    if not ids or limit <= 0:
        return []
    w, minimum = weights(), threshold()
    matches = []
    for candidate in load_profiles(ids):
        score, reasons = score_pair(query, candidate, w)
        if score >= minimum:
            matches.append(Match(candidate.id, score, reasons))
    matches.sort(key=lambda m: (-m.score, m.organisation_id))
    return matches[:limit]


__all__ = ["Match", "OrgRecord", "find_matches"]

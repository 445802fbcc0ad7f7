"""How well a partner who funds fits a partner who implements, and why, in words. Pure Python
over two profiles (no database), so it is cheap over a bounded set of candidates and easy to
test on hand-built data.

The score (0-1) weighs four things: shared outcomes of the strategic plan, shared countries,
complementary resources (one brings money or in-kind support, the other what it lacks), and a
shared third partner who can make the introduction. Partners who already know each other (a
direct relationship or a recent engagement together) are still shown, said so, and ranked
lower: an introduction adds little there."""

from dataclasses import dataclass, field
from datetime import date

from accord.prioritization.matchmaking.profiles import (
    FUNDING_RESOURCES,
    IMPLEMENTER_OFFER,
    RESOURCE_LABELS,
    Catalogue,
    Profile,
)

WEIGHTS = {"outcomes": 0.4, "countries": 0.25, "resources": 0.2, "ties": 0.15}
HOME_COUNTRY, WORK_COUNTRY = 1.0, 0.6
KNOWN_FACTOR = 0.5  # partners who already know each other rank lower
NAMES_SHOWN = 3


@dataclass(frozen=True)
class JointEngagement:
    title: str
    start_date: date


@dataclass
class Suggestion:
    funder: Profile
    implementer: Profile
    score: float
    parts: dict[str, float]
    reasons: list[str]
    known: bool = False
    shared_outcomes: list[str] = field(default_factory=list)  # codes
    shared_countries: list[str] = field(default_factory=list)

    def other(self, subject_id: int) -> Profile:
        return self.implementer if self.funder.id == subject_id else self.funder


def _listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    shown = items[:NAMES_SHOWN]
    more = len(items) - len(shown)
    if more:
        return f"{', '.join(shown)} and {more} more"
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def _outcomes(f: Profile, i: Profile, cat: Catalogue) -> tuple[float, list[str], str]:
    shared = sorted(cat.outcomes[pk] for pk in f.outcomes & i.outcomes if pk in cat.outcomes)
    if not shared:
        return 0.0, [], ""
    value = len(shared) / min(len(f.outcomes), len(i.outcomes))
    noun = "outcome" if len(shared) == 1 else "outcomes"
    labels = [f"{code} {name}" for code, name in shared]
    return value, [code for code, _ in shared], f"Both work on {noun} {_listing(labels)}"


def _countries(f: Profile, i: Profile, cat: Catalogue) -> tuple[float, list[str], str]:
    if f.country_code and f.country_code == i.country_code:
        return HOME_COUNTRY, [f.country_code], f"Both in {cat.countries.get(f.country_code, '')}"
    shared = sorted(f.countries & i.countries, key=lambda c: cat.countries.get(c, c))
    if not shared:
        return 0.0, [], ""
    names = [cat.countries.get(c, c) for c in shared]
    return WORK_COUNTRY, shared, f"Both active in {_listing(names)}"


def _resources(f: Profile, i: Profile) -> tuple[float, str]:
    """Half for a funder that brings money or in-kind support, half for an implementer that
    brings something the funder does not (its listed resources, else what its category does)."""
    brings = [RESOURCE_LABELS[r].lower() for r in f.resources if r in FUNDING_RESOURCES]
    lacks = [RESOURCE_LABELS[r].lower() for r in i.resources if r not in f.resources]
    if not i.resources and i.category_code in IMPLEMENTER_OFFER:
        lacks = [IMPLEMENTER_OFFER[i.category_code]]
    value = 0.5 * bool(brings) + 0.5 * bool(lacks)
    if not value:
        return 0.0, ""
    first = f"{f.name} offers {', '.join(brings)}" if brings else ""
    second = f"{i.name} offers {', '.join(lacks)}" if lacks else ""
    return value, "; ".join(part for part in (first, second) if part)


def _known(f: Profile, i: Profile, joint: JointEngagement | None) -> str:
    for other, words, outgoing in f.relations:
        if other == i.id:
            source, target = (f, i) if outgoing else (i, f)
            return f"They already know each other: {source.name} {words} {target.name}"
    if joint is not None:
        return (
            "They already know each other: both took part in "
            f"“{joint.title}” ({joint.start_date:%d %b %Y})"
        )
    return ""


def score_pair(
    funder: Profile,
    implementer: Profile,
    *,
    catalogue: Catalogue,
    third_names: dict[int, str],
    joint: JointEngagement | None = None,
) -> Suggestion | None:
    """The suggestion to connect `funder` with `implementer`, or None when they share nothing
    (no outcome, country or partner: complementary resources alone are not a match).
    `third_names` names the partners the user may see (ties through others do not count);
    `joint` is their latest recent engagement together, if any."""
    outcome_value, shared_outcomes, outcome_reason = _outcomes(funder, implementer, catalogue)
    country_value, shared_countries, country_reason = _countries(funder, implementer, catalogue)
    thirds = (funder.neighbours & implementer.neighbours) - {funder.id, implementer.id}
    third = sorted((third_names[t] for t in thirds if t in third_names), key=str.casefold)
    if not (shared_outcomes or shared_countries or third):
        return None
    resource_value, resource_reason = _resources(funder, implementer)
    parts = {
        "outcomes": outcome_value,
        "countries": country_value,
        "resources": resource_value,
        "ties": min(1.0, len(third) / 2),
    }
    reasons = [r for r in (outcome_reason, country_reason, resource_reason) if r]
    if third:
        noun = "a partner" if len(third) == 1 else "partners"
        reasons.append(f"They share {noun}: {_listing(third)}")
    known = _known(funder, implementer, joint)
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    if known:
        reasons.append(known)
        score *= KNOWN_FACTOR
    return Suggestion(
        funder=funder,
        implementer=implementer,
        score=round(score, 4),
        parts={k: round(v, 4) for k, v in parts.items()},
        reasons=reasons,
        known=bool(known),
        shared_outcomes=shared_outcomes,
        shared_countries=shared_countries,
    )

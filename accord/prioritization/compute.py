"""From raw figures to each organisation's criterion values (0–1), points and total.

Pure computation over the figures accord/prioritization/inputs.py reads: no queries here, so
the rules are easy to test on hand-made figures. The parts within a criterion have fixed
shares (PARTS), documented in docs/prioritization.md; the weights between criteria are the
model version's."""

from dataclasses import dataclass, field
from datetime import date

from accord.partners.models import Resource
from accord.prioritization import inputs
from accord.prioritization.criteria import BENEFITS, CODES
from accord.prioritization.normalise import log_scaled, recency, rounded, saturating

PARTS = {
    "resources": {"received": 0.4, "pledged": 0.3, "pipeline": 0.2, "offers": 0.1},
    "reach": {"covered": 0.35, "counterparts": 0.4, "memberships": 0.25},
    "relationship": {"recency": 0.4, "frequency": 0.35, "agreements": 0.25},
}
# How many matches count as full alignment on each dimension.
ENOUGH = {"outcomes": 3, "flagships": 2, "countries": 3, "resources": 2}
AGREEMENTS_FOR_FULL = 2
FUNDING_RESOURCES = {Resource.FINANCING, Resource.IN_KIND}
# Risk from due diligence, by the state of the latest decided review.
REVIEW_RISK = {"rejected": 1.0, "high": 0.5, "missing": 0.4, "expired": 0.4, "medium": 0.2}
HIT_RISK = {"confirmed_hits": 1.0, "open_hits": 0.6}


@dataclass
class Priorities:
    outcomes: set[int] = field(default_factory=set)
    flagships: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)

    def sizes(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in ENOUGH}


@dataclass
class Figures:
    """Everything read from the database for one computation."""

    registry: inputs.Registry
    outcomes: dict = field(default_factory=dict)
    # {id: (countries covered, priority countries, priority flagships)}
    places: dict = field(default_factory=dict)
    received: dict = field(default_factory=dict)
    pledged: dict = field(default_factory=dict)
    pipeline: dict = field(default_factory=dict)
    counterparts: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)
    activity: dict = field(default_factory=dict)
    agreements: dict = field(default_factory=dict)
    hits: dict = field(default_factory=dict)
    reviews: dict = field(default_factory=dict)
    review_required: set = field(default_factory=set)


def read_figures(priorities: Priorities, as_of: date) -> Figures:
    """A few aggregate queries per criterion, whatever the number of organisations."""
    return Figures(
        registry=inputs.registry(),
        outcomes=inputs.outcomes_matched(priorities.outcomes),
        places=inputs.places(priorities.flagships, priorities.countries),
        received=inputs.received_usd(),
        pledged=inputs.pledged_usd(),
        pipeline=inputs.pipeline_usd(),
        counterparts=inputs.network_degree(),
        memberships=inputs.memberships(as_of),
        activity=inputs.engagement_activity(as_of),
        agreements=inputs.agreements_in_force(),
        hits=inputs.screening_hits(),
        reviews=inputs.latest_reviews(),
        review_required=inputs.review_required_categories(),
    )


@dataclass
class Scored:
    organisation_id: int
    values: dict[str, float]
    points: dict[str, float]
    total: float
    facts: dict


def _review_state(figures: Figures, org: int, as_of: date) -> str:
    review = figures.reviews.get(org)
    required = figures.registry.category[org] in figures.review_required
    if review is None:
        return "missing" if required else ""
    if review["status"] == "rejected":
        return "rejected"
    if required and review["valid_until"] is not None and review["valid_until"] < as_of:
        return "expired"
    return review["risk_rating"] if review["risk_rating"] in REVIEW_RISK else ""


class Scorer:
    """Computes every organisation's values once the figures are read (the log-scaled parts
    are scaled over the whole registry, so one partner's value does not depend on the order)."""

    def __init__(self, figures: Figures, priorities: Priorities, as_of: date):
        self.f = figures
        self.p = priorities
        self.as_of = as_of
        self.covered = {k: v[0] for k, v in figures.places.items()}
        self.scaled = {
            name: log_scaled(getattr(figures, name))
            for name in ("received", "pledged", "pipeline", "counterparts", "memberships")
        }
        self.scaled["covered"] = log_scaled(self.covered)
        self.sizes = priorities.sizes()
        self.dims = [name for name in ENOUGH if self.sizes[name]]
        self.frequency = log_scaled({k: v[1] for k, v in figures.activity.items()})

    def _alignment(self, org: int, facts: dict) -> float:
        sizes = self.sizes
        _, countries, flagships = self.f.places.get(org, (0, 0, 0))
        matched = {
            "outcomes": self.f.outcomes.get(org, 0),
            "flagships": flagships,
            "countries": countries,
            "resources": len(self.f.registry.resources[org] & self.p.resources),
        }
        dims = self.dims
        for name in dims:
            if matched[name]:
                facts[name] = matched[name]
        if not dims:
            return 0.0
        return sum(saturating(matched[d], sizes[d], ENOUGH[d]) for d in dims) / len(dims)

    def _resources(self, org: int, facts: dict) -> float:
        offers = bool(self.f.registry.resources[org] & FUNDING_RESOURCES)
        for name in ("received", "pledged", "pipeline"):
            if org in getattr(self.f, name):
                facts[name] = getattr(self.f, name)[org]
        if offers:
            facts["offers"] = 1
        parts = {
            name: self.scaled[name].get(org, 0.0) for name in ("received", "pledged", "pipeline")
        }
        parts["offers"] = 1.0 if offers else 0.0
        return sum(PARTS["resources"][k] * v for k, v in parts.items())

    def _reach(self, org: int, facts: dict) -> float:
        figures = {
            "covered": self.covered,
            "counterparts": self.f.counterparts,
            "memberships": self.f.memberships,
        }
        for name, values in figures.items():
            if values.get(org):
                facts[name] = values[org]
        return sum(PARTS["reach"][k] * self.scaled[k].get(org, 0.0) for k in PARTS["reach"])

    def _relationship(self, org: int, facts: dict) -> float:
        last, recent = self.f.activity.get(org, (None, 0))
        agreements = self.f.agreements.get(org, 0)
        if last:
            facts["last"] = last.isoformat()
        if recent:
            facts["recent"] = recent
        if agreements:
            facts["agreements"] = agreements
        parts = {
            "recency": recency(last, self.as_of),
            "frequency": self.frequency.get(org, 0.0),
            "agreements": min(1.0, agreements / AGREEMENTS_FOR_FULL),
        }
        return sum(PARTS["relationship"][k] * v for k, v in parts.items())

    def _risk(self, org: int, facts: dict) -> float:
        risk = 0.0
        for status, n in self.f.hits.get(org, {}).items():
            key = f"{status}_hits"
            if n:
                facts[key] = n
                risk = max(risk, HIT_RISK[key])
        state = _review_state(self.f, org, self.as_of)
        if state:
            facts["diligence"] = state
            risk = max(risk, REVIEW_RISK[state])
        return risk

    def score(self, org: int, weights: dict[str, int]) -> Scored:
        facts: dict = {}
        raw = {
            "alignment": self._alignment(org, facts),
            "resources": self._resources(org, facts),
            "reach": self._reach(org, facts),
            "relationship": self._relationship(org, facts),
            "risk": self._risk(org, facts),
        }
        values = {code: rounded(raw[code]) for code in CODES}
        points = {
            code: round((1 if code in BENEFITS else -1) * weights[code] * values[code], 2) + 0.0
            for code in CODES
        }
        total = round(sum(points[code] for code in CODES), 2) + 0.0
        return Scored(org, values, points, total, facts)


def score_all(
    figures: Figures, priorities: Priorities, weights: dict[str, int], as_of: date
) -> list[Scored]:
    scorer = Scorer(figures, priorities, as_of)
    return [scorer.score(org, weights) for org in figures.registry.ids]

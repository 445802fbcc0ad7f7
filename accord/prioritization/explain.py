"""A score in words and as a bar: what each criterion contributed and why, from the figures
stored with the score (`facts`) and the run's snapshot of the version (weights and how many
priorities it had). Nothing here queries the database."""

from dataclasses import dataclass
from datetime import date

from accord.partners.models import Resource
from accord.prioritization.criteria import BY_CODE, CRITERIA

TREND_EPSILON = 0.05  # points: smaller changes are shown as unchanged


@dataclass
class Part:
    code: str
    label: str
    value: float
    points: float
    weight: int | None
    level: str
    words: str
    is_penalty: bool


def plural(noun: str) -> str:
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith("ch") else "s")


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun if count == 1 else plural(noun)}"


def usd(amount: float) -> str:
    if amount >= 1_000_000:
        return f"USD {amount / 1_000_000:,.1f} million"
    return f"USD {amount:,.0f}"


def level(value: float, *, penalty: bool = False) -> str:
    if value <= 0:
        return "No"
    if value >= 0.67:
        return "High" if penalty else "Strong"
    if value >= 0.34:
        return "Medium" if penalty else "Moderate"
    return "Low" if penalty else "Weak"


def _of(facts: dict, sizes: dict, key: str, noun: str) -> str | None:
    matched, size = facts.get(key, 0), sizes.get(key, 0)
    if not size:
        return None
    return f"{matched} of the {size} priority {noun if size == 1 else plural(noun)}"


def _alignment(facts: dict, sizes: dict) -> str:
    bits = [
        _of(facts, sizes, "outcomes", "outcome"),
        _of(facts, sizes, "flagships", "flagship programme"),
    ]
    if sizes.get("countries"):
        bits.append(f"works in {_n(facts.get('countries', 0), 'priority country')}")
    if sizes.get("resources"):
        bits.append(
            f"offers {facts.get('resources', 0)} of the {sizes['resources']} resources sought"
        )
    bits = [b for b in bits if b]
    return ", ".join(bits) if bits else "the version sets no priorities"


def _day(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"


DILIGENCE = {
    "rejected": "due-diligence review rejected",
    "expired": "due-diligence review expired",
    "missing": "no approved due-diligence review, which its category needs",
    "high": "due diligence rated high risk",
    "medium": "due diligence rated medium risk",
}
# For the other criteria: each fact that is there, in this order, as a phrase; or what to say
# when there is none.
PHRASES = {
    "resources": (
        (
            ("received", lambda v: f"{usd(v)} received"),
            ("pledged", lambda v: f"{usd(v)} pledged"),
            ("pipeline", lambda v: f"{usd(v)} in the weighted pipeline"),
            ("offers", lambda v: f"offers {Resource.FINANCING.label.lower()} or in-kind support"),
        ),
        "no contributions, pledges or open opportunities",
    ),
    "reach": (
        (
            ("covered", lambda n: f"works in {_n(n, 'country')}"),
            ("counterparts", lambda n: f"{_n(n, 'counterpart')} in the partnership network"),
            ("memberships", lambda n: f"{_n(n, 'membership')} of networks or governance bodies"),
        ),
        "no countries, ties or memberships recorded",
    ),
    "relationship": (
        (
            ("last", lambda iso: f"last engagement on {_day(iso)}"),
            ("recent", lambda n: f"{_n(n, 'engagement')} in the last two years"),
            ("agreements", lambda n: f"{_n(n, 'agreement')} in force"),
        ),
        "no engagement held and no agreement in force",
    ),
    "risk": (
        (
            ("confirmed_hits", lambda n: _n(n, "confirmed sanctions match")),
            ("open_hits", lambda n: f"{_n(n, 'possible sanctions match')} not reviewed yet"),
            ("diligence", lambda state: DILIGENCE[state]),
        ),
        "no open screening match, due diligence in order",
    ),
}


def reasons(code: str, facts: dict, sizes: dict) -> str:
    if code == "alignment":
        return _alignment(facts, sizes)
    phrases, otherwise = PHRASES[code]
    return ", ".join(say(facts[key]) for key, say in phrases if facts.get(key)) or otherwise


NOUNS = {
    "alignment": "alignment",
    "resources": "resource potential",
    "reach": "reach",
    "relationship": "relationship",
    "risk": "risk",
}


def breakdown(score, snapshot: dict) -> list[Part]:
    """Each criterion of `score` with its level and reasons in words."""
    weights = snapshot.get("weights", {})
    sizes = snapshot.get("priorities", {})
    facts = score.facts or {}
    parts = []
    for c in CRITERIA:
        value = getattr(score, c.code)
        lvl = level(value, penalty=c.is_penalty)
        why = reasons(c.code, facts, sizes)
        parts.append(
            Part(
                code=c.code,
                label=c.label,
                value=value,
                points=getattr(score, f"{c.code}_points"),
                weight=weights.get(c.code),
                level=lvl,
                is_penalty=c.is_penalty,
                words=f"{lvl} {NOUNS[c.code]}: {why}.",
            )
        )
    return parts


def summary(parts: list[Part], total: float) -> str:
    """The bar's text alternative: the total and each criterion's points."""
    bits = ", ".join(
        f"{p.label.lower()} {'minus ' if p.is_penalty else ''}{abs(p.points):.1f}" for p in parts
    )
    return f"Score {total:.1f} of 100: {bits}."


def segments(parts: list[Part]) -> list[dict]:
    """The stacked bar (100 units wide): one segment per benefit criterion, then the penalty
    drawn over the end of what it takes away."""
    out, x = [], 0.0
    for p in parts:
        if p.is_penalty or p.points <= 0:
            continue
        out.append(
            {
                "code": p.code,
                "x": round(x, 2),
                "width": round(p.points, 2),
                "label": BY_CODE[p.code].label,
            }
        )
        x += p.points
    for p in parts:
        if p.is_penalty and p.points < 0:
            width = min(x, -p.points)
            out.append(
                {
                    "code": p.code,
                    "x": round(x - width, 2),
                    "width": round(width, 2),
                    "label": BY_CODE[p.code].label,
                }
            )
    return out


def trend(score) -> dict:
    """Since the previous run: "new", "up", "down" or "same", with the change in points."""
    if score.previous_total is None:
        return {"direction": "new", "change": None, "words": "new since the last computation"}
    change = round(score.total - score.previous_total, 2)
    if change > TREND_EPSILON:
        return {"direction": "up", "change": change, "words": f"up {change:.1f} points"}
    if change < -TREND_EPSILON:
        return {"direction": "down", "change": change, "words": f"down {-change:.1f} points"}
    return {"direction": "same", "change": change, "words": "unchanged"}


def explain(score, snapshot: dict) -> None:
    """Attach `parts`, `summary`, `segments`, `trend` and their HTML (`bar_html`,
    `breakdown_html`, `trend_html`) to `score` for a template or the API."""
    from accord.prioritization import render

    score.parts = breakdown(score, snapshot)
    score.summary = summary(score.parts, score.total)
    score.segments = segments(score.parts)
    score.trend = trend(score)
    score.bar_html = render.bar(score)
    score.breakdown_html = render.breakdown(score)
    score.trend_html = render.trend(score)

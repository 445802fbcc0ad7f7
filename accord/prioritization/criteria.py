"""The five criteria of a scoring model, as data. Each is computed for every organisation from
data already in Accord (accord/prioritization/inputs.py), normalised to 0–1
(accord/prioritization/normalise.py) and multiplied by the version's weight. Risk is a penalty:
its points are taken away.

The benefit criteria's weights add up to 100, so a partner that is at the top of every benefit
criterion and carries no risk scores 100 points."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    description: str
    default_weight: int
    is_penalty: bool = False


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "alignment",
        "Strategic alignment",
        "Overlap of the partner's outcomes, the flagship programmes and countries of its "
        "engagements and opportunities, its country and the resources it offers with the "
        "priorities of the model version.",
        35,
    ),
    Criterion(
        "resources",
        "Resource potential",
        "Contributions received, standing pledges and the weighted open pipeline (in USD), and "
        "whether it offers financing or in-kind support.",
        25,
    ),
    Criterion(
        "reach",
        "Reach and influence",
        "Countries covered, distinct counterparts in the partnership network, and memberships "
        "of networks and governance bodies.",
        20,
    ),
    Criterion(
        "relationship",
        "Relationship strength",
        "How recent and how frequent engagements with it are, and agreements in force.",
        20,
    ),
    Criterion(
        "risk",
        "Risk",
        "Open or confirmed sanctions-screening matches and the due-diligence status; a penalty.",
        30,
        is_penalty=True,
    ),
)
BY_CODE = {c.code: c for c in CRITERIA}
CODES = tuple(c.code for c in CRITERIA)
BENEFITS = tuple(c.code for c in CRITERIA if not c.is_penalty)
PENALTIES = tuple(c.code for c in CRITERIA if c.is_penalty)
BENEFIT_TOTAL = 100  # the benefit criteria's weights must add up to this
MAX_WEIGHT = 100


def weight_errors(weights: dict[str, object], *, full: bool = True) -> dict[str, list[str]]:
    """What is wrong with a set of weights, per criterion code ("__all__" for the sum); empty
    when they are valid: whole numbers from 0 to 100 for every criterion and, for a version
    (`full`), the benefit criteria adding up to 100 (the what-if panel takes them as they are)."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, int] = {}
    for c in CRITERIA:
        value = weights.get(c.code)
        if value is None or value == "":
            errors[c.code] = [f"{c.label}: give a weight from 0 to {MAX_WEIGHT}."]
            continue
        try:
            number = int(str(value).strip())
        except ValueError:
            errors[c.code] = [f"{c.label}: “{value}” is not a whole number."]
            continue
        if not 0 <= number <= MAX_WEIGHT:
            errors[c.code] = [f"{c.label}: {number} is outside 0 to {MAX_WEIGHT}."]
            continue
        clean[c.code] = number
    if full and not errors:
        total = sum(clean[code] for code in BENEFITS)
        if total != BENEFIT_TOTAL:
            labels = ", ".join(BY_CODE[code].label.lower() for code in BENEFITS)
            errors["__all__"] = [
                f"The weights of {labels} must add up to {BENEFIT_TOTAL}; they add up to "
                f"{total}. (Risk is a penalty and is not part of the sum.)"
            ]
    return errors


def default_weights() -> dict[str, int]:
    return {c.code: c.default_weight for c in CRITERIA}

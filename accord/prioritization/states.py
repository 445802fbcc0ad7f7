"""The life cycle of a scoring-model version, as data: draft → active → retired.

Only a draft is edited. Activating a draft retires the version that was active (exactly one is
active at a time; the database refuses a second). A retired version stays, with the runs and
scores it produced; to use it again, copy it into a new draft. The guards name what is missing,
in the words the page shows."""

from collections.abc import Callable
from dataclasses import dataclass

from accord.prioritization.criteria import weight_errors
from accord.prioritization.models import ModelStatus, ScoringModel


def _is_draft(model: ScoringModel, weights: dict) -> str | None:
    if model.status != ModelStatus.DRAFT:
        return (
            f"Version {model.number} is {model.get_status_display().lower()}: only a draft "
            "can be changed or activated. Copy it to make a new draft."
        )
    return None


def _weights_valid(model: ScoringModel, weights: dict) -> str | None:
    errors = weight_errors(weights)
    if errors:
        return "The weights are not valid: " + " ".join(m for msgs in errors.values() for m in msgs)
    return None


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str
    guards: tuple[Callable[[ScoringModel, dict], str | None], ...]


TRANSITIONS = {
    "activate": Transition(
        ModelStatus.DRAFT, ModelStatus.ACTIVE, "Activate", (_is_draft, _weights_valid)
    ),
}
# What editing a version needs.
EDIT_GUARDS = (_is_draft,)


def refusals(name: str, model: ScoringModel, weights: dict) -> list[str]:
    """Why `model` may not take transition `name` now (empty when it may)."""
    return [m for guard in TRANSITIONS[name].guards if (m := guard(model, weights))]

"""Writes of the scoring-model versions: copy, edit a draft, activate. Every change is in the
version's history; a stale edit is refused. Score runs are in accord/prioritization/scoring.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accord.accounts.models import Country
from accord.core import history
from accord.core.versioning import check_and_bump_version
from accord.partners.models import Resource
from accord.prioritization import scoring, states
from accord.prioritization.criteria import CODES, weight_errors
from accord.prioritization.models import CriterionWeight, ModelStatus, ScoringModel
from accord.strategy.models import FlagshipProgramme, Outcome
from accord.strategy.selectors import current_strategy

FIELDS = ("name", "description", "status")


def _actor(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _ordered(weights: dict) -> list[tuple[str, int]]:
    return [(code, weights[code]) for code in CODES if code in weights]


def _priority_snapshot(model: ScoringModel) -> dict:
    return {
        # A list of "criterion weight" in criteria order: history shows lists, not mappings.
        "weights": [f"{code} {w}" for code, w in _ordered(scoring.weights_of(model))],
        "priority_outcomes": sorted(model.priority_outcomes.values_list("code", flat=True)),
        "priority_flagships": sorted(model.priority_flagships.values_list("code", flat=True)),
        "priority_countries": sorted(model.priority_countries.values_list("code", flat=True)),
        "priority_resources": sorted(model.priority_resources or []),
    }


@transaction.atomic
def model_copy(*, actor, model: ScoringModel, name: str = "") -> ScoringModel:
    """A new draft with the next version number, the same weights and priorities."""
    number = (ScoringModel.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = ScoringModel.objects.create(
        number=number,
        name=(name or f"Copy of {model.name}")[:150],
        description=model.description,
        copied_from=model,
        created_by=_actor(actor),
        priority_resources=list(model.priority_resources or []),
    )
    CriterionWeight.objects.bulk_create(
        CriterionWeight(model=copy, criterion=c, weight=w)
        for c, w in model.weights.values_list("criterion", "weight")
    )
    copy.priority_outcomes.set(model.priority_outcomes.all())
    copy.priority_flagships.set(model.priority_flagships.all())
    copy.priority_countries.set(model.priority_countries.all())
    history.record(
        obj=copy,
        action="create",
        actor=actor,
        note=f"Copied from version {model.number}",
        changes=history.diff({}, _priority_snapshot(copy)),
    )
    return copy


def current_plan():
    strategy = current_strategy()
    return strategy.plan if strategy else None


def _ids(qs, values, field: str, label: str, errors: dict) -> list:
    """The ids of the rows of `qs` whose `field` is one of `values`; unknown values named."""
    values = list(dict.fromkeys(str(v) for v in values or []))
    found = dict(qs.filter(**{f"{field}__in": values}).values_list(field, "pk"))
    unknown = [v for v in values if v not in found]
    if unknown:
        errors.setdefault(label, []).append(
            f"Unknown {label.replace('_', ' ')}: {', '.join(unknown)}."
        )
    return list(found.values())


@transaction.atomic
def model_update(
    *,
    actor,
    model: ScoringModel,
    expected_version: int | None,
    name: str,
    description: str = "",
    weights: dict,
    outcomes=(),
    flagships=(),
    countries=(),
    resources=(),
) -> ScoringModel:
    """Edit a draft's name, weights and priorities (outcome and flagship codes, ISO country
    codes, resource codes). Refused for a version that is active or retired."""
    refusals = [m for guard in states.EDIT_GUARDS if (m := guard(model, {}))]
    if refusals:
        raise ValidationError(refusals)
    errors = weight_errors(weights)
    if not (name or "").strip():
        errors.setdefault("name", []).append("Give the version a name.")
    plan = current_plan()
    outcome_ids = _ids(
        Outcome.objects.filter(domain__plan=plan), outcomes, "code", "priority_outcomes", errors
    )
    flagship_ids = _ids(
        FlagshipProgramme.objects.filter(plan=plan), flagships, "code", "priority_flagships", errors
    )
    country_ids = _ids(Country.objects.all(), countries, "code", "priority_countries", errors)
    bad = [r for r in resources if r not in Resource.values]
    if bad:
        errors.setdefault("priority_resources", []).append(
            f"Unknown resources: {', '.join(bad)}. Use: {', '.join(Resource.values)}."
        )
    if errors:
        raise ValidationError(errors)
    before = {**history.snapshot(model, FIELDS), **_priority_snapshot(model)}
    check_and_bump_version(model, expected_version)
    model.name = name.strip()[:150]
    model.description = description
    model.priority_resources = list(dict.fromkeys(resources))
    model.save(update_fields=["name", "description", "priority_resources", "updated_at"])
    for code in CODES:
        CriterionWeight.objects.update_or_create(
            model=model, criterion=code, defaults={"weight": int(str(weights[code]).strip())}
        )
    model.priority_outcomes.set(outcome_ids)
    model.priority_flagships.set(flagship_ids)
    model.priority_countries.set(country_ids)
    after = {**history.snapshot(model, FIELDS), **_priority_snapshot(model)}
    changes = history.diff(before, after)
    if changes:
        history.record(obj=model, action="update", actor=actor, changes=changes)
    return model


@transaction.atomic
def model_activate(
    *, actor, model: ScoringModel, expected_version: int | None, score: bool = True
) -> ScoringModel:
    """Make a draft the active version; the active one is retired. Scores are recomputed with
    it in the background (after the commit) unless `score` is False."""
    model = ScoringModel.objects.select_for_update().get(pk=model.pk)
    refusals = states.refusals("activate", model, scoring.weights_of(model))
    if refusals:
        raise ValidationError(refusals)
    check_and_bump_version(model, expected_version)
    for old in ScoringModel.objects.select_for_update().filter(status=ModelStatus.ACTIVE):
        old.status = ModelStatus.RETIRED
        old.save(update_fields=["status", "updated_at"])
        history.record(
            obj=old,
            action="update",
            actor=actor,
            changes={"status": [ModelStatus.ACTIVE, ModelStatus.RETIRED]},
            note=f"Replaced by version {model.number}",
        )
    model.status = ModelStatus.ACTIVE
    model.activated_by = _actor(actor)
    model.activated_at = timezone.now()
    model.save(update_fields=["status", "activated_by", "activated_at", "updated_at"])
    history.record(
        obj=model,
        action="update",
        actor=actor,
        changes={"status": [ModelStatus.DRAFT, ModelStatus.ACTIVE]},
    )
    if score:
        scoring.score_in_background(model=model, actor=actor)
    return model

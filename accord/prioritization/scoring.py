"""Score runs: compute every organisation's score with one model version and store it.

A run is created queued (so the page can show it waiting), then executed: the figures are read
in a few aggregate queries, computed in memory, and written in bulk in one transaction with the
run marked done — a failed run stores nothing but its error. Old runs and their scores stay."""

import time
from datetime import date

from django.db import transaction
from django.utils import timezone

from accord.partners.importing import bulk
from accord.prioritization import compute
from accord.prioritization.criteria import CODES
from accord.prioritization.models import (
    ModelStatus,
    PartnerScore,
    RunStatus,
    ScoreRun,
    ScoringModel,
)

BATCH = 5000


def priorities_of(model: ScoringModel) -> compute.Priorities:
    return compute.Priorities(
        outcomes=set(model.priority_outcomes.values_list("id", flat=True)),
        flagships=set(model.priority_flagships.values_list("id", flat=True)),
        countries=set(model.priority_countries.values_list("code", flat=True)),
        resources=set(model.priority_resources or ()),
    )


def weights_of(model: ScoringModel) -> dict[str, int]:
    return dict(model.weights.values_list("criterion", "weight"))


def run_create(*, model: ScoringModel, actor=None, as_of: date | None = None) -> ScoreRun:
    """A queued run of `model` as of `as_of` (today)."""
    return ScoreRun.objects.create(
        model=model,
        as_of=as_of or timezone.localdate(),
        started_by=actor if actor is not None and actor.is_authenticated else None,
    )


def previous_totals(run: ScoreRun) -> dict[int, float]:
    """The totals of the last run finished before this one (any version): the trend's base."""
    previous = (
        ScoreRun.objects.filter(status=RunStatus.DONE)
        .exclude(pk=run.pk)
        .order_by("-finished_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if previous is None:
        return {}
    return dict(
        PartnerScore.objects.filter(run_id=previous).values_list("organisation_id", "total")
    )


def _category_ranks(scored: list[compute.Scored], categories: dict[int, int]) -> dict[int, int]:
    ranks: dict[int, int] = {}
    seen: dict[int, int] = {}
    for s in sorted(scored, key=lambda s: (-s.total, s.organisation_id)):
        category = categories[s.organisation_id]
        seen[category] = seen.get(category, 0) + 1
        ranks[s.organisation_id] = seen[category]
    return ranks


COLUMNS = [
    "run",
    "organisation",
    "category",
    "region",
    *CODES,
    *(f"{c}_points" for c in CODES),
    "total",
    "category_rank",
    "previous_total",
    "facts",
]


def _rows(run: ScoreRun, figures: compute.Figures, scored, previous) -> list[tuple]:
    """The score rows as tuples in COLUMNS order (100,000 model instances would cost more than
    the insert itself)."""
    reg = figures.registry
    ranks = _category_ranks(scored, reg.category)
    return [
        (
            run.pk,
            s.organisation_id,
            reg.category[s.organisation_id],
            reg.region[s.organisation_id],
            *(s.values[c] for c in CODES),
            *(s.points[c] for c in CODES),
            s.total,
            ranks[s.organisation_id],
            previous.get(s.organisation_id),
            s.facts,
        )
        for s in scored
    ]


def run_execute(run: ScoreRun) -> ScoreRun:
    """Compute and store the scores of `run` (queued); marks it done, or failed with the error."""
    started = time.perf_counter()
    ScoreRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=timezone.now())
    model = run.model
    try:
        priorities = priorities_of(model)
        weights = weights_of(model)
        figures = compute.read_figures(priorities, run.as_of)
        scored = compute.score_all(figures, priorities, weights, run.as_of)
        previous = previous_totals(run)
        rows = _rows(run, figures, scored, previous)
        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                bulk.insert(PartnerScore, COLUMNS, rows[start : start + BATCH])
            run.status = RunStatus.DONE
            run.scored = len(rows)
            run.finished_at = timezone.now()
            run.duration_ms = round((time.perf_counter() - started) * 1000)
            run.snapshot = {"weights": weights, "priorities": priorities.sizes()}
            run.save(update_fields=["status", "scored", "finished_at", "duration_ms", "snapshot"])
    except Exception as exc:
        ScoreRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:2000]
        )
        raise
    return run


def score_partners(
    *, model: ScoringModel | None = None, actor=None, as_of: date | None = None
) -> ScoreRun:
    """Score every organisation now with `model` (the active version when None)."""
    model = model or ScoringModel.objects.get(status=ModelStatus.ACTIVE)
    return run_execute(run_create(model=model, actor=actor, as_of=as_of))


def score_in_background(*, model: ScoringModel, actor=None) -> ScoreRun:
    """Queue a run of `model` and start it as a background task after the commit."""
    from accord.prioritization.tasks import score_task

    run = run_create(model=model, actor=actor)
    transaction.on_commit(lambda: score_task.enqueue(run.pk))
    return run

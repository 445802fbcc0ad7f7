"""Reads of prioritisation: the run the pages show, the ranking with its filters, the what-if
re-ranking, one partner's score, and the model versions.

The ranking is one index range scan on (run, category, region, total). The what-if panel
re-weights the stored per-criterion values in SQL and orders by the weighted sum: nothing is
recomputed from the other apps' tables."""

from dataclasses import dataclass

from django.db.models import F, FloatField, Prefetch, QuerySet, Value, Window
from django.db.models.functions import RowNumber

from accord.accounts.models import Region
from accord.core.fetch import guarded
from accord.core.history import history_for
from accord.prioritization import permissions
from accord.prioritization.criteria import CRITERIA
from accord.prioritization.models import (
    CriterionWeight,
    ModelStatus,
    PartnerScore,
    RunStatus,
    ScoreRun,
    ScoringModel,
)
from accord.strategy.models import PartnerCategory
from accord.strategy.selectors import category_list

ORDER = (F("total").desc(), F("organisation_id").asc())
ROW_FIELDS = (
    "organisation__name",
    "organisation__acronym",
    "organisation__country__name",
    "category__short_name",
    "category__code",
    "region__name",
    "region__code",
)


def active_model() -> ScoringModel | None:
    return ScoringModel.objects.filter(status=ModelStatus.ACTIVE).first()


def current_run() -> ScoreRun | None:
    """The last finished run: the scores the pages show."""
    return (
        ScoreRun.objects.filter(status=RunStatus.DONE)
        .select_related("model")
        .order_by("-finished_at", "-id")
        .first()
    )


def pending_run() -> ScoreRun | None:
    """A run waiting or in progress, if any (the page shows its progress)."""
    return (
        ScoreRun.objects.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING))
        .select_related("model")
        .order_by("-queued_at", "-id")
        .first()
    )


@dataclass
class RankingFilters:
    """`category` a partner category code, `region` a region code; empty for all."""

    category: str = ""
    region: str = ""


def _filter_ids(f: RankingFilters) -> dict:
    lookups = {}
    if f.category:
        category = category_list().filter(code=f.category).values_list("pk", flat=True).first()
        lookups["category_id"] = category or -1
    if f.region:
        region = Region.objects.filter(code=f.region).values_list("pk", flat=True).first()
        lookups["region_id"] = region or -1
    return lookups


def ranking(*, user, run: ScoreRun | None, filters: RankingFilters | None = None) -> QuerySet:
    """The run's scores the user may see, highest total first (ties by organisation id)."""
    if run is None:
        return PartnerScore.objects.none()
    qs = permissions.visible_scores(user).filter(
        run=run, **_filter_ids(filters or RankingFilters())
    )
    return guarded(
        qs.select_related("organisation__country", "category", "region")
        .only(
            "run_id", "organisation_id", "category_id", "region_id", *_score_fields(), *ROW_FIELDS
        )
        .order_by(*ORDER)
    )


def _score_fields() -> list[str]:
    fields = [c.code for c in CRITERIA] + [f"{c.code}_points" for c in CRITERIA]
    return [*fields, "total", "category_rank", "previous_total", "facts"]


def weighted_sum(weights: dict[str, int]):
    """The total under other weights, in SQL: benefits add, the penalty subtracts."""
    expression = Value(0.0, output_field=FloatField())
    for c in CRITERIA:
        term = F(c.code) * Value(float(weights[c.code]), output_field=FloatField())
        expression = expression - term if c.is_penalty else expression + term
    return expression


def what_if(
    *,
    user,
    run: ScoreRun | None,
    filters: RankingFilters | None,
    weights: dict[str, int],
    limit: int = 25,
) -> list[PartnerScore]:
    """The first `limit` partners under `weights` (not saved), each with `what_if_total`, its
    position now (`new_position`) and under the run's weights (`old_position`)."""
    if run is None:
        return []
    qs = permissions.visible_scores(user).filter(
        run=run, **_filter_ids(filters or RankingFilters())
    )
    expression = weighted_sum(weights)
    qs = qs.annotate(
        what_if_total=expression,
        old_position=Window(RowNumber(), order_by=list(ORDER)),
        new_position=Window(RowNumber(), order_by=[expression.desc(), F("organisation_id").asc()]),
    )
    rows = list(
        guarded(
            qs.select_related("organisation__country", "category", "region")
            .only(
                "run_id",
                "organisation_id",
                "category_id",
                "region_id",
                *_score_fields(),
                *ROW_FIELDS,
            )
            .order_by("new_position")[:limit]
        )
    )
    for row in rows:
        row.moved = row.old_position - row.new_position
    return rows


def partner_score(*, user, organisation, run: ScoreRun | None = None) -> dict:
    """One partner's score in the current run (or `run`), with how many partners of its
    category were scored beside it; `score` is None when it was not scored."""
    run = run or current_run()
    score = None
    if run is not None:
        score = (
            permissions.visible_scores(user)
            .filter(run=run, organisation=organisation)
            .select_related("category")
            .first()
        )
    of = 0
    if score is not None:
        of = PartnerScore.objects.filter(run=run, category_id=score.category_id).count()
    return {"run": run, "score": score, "category_size": of}


def model_list() -> QuerySet[ScoringModel]:
    return guarded(
        ScoringModel.objects.select_related("copied_from", "created_by", "activated_by")
        .prefetch_related(Prefetch("weights", CriterionWeight.objects.order_by("id")))
        .order_by("-number")
    )


def model_detail(model: ScoringModel) -> dict:
    """A version's weights (in criteria order), priorities, last runs and history."""
    weights = dict(model.weights.values_list("criterion", "weight"))
    return {
        "weights": [(c, weights.get(c.code)) for c in CRITERIA],
        "outcomes": list(model.priority_outcomes.order_by("code")),
        "flagships": list(model.priority_flagships.order_by("code")),
        "countries": list(model.priority_countries.order_by("name")),
        "runs": list(model.runs.select_related("started_by").order_by("-queued_at", "-id")[:10]),
        "history": list(history_for(model, limit=50)),
    }


def categories() -> QuerySet[PartnerCategory]:
    return category_list()

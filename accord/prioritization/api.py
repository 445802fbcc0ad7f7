"""The prioritization app's REST endpoints (mounted under /api/v1/ by accord/api/api.py): the
ranking of the last computation, one partner's score with its breakdown, and the versions of
the scoring model. Regional focal points see the scores of their region(s) only; another
partner's score answers 404."""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from accord.api.common import Page, Ref, paginate
from accord.prioritization import explain, permissions, selectors
from accord.prioritization.models import ScoringModel

router = Router(tags=["Partner prioritisation"])


class RunOut(Schema):
    id: int
    model_version: int = Field(description="The version number of the scoring model used")
    as_of: date
    finished_at: datetime | None
    scored: int


class PartOut(Schema):
    criterion: str
    label: str
    value: float = Field(description="Normalised to 0–1")
    weight: int | None
    points: float = Field(description="value × weight; negative for the risk penalty")
    level: str
    words: str


class ScoreOut(Schema):
    organisation: Ref
    category: str
    region: str | None
    total: float
    category_rank: int
    previous_total: float | None
    trend: str = Field(description="up, down, same or new (since the previous computation)")
    values: dict[str, float] = Field(description="Each criterion's value, 0–1")
    points: dict[str, float]


class ScoreDetailOut(ScoreOut):
    run: RunOut
    category_size: int
    breakdown: list[PartOut]
    summary: str


class ScorePage(Schema):
    count: int
    page: int
    page_size: int
    run: RunOut | None
    results: list[ScoreOut]


class ScoreQuery(Page):
    category: str = Field("", description="Partner category code, e.g. private_sector")
    region: str = Field("", description="Region code, e.g. AFRICA")


class ModelOut(Schema):
    id: int
    number: int
    name: str
    description: str
    status: str
    copied_from: int | None = Field(description="Version number it was copied from")
    activated_at: datetime | None
    weights: dict[str, int]
    priority_outcomes: list[str]
    priority_flagships: list[str]
    priority_countries: list[str]
    priority_resources: list[str]


def _run_out(run) -> dict | None:
    if run is None:
        return None
    return {
        "id": run.pk,
        "model_version": run.model.number,
        "as_of": run.as_of,
        "finished_at": run.finished_at,
        "scored": run.scored,
    }


def _score_out(s) -> dict:
    codes = [p.code for p in s.parts]
    return {
        "organisation": {"id": s.organisation_id, "name": s.organisation.name},
        "category": s.category.code,
        "region": s.region.code if s.region_id else None,
        "total": s.total,
        "category_rank": s.category_rank,
        "previous_total": s.previous_total,
        "trend": s.trend["direction"],
        "values": {c: getattr(s, c) for c in codes},
        "points": {c: getattr(s, f"{c}_points") for c in codes},
    }


@router.get("/priorities/scores", response=ScorePage, summary="Ranked partner scores")
def score_list(request, filters: Query[ScoreQuery]):
    permissions.require_view(request.auth)
    run = selectors.current_run()
    qs = selectors.ranking(
        user=request.auth,
        run=run,
        filters=selectors.RankingFilters(category=filters.category, region=filters.region),
    )
    data = paginate(qs, filters)
    rows = data.pop("rows")
    for s in rows:
        explain.explain(s, run.snapshot)
    data["run"] = _run_out(run)
    data["results"] = [_score_out(s) for s in rows]
    return data


@router.get(
    "/priorities/scores/{organisation_id}",
    response=ScoreDetailOut,
    summary="One partner's score with its breakdown",
)
def score_read(request, organisation_id: int):
    organisation = permissions.organisation_for(request.auth, organisation_id)
    data = selectors.partner_score(user=request.auth, organisation=organisation)
    s = data["score"]
    if s is None:
        raise Http404
    s.organisation = organisation
    explain.explain(s, data["run"].snapshot)
    parts = [
        {
            "criterion": p.code,
            "label": p.label,
            "value": p.value,
            "weight": p.weight,
            "points": p.points,
            "level": p.level,
            "words": p.words,
        }
        for p in s.parts
    ]
    region = organisation.region
    s.region = region
    return {
        **_score_out(s),
        "run": _run_out(data["run"]),
        "category_size": data["category_size"],
        "breakdown": parts,
        "summary": s.summary,
    }


def _model_out(m: ScoringModel) -> dict:
    return {
        "id": m.pk,
        "number": m.number,
        "name": m.name,
        "description": m.description,
        "status": m.status,
        "copied_from": m.copied_from.number if m.copied_from_id else None,
        "activated_at": m.activated_at,
        "weights": {w.criterion: w.weight for w in m.weights.all()},
        "priority_outcomes": sorted(o.code for o in m.priority_outcomes.all()),
        "priority_flagships": sorted(f.code for f in m.priority_flagships.all()),
        "priority_countries": sorted(c.code for c in m.priority_countries.all()),
        "priority_resources": list(m.priority_resources or []),
    }


@router.get("/priorities/models", response=list[ModelOut], summary="Scoring-model versions")
def model_list(request):
    permissions.require_view(request.auth)
    models = selectors.model_list().prefetch_related(
        "priority_outcomes", "priority_flagships", "priority_countries"
    )
    return [_model_out(m) for m in models]

"""The demonstration scores: one computation of every partner with the active version, once
the other apps' demonstration data (engagements, due diligence, funding, agreements) is loaded.
Idempotent: nothing is computed again when the active version already has a finished run."""

from accord.prioritization import scoring
from accord.prioritization.models import ModelStatus, RunStatus, ScoringModel


def load_demo_scores() -> dict:
    model = ScoringModel.objects.filter(status=ModelStatus.ACTIVE).first()
    if model is None:
        return {"scored": 0}
    if model.runs.filter(status=RunStatus.DONE).exists():
        return {"scored": 0, "already scored": 1}
    run = scoring.score_partners(model=model)
    return {"scored": run.scored}

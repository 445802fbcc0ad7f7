"""Score recomputation as a background task (django.tasks): a full run reads every
organisation's figures and writes a score row for each, too long for a request."""

from django.tasks import task

from accord.prioritization.models import RunStatus, ScoreRun
from accord.prioritization.scoring import run_execute


@task()
def score_task(run_id: int) -> dict:
    run = ScoreRun.objects.select_related("model").filter(pk=run_id).first()
    if run is None or run.status != RunStatus.QUEUED:
        return {}
    run = run_execute(run)
    return {"run": run.pk, "scored": run.scored}

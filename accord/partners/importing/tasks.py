"""The import wizard's long work as background tasks (django.tasks; in production the
database-backed queue of django-tasks-db, whose worker `accord serve` starts beside the web
server). Each task finds its batch and acting user again by id, reports progress on the batch,
and on failure puts the batch back where the user can act on it, with the reason shown."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.tasks import task

from accord.core.errors import PermissionDeniedError
from accord.partners.importing import service
from accord.partners.importing.progress import Progress
from accord.partners.models import ImportBatch

logger = logging.getLogger(__name__)
Status = ImportBatch.Status


def _actor(actor_id: int | None):
    return get_user_model().objects.filter(pk=actor_id).first() if actor_id else None


def _work(batch_id: int, actor_id: int | None, run, working: str, back_to: str) -> dict:
    batch = ImportBatch.objects.filter(pk=batch_id, status=working).first()
    if batch is None:  # already done or cancelled: a repeated delivery does nothing
        return {"batch": batch_id, "skipped": True}
    progress = Progress(batch_id)
    try:
        batch = run(actor=_actor(actor_id), batch=batch, progress=progress)
    except (ValidationError, PermissionDeniedError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        progress.fail(text)
        ImportBatch.objects.filter(pk=batch_id, status=working).update(status=back_to)
        return {"batch": batch_id, "error": text}
    except Exception:
        logger.exception("Import #%s failed", batch_id)
        progress.fail("The import stopped on an unexpected error; nothing was written.")
        ImportBatch.objects.filter(pk=batch_id, status=working).update(status=Status.FAILED)
        raise
    return {"batch": batch_id, "counts": batch.counts}


@task()
def preview_import(batch_id: int, actor_id: int | None) -> dict:
    return _work(batch_id, actor_id, service.import_preview, Status.PREVIEWING, Status.UPLOADED)


@task()
def run_import(batch_id: int, actor_id: int | None) -> dict:
    return _work(batch_id, actor_id, service.import_run, Status.IMPORTING, Status.PREVIEWED)

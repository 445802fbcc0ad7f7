"""Previews and imports run as background tasks in a queue kept in the database: the wizard
hands the batch over, the page shows how far the work has got, a worker (here run by the test,
in production started by `accord serve`) does it, and a failure is explained where the user
can act on it."""

import pytest
from asgiref.local import Local
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.tasks import task_backends
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accord.partners.importing import progress, service
from accord.partners.models import ImportBatch, Organisation
from accord.partners.tests.importing import csv_bytes, upload

pytestmark = pytest.mark.django_db
Status = ImportBatch.Status
ROWS = [
    {"name": "Kisumu Youth Network", "category": "civil_society", "country": "KE"},
    {"name": "Lagos Urban Lab", "category": "knowledge", "country": "NG"},
]


def _reset_task_backends() -> None:
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local()


@pytest.fixture
def database_queue(settings):
    """The production queue (django-tasks-db) instead of the tests' immediate backend."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    _reset_task_backends()
    yield
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _reset_task_backends()


@pytest.fixture
def work_the_queue(monkeypatch):
    """Run the production worker until the queue is empty. (It closes connections between
    tasks, as in production; here that would close the test's own transaction.)"""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_preview_and_import_wait_in_the_queue_until_a_worker_takes_them(
    database_queue, work_the_queue, officer, officer_client
):
    batch = upload(csv_bytes(ROWS), actor=officer)
    batch = service.import_start_preview(actor=officer, batch=batch)
    assert batch.status == Status.PREVIEWING and batch.progress == {"step": "queued"}
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    page = officer_client.get(reverse("partners:import_preview", args=[batch.pk]))
    assert "Waiting for a worker" in page.content.decode()
    assert 'hx-trigger="every 1s"' in page.content.decode()

    work_the_queue()
    batch.refresh_from_db()
    assert batch.status == Status.PREVIEWED and batch.counts["new"] == 2
    polled = officer_client.get(
        reverse("partners:import_progress", args=[batch.pk]), headers={"HX-Request": "true"}
    )
    assert polled["HX-Redirect"] == reverse("partners:import_preview", args=[batch.pk])

    response = officer_client.post(reverse("partners:import_run", args=[batch.pk]))
    assert response.url == reverse("partners:import_detail", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == Status.IMPORTING and not Organisation.objects.exists()
    assert "Importing" in officer_client.get(response.url).content.decode()

    work_the_queue()
    batch.refresh_from_db()
    assert batch.status == Status.IMPORTED and batch.counts["created"] == 2
    assert Organisation.objects.count() == 2
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_work_under_way_cannot_be_started_twice(database_queue, officer):
    batch = service.import_start_preview(actor=officer, batch=upload(csv_bytes(ROWS)))
    with pytest.raises(ValidationError, match="Preview in progress"):
        service.import_start_preview(actor=officer, batch=batch)
    with pytest.raises(ValidationError, match="Preview in progress"):
        service.import_set_mapping(actor=officer, batch=batch, mapping=batch.mapping)
    assert DBTaskResult.objects.count() == 1


def test_a_repeated_delivery_of_a_finished_task_does_nothing(officer):
    batch = service.import_start_run(actor=officer, batch=upload(csv_bytes(ROWS)))
    assert batch.status == Status.IMPORTED
    from accord.partners.importing.tasks import run_import

    assert run_import.call(batch.pk, officer.pk) == {"batch": batch.pk, "skipped": True}
    assert Organisation.objects.count() == 2


def test_a_preview_that_fails_goes_back_to_the_mapping_with_the_reason(officer, officer_client):
    batch = upload(csv_bytes(ROWS), actor=officer)
    # The file's stored mapping no longer fits: say "name" is mapped to nothing.
    ImportBatch.objects.filter(pk=batch.pk).update(
        mapping={"name": "", "category": "category", "country": "country"}
    )
    batch.refresh_from_db()
    batch = service.import_start_preview(actor=officer, batch=batch)
    assert batch.status == Status.UPLOADED
    assert batch.progress["step"] == "failed" and "name" in batch.progress["error"]
    page = officer_client.get(reverse("partners:import_mapping", args=[batch.pk]))
    assert "The last attempt stopped" in page.content.decode()


def test_an_unexpected_error_marks_the_import_failed_and_writes_nothing(officer, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("accord.partners.importing.service.write_organisations", broken)
    batch = upload(csv_bytes(ROWS), actor=officer)
    service.import_start_run(actor=officer, batch=batch)  # the queue keeps the traceback
    batch.refresh_from_db()
    assert batch.status == Status.FAILED and "nothing was written" in batch.progress["error"]
    assert not Organisation.objects.exists()


def test_progress_is_saved_at_most_once_a_second_and_described(officer, monkeypatch):
    batch = upload(csv_bytes(ROWS), actor=officer)
    clock = iter([100.0, 100.2, 100.4, 101.5])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    tracker = progress.Progress(batch.pk)
    tracker.step("matching", total=4000)  # saved (t=100.0)
    tracker.advance(1000)  # t=100.2: not saved
    tracker.advance(1000)  # t=100.4: not saved
    tracker.advance(1000)  # t=101.5: saved
    batch.refresh_from_db()
    assert batch.progress == {"step": "matching", "done": 3000, "total": 4000}
    assert progress.describe(batch.progress) == (
        "Checking rows against the registry: 3,000 of 4,000 rows"
    )
    assert progress.percent(batch.progress) == 75

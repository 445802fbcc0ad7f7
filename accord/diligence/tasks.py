"""Screening as background tasks (django.tasks): a large import's organisations, and the whole
registry after a new list version is loaded."""

from django.tasks import task

from accord.diligence.screening import service


@task()
def screen_task(kind: str, ids: list[int], trigger: str) -> dict:
    run = service.screen(kind, ids, trigger=trigger)
    return run.counts if run else {}


@task()
def screen_everyone_task(trigger: str) -> dict:
    run = service.screen_everyone(trigger=trigger)
    return run.counts if run else {}

"""Screening follows the registry and the lists: an organisation or contact created, or whose
names changed, is screened at once (a few at a time, after their transaction commits; many, as
from an import, in the background); a new list version rescreens everyone in the background."""

from accord.diligence.models import ScreeningTrigger
from accord.diligence.screening import service

# Up to this many records are screened in the request that changed them (each takes a few
# milliseconds); more go to the task queue.
INLINE_LIMIT = 20


def _screen(kind: str, ids: list[int], created: bool) -> None:
    from accord.diligence.tasks import screen_task

    trigger = ScreeningTrigger.CREATED if created else ScreeningTrigger.CHANGED
    if len(ids) <= INLINE_LIMIT:
        service.screen(kind, ids, trigger=trigger)
    else:
        screen_task.enqueue(kind, ids, trigger)


def organisations_changed(sender, ids, created, **kwargs) -> None:
    _screen("organisation", ids, created)


def contacts_changed(sender, ids, created, **kwargs) -> None:
    _screen("contact", ids, created)


def list_version_loaded(sender, version, **kwargs) -> None:
    from accord.diligence.tasks import screen_everyone_task

    screen_everyone_task.enqueue(ScreeningTrigger.NEW_VERSION)

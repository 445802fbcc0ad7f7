"""Screening partners and keeping the results.

`screen(kind, ids, trigger)` screens organisations or contacts against the current versions
of the active lists and records what it finds as `ScreeningHit`s: a new match is an open hit;
an open hit found again is refreshed (score, explanation, list version); a confirmed hit stays;
a false positive is not raised again for the same entry and list version unless the screened
names changed; an open hit that no longer matches (names changed, entry delisted) is closed as
"no longer matches". `screen_everyone(trigger)` does it for the whole registry, a chunk at a
time (progress on the run), as a background task after a new list version is loaded."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accord.diligence.models import HitStatus, ScreeningHit, ScreeningRun, ScreeningTrigger
from accord.diligence.screening import scoring, subjects
from accord.diligence.screening.engine import Found, screen_names
from accord.diligence.screening.index import ListIndex, get_index

KINDS = ("organisation", "contact")


def _existing(kind: str, ids: list[int]) -> dict[tuple[int, int], list[ScreeningHit]]:
    """The hits of these subjects by (subject id, entry id), newest last."""
    column = f"{kind}_id"
    found: dict[tuple[int, int], list[ScreeningHit]] = {}
    for hit in ScreeningHit.objects.filter(**{f"{column}__in": ids}).order_by("id"):
        found.setdefault((getattr(hit, column), hit.entry_id), []).append(hit)
    return found


def _refresh(hit: ScreeningHit, found: Found, subject, version_id: int, run) -> None:
    hit.score = Decimal(str(found.score))
    hit.explanation = found.reasons
    hit.screened_name = found.screened_name[:500]
    hit.entry_name_id = found.name_id
    hit.version_id = version_id
    hit.names_fingerprint = subject.fingerprint
    hit.run = run


def _decide(subject, found: Found, previous: list[ScreeningHit], version_id: int, run):
    """(hit to create, hit to refresh) for one match of one subject."""
    latest = previous[-1] if previous else None
    if latest is not None and latest.status == HitStatus.OPEN:
        _refresh(latest, found, subject, version_id, run)
        return None, latest
    if latest is not None and latest.status == HitStatus.CONFIRMED:
        return None, None
    if (
        latest is not None
        and latest.status == HitStatus.FALSE_POSITIVE
        and latest.version_id == version_id
        and latest.names_fingerprint == subject.fingerprint
    ):
        return None, None
    hit = ScreeningHit(**{f"{subject.kind}_id": subject.id}, entry_id=found.entry_id)
    _refresh(hit, found, subject, version_id, run)
    return hit, None


def screen_subjects(
    kind: str, batch: list, *, index: ListIndex, run: ScreeningRun | None, w: dict, minimum: float
) -> dict:
    """Screen and record one chunk of subjects; returns the counts."""
    existing = _existing(kind, [s.id for s in batch])
    new, refreshed, still_matching = [], [], set()
    for subject in batch:
        for found in screen_names(
            index, list(subject.names), kind=subject.screened_as,
            countries=set(subject.countries), minimum=minimum, w=w,
        ):
            still_matching.add((subject.id, found.entry_id))
            version_id = index.entry_version[found.entry_id]
            previous = existing.get((subject.id, found.entry_id), [])
            created, updated = _decide(subject, found, previous, version_id, run)
            if created is not None:
                new.append(created)
            if updated is not None:
                refreshed.append(updated)
    stale = [
        hits[-1].pk
        for key, hits in existing.items()
        if key not in still_matching and hits[-1].status == HitStatus.OPEN
    ]
    with transaction.atomic():
        ScreeningHit.objects.bulk_create(new, batch_size=500)
        ScreeningHit.objects.bulk_update(
            refreshed,
            ["score", "explanation", "screened_name", "entry_name", "version",
             "names_fingerprint", "run", "updated_at"],
            batch_size=500,
        )
        ScreeningHit.objects.filter(pk__in=stale).update(
            status=HitStatus.CLEARED, updated_at=timezone.now(),
            reason="No longer matches: the names changed or the entry was delisted.",
        )
    return {"screened": len(batch), "new": len(new), "refreshed": len(refreshed),
            "cleared": len(stale)}


def _start_run(index: ListIndex, trigger: str, actor) -> ScreeningRun:
    return ScreeningRun.objects.create(
        trigger=trigger,
        version_id=max(index.versions.values()),
        started_by=actor if actor is not None and actor.is_authenticated else None,
    )


def _finish(run: ScreeningRun, counts: dict) -> ScreeningRun:
    run.counts, run.finished_at = counts, timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


def _screen_chunks(kind, ids, *, index, run, on_chunk=None) -> dict:
    w, minimum = scoring.weights(), scoring.threshold()
    totals: dict[str, int] = {}
    for start in range(0, len(ids), subjects.CHUNK):
        batch = subjects.load(kind, ids[start : start + subjects.CHUNK])
        counts = screen_subjects(kind, batch, index=index, run=run, w=w, minimum=minimum)
        for key, value in counts.items():
            totals[f"{kind}s_{key}"] = totals.get(f"{kind}s_{key}", 0) + value
        if on_chunk is not None:
            on_chunk(len(batch))
    return totals


def screen(kind: str, ids: list[int], *, trigger: str, actor=None) -> ScreeningRun | None:
    """Screen these organisations or contacts; None when no list is loaded."""
    index = get_index()
    if not index.versions:
        return None
    run = _start_run(index, trigger, actor)
    return _finish(run, _screen_chunks(kind, ids, index=index, run=run))


def screen_everyone(
    *, trigger: str = ScreeningTrigger.ON_DEMAND, actor=None
) -> ScreeningRun | None:
    """Every organisation and contact of the registry, with progress on the run."""
    index = get_index()
    if not index.versions:
        return None
    run = _start_run(index, trigger, actor)
    ids = {kind: subjects.all_ids(kind) for kind in KINDS}
    total, done = sum(len(v) for v in ids.values()), 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        ScreeningRun.objects.filter(pk=run.pk).update(progress={"done": done, "total": total})

    counts: dict[str, int] = {}
    for kind in KINDS:
        counts |= _screen_chunks(kind, ids[kind], index=index, run=run, on_chunk=advance)
    return _finish(run, counts)

"""How far a background preview or import has got, for the page that shows it.

The expensive part of an import — reading the file and matching every row against the
registry — runs outside any transaction, so each progress update commits at once and the page
(another process, another server) sees it; the writing itself is one transaction. Updates are
throttled: at most one UPDATE a second, however many rows go by."""

import time

from accord.partners.models import ImportBatch

STEPS = {
    "queued": "Waiting for a worker",
    "reading": "Reading the file",
    "matching": "Checking rows against the registry",
    "writing": "Writing to the registry",
    "done": "Done",
    "failed": "Stopped",
}
INTERVAL_SECONDS = 1.0


class Progress:
    """Progress of one batch, saved to `ImportBatch.progress`; `Progress(None)` saves nothing
    (the command line and unsaved dry runs)."""

    def __init__(self, batch_id: int | None) -> None:
        self.batch_id = batch_id
        self.state: dict = {}
        self._saved_at = 0.0

    def step(self, name: str, total: int = 0) -> None:
        self.state = {"step": name, "done": 0, "total": total}
        self._save(time.monotonic())

    def advance(self, count: int = 1) -> None:
        self.state["done"] = self.state.get("done", 0) + count
        now = time.monotonic()
        if now - self._saved_at >= INTERVAL_SECONDS:
            self._save(now)

    def fail(self, error: str) -> None:
        self.state = {**self.state, "step": "failed", "error": error}
        self._save(time.monotonic())

    def _save(self, now: float) -> None:
        if self.batch_id is None:
            return
        self._saved_at = now
        ImportBatch.objects.filter(pk=self.batch_id).update(progress=self.state)


NO_PROGRESS = Progress(None)


def describe(progress: dict) -> str:
    """“Checking rows against the registry: 12,000 of 100,000” for the page."""
    label = STEPS.get(progress.get("step", "queued"), "Working")
    total, done = progress.get("total") or 0, progress.get("done") or 0
    return f"{label}: {done:,} of {total:,} rows" if total else label


def percent(progress: dict) -> int:
    total = progress.get("total") or 0
    return min(100, int(100 * (progress.get("done") or 0) / total)) if total else 0

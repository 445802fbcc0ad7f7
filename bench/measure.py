"""Timing and the result records of bench/results.json.

Each result is {"name", "value", "unit", "baseline", "ratio", "target", "met"}: `baseline` is
the same work in raw SQL (or a plain Django view) measured in the same run, `ratio` is
value / baseline, `target` is a condition such as "value <= 50" or "ratio >= 0.8" (None when
the figure is informational), and `met` says whether it holds."""

import gc
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "300"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "30"))


class Skip(Exception):  # noqa: N818 - reads as "skip: reason" in the report
    """A benchmark whose prerequisites are missing (say, a page not written yet)."""


def percentile(values_ns: Sequence[int], pct: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    ordered = sorted(values_ns)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1] / 1e6


def latencies(
    call: Callable[[Any], Any],
    params: Sequence[Any],
    *,
    iterations: int = ITERATIONS,
    warmup: int = WARMUP,
) -> list[int]:
    """Call `call(param)` for the params in turn: `warmup` untimed calls, then `iterations`
    timed ones; returns the durations in nanoseconds."""
    for i in range(warmup):
        call(params[i % len(params)])
    gc.collect()
    durations = []
    clock = time.perf_counter_ns
    for i in range(iterations):
        param = params[i % len(params)]
        start = clock()
        call(param)
        durations.append(clock() - start)
    return durations


def count_queries(call: Callable[[], Any]) -> int:
    """SQL queries run by `call()` (the log is emptied first: Django also empties it when a
    request starts, which would otherwise hide queries from CaptureQueriesContext)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def _holds(target: str, value: float, ratio: float | None) -> bool | None:
    field, op, number = target.split()
    subject = {"value": value, "ratio": ratio}[field]
    if subject is None:
        return None
    limit = float(number)
    return subject <= limit if op == "<=" else subject >= limit


def result(
    name: str,
    value: float,
    unit: str,
    *,
    baseline: float | None = None,
    target: str | None = None,
) -> dict:
    ratio = None
    if baseline not in (None, 0):
        ratio = round(value / baseline, 3)
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 3),
        "ratio": ratio,
        "target": target,
        "met": _holds(target, value, ratio) if target else None,
    }


def latency_results(
    prefix: str,
    durations: list[int],
    baseline: list[int] | None,
    *,
    target_p95_ms: float,
    queries: int | None = None,
    baseline_queries: int | None = None,
) -> list[dict]:
    """median and p95 latency (ms, lower is better) and the SQL query count of one page."""
    out = [
        result(
            f"{prefix}.median_ms",
            percentile(durations, 50),
            "ms (lower is better)",
            baseline=percentile(baseline, 50) if baseline else None,
        ),
        result(
            f"{prefix}.p95_ms",
            percentile(durations, 95),
            "ms (lower is better)",
            baseline=percentile(baseline, 95) if baseline else None,
            target=f"value <= {target_p95_ms:g}",
        ),
    ]
    if queries is not None:
        out.append(
            result(
                f"{prefix}.queries", queries, "SQL queries per request", baseline=baseline_queries
            )
        )
    return out

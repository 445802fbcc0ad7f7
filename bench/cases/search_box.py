"""The search box: accord.partners.selectors.organisation_search for the officer, against the
same lookup in SQL on the token index (bench/cases/raw.py)."""

from bench.cases import raw
from bench.cases.context import Context
from bench.measure import Skip, count_queries, latencies, latency_results


def search_box(ctx: Context) -> list[dict]:
    try:
        from accord.partners.selectors import organisation_search
    except ImportError as exc:
        raise Skip("accord.partners.selectors.organisation_search does not exist yet") from exc

    def search(q: str):
        return organisation_search(user=ctx.officer, q=q, limit=10)

    found = search(ctx.search_queries[0])
    queries = count_queries(lambda: search(ctx.search_queries[0]))
    if not found:
        raise RuntimeError(f"the search box found nothing for {ctx.search_queries[0]!r}")
    timed = latencies(search, ctx.search_queries)
    baseline = latencies(raw.search_rows, ctx.search_queries)
    return latency_results(
        f"{ctx.db}.search",
        timed,
        baseline,
        target_p95_ms=10,
        queries=queries,
        baseline_queries=2,
    )

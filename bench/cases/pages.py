"""The partner list and organisation pages through django.test.Client: the officer's session,
the full middleware stack, the view, the selector and the template. Baseline: the same rows
by hand-written SQL (bench/cases/raw.py)."""

from django.urls import NoReverseMatch, reverse

from accord.strategy.models import PartnerCategory
from bench.cases import raw
from bench.cases.context import Context
from bench.measure import Skip, count_queries, latencies, latency_results


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch as exc:
        raise Skip(f"no URL named {name!r} yet") from exc


def _checked_get(ctx: Context, url: str, params: dict | None = None):
    response = ctx.client.get(url, params or {})
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} {params or ''} answered {response.status_code}")
    return response


def _query_count(ctx: Context, url: str, params: dict | None = None) -> int:
    return count_queries(lambda: _checked_get(ctx, url, params))


def list_page(ctx: Context) -> list[dict]:
    url = _url("partners:list")
    for params in ctx.list_params:  # every variant answers 200 before timing
        _checked_get(ctx, url, params)
    queries = _query_count(ctx, url, ctx.list_params[0])
    timed = latencies(lambda params: ctx.client.get(url, params), ctx.list_params)
    category_ids = dict(PartnerCategory.objects.values_list("code", "id"))
    raw_params = [(category_ids[p["category"]], p["sort"], p["q"]) for p in ctx.list_params]
    baseline = latencies(lambda args: raw.list_rows(*args), raw_params)
    return latency_results(
        f"{ctx.db}.list_page",
        timed,
        baseline,
        target_p95_ms=50,
        queries=queries,
        baseline_queries=2,
    )


def detail_page(ctx: Context) -> list[dict]:
    urls = [_url("partners:detail", pk) for pk in ctx.detail_pks]
    for url in urls:
        _checked_get(ctx, url)
    queries = _query_count(ctx, urls[0])
    timed = latencies(ctx.client.get, urls)
    baseline = latencies(raw.detail_rows, ctx.detail_pks)
    return latency_results(
        f"{ctx.db}.detail_page",
        timed,
        baseline,
        target_p95_ms=80,
        queries=queries,
        baseline_queries=len(raw.DETAIL_QUERIES),
    )

"""API list endpoint against a plain Django view returning the same rows (bench/views.py):
throughput of each through django.test.Client, one request at a time, the two alternating
request by request so drift affects both alike."""

import gc
import json
import time

from django.urls import reverse

from bench.cases.context import Context
from bench.measure import (
    ITERATIONS,
    WARMUP,
    Skip,
    count_queries,
    latencies,
    percentile,
    result,
)

API_URL = "/api/v1/organisations"


def _get(ctx: Context, url: str, params: dict) -> dict:
    response = ctx.client.get(url, params)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} {params} answered {response.status_code}")
    return json.loads(response.content)


def _paired_throughput(ctx: Context, urls: tuple[str, str], params: list[dict], n: int):
    """Requests/s of each URL, requesting them alternately with the same parameters so that
    any drift of the machine (another process, a GC pause) falls on both alike."""
    get, clock = ctx.client.get, time.perf_counter_ns
    spent = [0, 0]
    for i in range(n):
        p = params[i % len(params)]
        for side in (i % 2, 1 - i % 2):  # alternate which goes first
            start = clock()
            get(urls[side], p)
            spent[side] += clock() - start
    return [n / (ns / 1e9) for ns in spent]


def api_list(ctx: Context) -> list[dict]:
    plain_url = reverse("bench_plain_list")
    params = ctx.list_params
    if ctx.client.get(API_URL, params[0]).status_code == 404:
        raise Skip(f"{API_URL} does not exist yet")
    for p in params:  # both answer, with the same rows
        api, plain = _get(ctx, API_URL, p), _get(ctx, plain_url, p)
        if [r["id"] for r in api["results"]] != [r["id"] for r in plain["results"]]:
            raise RuntimeError(f"the API and the plain view disagree for {p}")
    api_queries = count_queries(lambda: _get(ctx, API_URL, params[0]))
    plain_queries = count_queries(lambda: _get(ctx, plain_url, params[0]))
    _paired_throughput(ctx, (API_URL, plain_url), params, WARMUP)
    gc.collect()
    api_rps, plain_rps = _paired_throughput(ctx, (API_URL, plain_url), params, ITERATIONS)
    api_ns = latencies(lambda p: ctx.client.get(API_URL, p), params, warmup=0)
    plain_ns = latencies(lambda p: ctx.client.get(plain_url, p), params, warmup=0)
    return [
        result(
            f"{ctx.db}.api_list.rps",
            api_rps,
            "requests/s, GET /api/v1/organisations?category&sort&q, 25 rows; baseline the "
            "plain Django view of the same rows (higher is better)",
            baseline=plain_rps,
            target="ratio >= 0.8",
        ),
        result(
            f"{ctx.db}.api_list.p95_ms",
            percentile(api_ns, 95),
            "ms (lower is better); baseline the plain view",
            baseline=percentile(plain_ns, 95),
        ),
        result(
            f"{ctx.db}.api_list.queries",
            api_queries,
            "SQL queries per request; baseline the plain view",
            baseline=plain_queries,
        ),
    ]

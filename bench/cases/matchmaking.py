"""One partner's suggested connections at the design scale (100,000 organisations), through
django.test.Client as the partnerships officer: `GET /api/v1/matches/partners/<pk>/suggestions`
(the ten best, with reasons) for 30 partners who fund and 30 who implement, sampled with a
fixed seed.

Baseline: the candidate lookups alone in raw SQL on the same indexes (partners sharing the
partner's outcomes ranked by how many, partners of its country, partners tied to its own
partners), without loading profiles, scoring or the response; the ratio shows what profiles,
scoring in Python and the API add to them."""

import random

from django.db import connection

from accord.partners.models import Organisation
from accord.prioritization.matchmaking.profiles import FUNDER, IMPLEMENTER, category_ids, opposite
from accord.prioritization.matchmaking.suggestions import BY_COUNTRY, BY_OUTCOME, BY_TIES
from bench.cases.context import Context
from bench.cases.pages import _checked_get, _query_count
from bench.measure import Skip, latencies, latency_results

PER_SIDE = 30
URL = "/api/v1/matches/partners/{pk}/suggestions"

CANDIDATE_SQL = [
    "SELECT o.id, COUNT(*) AS shared FROM partners_organisation_outcomes t"
    " JOIN partners_organisation o ON o.id = t.organisation_id"
    " WHERE t.outcome_id IN (SELECT outcome_id FROM partners_organisation_outcomes"
    "  WHERE organisation_id = %(org)s)"
    " AND o.category_id IN ({categories}) AND o.archived_at IS NULL AND o.id <> %(org)s"
    " GROUP BY o.id ORDER BY shared DESC, o.id LIMIT " + str(BY_OUTCOME),
    "SELECT o.id FROM partners_organisation o WHERE o.country_id = %(country)s"
    " AND o.category_id IN ({categories}) AND o.archived_at IS NULL AND o.id <> %(org)s"
    " ORDER BY o.country_id, o.sort_name LIMIT " + str(BY_COUNTRY[0]),
    "SELECT r2.target_id FROM partners_relationship r1"
    " JOIN partners_relationship r2 ON r2.source_id = r1.target_id"
    " JOIN partners_organisation o ON o.id = r2.target_id"
    " WHERE r1.source_id = %(org)s AND o.category_id IN ({categories})"
    " AND o.archived_at IS NULL AND o.id <> %(org)s LIMIT " + str(BY_TIES),
]


def _sample() -> list[dict]:
    """30 partners of each side (fixed seed), each with its country and the categories of the
    other side (for the raw baseline)."""
    rng = random.Random(7)
    params = []
    for side in (FUNDER, IMPLEMENTER):
        ids = list(
            Organisation.objects.filter(category_id__in=category_ids(side), archived_at=None)
            .order_by("id")
            .values_list("id", "country_id")
        )
        if not ids:
            raise Skip(f"no {side} in the data set")
        others = ",".join(str(pk) for pk in category_ids(opposite(side)))
        for pk, country in rng.sample(ids, min(PER_SIDE, len(ids))):
            params.append({"org": pk, "country": country, "categories": others})
    return params


def raw_candidates(params: dict) -> list:
    out = []
    with connection.cursor() as cursor:
        for sql in CANDIDATE_SQL:
            cursor.execute(sql.format(categories=params["categories"]), params)
            out.append(cursor.fetchall())
    return out


def match_suggestions(ctx: Context) -> list[dict]:
    params = _sample()
    urls = [URL.format(pk=p["org"]) for p in params]
    for url in urls:
        _checked_get(ctx, url)
    queries = _query_count(ctx, urls[0])
    timed = latencies(ctx.client.get, urls)
    baseline = latencies(raw_candidates, params)
    return latency_results(
        f"{ctx.db}.match_suggestions",
        timed,
        baseline,
        target_p95_ms=500,
        queries=queries,
        baseline_queries=len(CANDIDATE_SQL),
    )

"""Partner prioritisation at the design scale (100,000 organisations, 2,000,000 engagements,
200,000 opportunities, pledges and contributions, 20,000 agreements).

`prioritization_scoring`: scoring every organisation with the active version and storing the
score rows (target: under 30 s on SQLite), beside the same aggregates read in raw SQL (the
figures only: no computation, no writes). `ranking_page`: the ranking page through
django.test.Client as the partnerships officer, per partner category, with a region or on a
later page (target: p95 under 200 ms), beside the page's reads in raw SQL (the run, the count
and one page of rows with the partner's name, country, category and region)."""

import time
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from accord.accounts.models import Region
from accord.agreements.models import Agreement, AgreementParty
from accord.diligence.models import DiligenceReview, ScreeningHit
from accord.engagement.models import BodyMembership, EngagementPartner
from accord.funding.models import Contribution, Opportunity, Pledge, Stage
from accord.partners.models import Contact, Organisation, Relationship
from accord.prioritization import inputs, scoring
from accord.prioritization.models import ModelStatus, PartnerScore, ScoringModel
from accord.strategy.models import PartnerCategory
from bench.cases.context import Context
from bench.cases.pages import _checked_get, _query_count, _url
from bench.measure import latencies, latency_results, result

SCORING_TARGET_S = 30


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _in(ids) -> str:
    return ", ".join(str(int(i)) for i in ids) or "NULL"


def raw_statements(model: ScoringModel, as_of) -> list[tuple[str, list]]:
    """The figures scoring reads, each as one raw SQL statement."""
    outcomes = _in(model.priority_outcomes.values_list("id", flat=True))
    since = as_of - timedelta(days=inputs.FREQUENCY_DAYS)
    org, ep = _t(Organisation), _t(EngagementPartner)
    org_outcomes = _t(Organisation.outcomes.through)
    return [
        (
            f"SELECT id, category_id, region_id, country_id, resources_offered FROM {org}"
            " WHERE archived_at IS NULL ORDER BY id",
            [],
        ),
        (
            f"SELECT organisation_id, COUNT(DISTINCT outcome_id) FROM {org_outcomes}"
            f" WHERE outcome_id IN ({outcomes}) GROUP BY organisation_id",
            [],
        ),
        inputs.places_sql(
            set(model.priority_flagships.values_list("id", flat=True)),
            set(model.priority_countries.values_list("code", flat=True)),
        ),
        (
            f"SELECT organisation_id, SUM(amount_usd) FROM {_t(Contribution)}"
            " GROUP BY organisation_id",
            [],
        ),
        (
            f"SELECT organisation_id, SUM(amount_usd) FROM {_t(Pledge)}"
            " WHERE status <> 'cancelled' GROUP BY organisation_id",
            [],
        ),
        (
            f"SELECT x.organisation_id, SUM(x.amount_usd * x.probability) FROM {_t(Opportunity)} x"
            f" JOIN {_t(Stage)} s ON s.id = x.stage_id WHERE s.kind = 'open'"
            " GROUP BY x.organisation_id",
            [],
        ),
        inputs.network_degree_sql(),
        (
            f"SELECT organisation_id, COUNT(DISTINCT body_id) FROM {_t(BodyMembership)}"
            " WHERE (term_start IS NULL OR term_start <= %s)"
            " AND (term_end IS NULL OR term_end >= %s) GROUP BY organisation_id",
            [as_of, as_of],
        ),
        (
            f"SELECT source_id, COUNT(*) FROM {_t(Relationship)} WHERE kind = 'member_of'"
            " AND (until IS NULL OR until >= %s) GROUP BY source_id",
            [as_of],
        ),
        (
            f"SELECT organisation_id, MAX(start_date),"
            " SUM(CASE WHEN start_date > %s THEN 1 ELSE 0 END)"
            f" FROM {ep} WHERE status = 'held' AND start_date <= %s GROUP BY organisation_id",
            [since, as_of],
        ),
        (
            f"SELECT p.organisation_id, COUNT(DISTINCT p.agreement_id) FROM {_t(AgreementParty)} p"
            f" JOIN {_t(Agreement)} a ON a.id = p.agreement_id"
            " WHERE a.status IN ('signed', 'active') GROUP BY p.organisation_id",
            [],
        ),
        (
            f"SELECT h.organisation_id, c.organisation_id, h.status FROM {_t(ScreeningHit)} h"
            f" LEFT JOIN {_t(Contact)} c ON c.id = h.contact_id"
            " WHERE h.status IN ('open', 'confirmed')"
            " AND (h.organisation_id IS NOT NULL OR c.archived_at IS NULL)",
            [],
        ),
        (
            f"SELECT organisation_id, status, risk_rating, valid_until FROM {_t(DiligenceReview)}"
            " WHERE status IN ('approved', 'conditional', 'rejected')"
            " ORDER BY organisation_id, decided_at DESC, id DESC",
            [],
        ),
    ]


def _raw_seconds(statements) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    return time.perf_counter() - started


def prioritization_scoring(ctx: Context) -> list[dict]:
    model = ScoringModel.objects.get(status=ModelStatus.ACTIVE)
    as_of = timezone.localdate()
    statements = raw_statements(model, as_of)
    _raw_seconds(statements)  # warm the page cache as the timed run will find it
    baseline = _raw_seconds(statements)
    started = time.perf_counter()
    run = scoring.score_partners(model=model, as_of=as_of)
    seconds = time.perf_counter() - started
    return [
        result(
            f"{ctx.db}.prioritization_scoring.seconds",
            seconds,
            f"s to score and store {run.scored:,} organisations (lower is better)",
            baseline=baseline,
            target=f"value <= {SCORING_TARGET_S}",
        ),
    ]


def _ranking_params() -> list[dict]:
    categories = list(PartnerCategory.objects.order_by("number").values_list("code", flat=True))
    regions = list(Region.objects.order_by("code").values_list("code", flat=True))
    params = []
    for i, code in enumerate(categories):
        params.append({"category": code})
        params.append({"category": code, "region": regions[i % len(regions)]})
        params.append({"category": code, "page": 3})
    return params


RANK_COUNT = "SELECT COUNT(*) FROM {score} WHERE run_id = %s AND category_id = %s{region}"
RANK_ROWS = (
    "SELECT s.id, s.organisation_id, s.category_id, s.region_id, s.alignment, s.resources,"
    " s.reach, s.relationship, s.risk, s.alignment_points, s.resources_points,"
    " s.reach_points, s.relationship_points, s.risk_points, s.total, s.category_rank,"
    " s.previous_total, s.facts, o.name, o.acronym, c.name, k.short_name, k.code, r.name, r.code"
    " FROM {score} s JOIN {org} o ON o.id = s.organisation_id"
    " LEFT JOIN accounts_country c ON c.code = o.country_id"
    " JOIN strategy_partnercategory k ON k.id = s.category_id"
    " LEFT JOIN accounts_region r ON r.id = s.region_id"
    " WHERE s.run_id = %s AND s.category_id = %s{region}"
    " ORDER BY s.total DESC, s.organisation_id LIMIT 25 OFFSET %s"
)
RANK_RUN = (
    "SELECT r.id, r.snapshot, m.number, m.name FROM prioritization_scorerun r"
    " JOIN prioritization_scoringmodel m ON m.id = r.model_id WHERE r.status = 'done'"
    " ORDER BY r.finished_at DESC, r.id DESC LIMIT 1"
)


def raw_ranking(args: tuple) -> list:
    category_id, region_id, page = args
    score, org = _t(PartnerScore), _t(Organisation)
    with connection.cursor() as cursor:
        cursor.execute(RANK_RUN)
        run_id = cursor.fetchone()[0]
        where = [run_id, category_id, *([region_id] if region_id else [])]
        region = " AND region_id = %s" if region_id else ""
        cursor.execute(RANK_COUNT.format(score=score, region=region), where)
        region = " AND s.region_id = %s" if region_id else ""
        count = cursor.fetchone()
        cursor.execute(
            RANK_ROWS.format(score=score, org=org, region=region), [*where, (page - 1) * 25]
        )
        return [count, cursor.fetchall()]


def ranking_page(ctx: Context) -> list[dict]:
    if not PartnerScore.objects.exists():
        scoring.score_partners()
    url = _url("prioritization:ranking")
    params = _ranking_params()
    for p in params:
        _checked_get(ctx, url, p)
    queries = _query_count(ctx, url, params[0])
    timed = latencies(lambda p: ctx.client.get(url, p), params)
    categories = dict(PartnerCategory.objects.values_list("code", "id"))
    regions = dict(Region.objects.values_list("code", "id"))
    raw_args = [
        (categories[p["category"]], regions.get(p.get("region")), p.get("page", 1)) for p in params
    ]
    baseline = latencies(raw_ranking, raw_args)
    return latency_results(
        f"{ctx.db}.ranking_page",
        timed,
        baseline,
        target_p95_ms=200,
        queries=queries,
        baseline_queries=3,
    )

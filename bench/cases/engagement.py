"""The strategy scorecard and a partner's engagement timeline at the design scale (2,000,000
engagements), through django.test.Client as the partnerships officer.

The scorecard aggregates every engagement of the period; the page reads the figures from the
shared snapshot the first request of the day (or after a change) computes (see
accord/engagement/scorecard.py). Figures: the page as users get it (`scorecard_page`, cycling
through five periods, snapshots in place after the warm-up), and the page when every request
has to recompute (`scorecard_cold`, fewer iterations), each against the same aggregates in raw
SQL. The timeline page: the partner, its summary, health, who engaged it, and a page of ten
engagements, against the same reads in raw SQL."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from accord.engagement.models import EngagementPartner, ScorecardSnapshot
from bench.cases.context import Context
from bench.cases.pages import _checked_get, _query_count, _url
from bench.measure import Skip, latencies, latency_results, result

COLD_ITERATIONS = 20


def _periods() -> list[dict]:
    today = timezone.localdate()
    periods = [{}]
    for days in (90, 180, 730):
        periods.append({"date_from": (today - timedelta(days=days)).isoformat()})
    periods.append({"date_from": f"{today.year - 1}-01-01", "date_to": f"{today.year - 1}-12-31"})
    return periods


def _raw_period(params: dict) -> tuple:
    today = timezone.localdate()
    start = params.get("date_from") or (today - timedelta(days=364)).isoformat()
    return start, params.get("date_to") or today.isoformat(), today.isoformat()


SCORECARD_SQL = [
    # lines with their last engagement held
    "SELECT s.id, s.number, s.text, c.id, c.number, c.code, c.short_name,"
    " (SELECT l.start_date FROM engagement_engagementstrategyline l WHERE l.strategy_id = s.id"
    "  AND l.status = 'held' AND l.start_date <= %(today)s ORDER BY l.start_date DESC LIMIT 1)"
    " FROM strategy_engagementstrategy s JOIN strategy_partnercategory c ON c.id = s.category_id"
    " ORDER BY c.number, s.number",
    # engagements and partners per line, then per category
    "SELECT l.strategy_id, COUNT(DISTINCT l.engagement_id), COUNT(DISTINCT p.organisation_id)"
    " FROM engagement_engagementstrategyline l"
    " JOIN engagement_engagementpartner p ON p.engagement_id = l.engagement_id"
    " WHERE l.start_date >= %(start)s AND l.start_date <= %(end)s"
    " AND l.status IN ('held', 'planned') GROUP BY l.strategy_id",
    "SELECT s.category_id, COUNT(DISTINCT l.engagement_id), COUNT(DISTINCT p.organisation_id)"
    " FROM engagement_engagementstrategyline l"
    " JOIN strategy_engagementstrategy s ON s.id = l.strategy_id"
    " JOIN engagement_engagementpartner p ON p.engagement_id = l.engagement_id"
    " WHERE l.start_date >= %(start)s AND l.start_date <= %(end)s"
    " AND l.status IN ('held', 'planned') GROUP BY s.category_id",
    # open and overdue plan actions per line and per category
    "SELECT t.engagementstrategy_id, COUNT(*), SUM(CASE WHEN a.due_date < %(today)s THEN 1"
    " ELSE 0 END) FROM engagement_planaction_strategies t"
    " JOIN engagement_planaction a ON a.id = t.planaction_id"
    " WHERE a.status IN ('planned', 'in_progress') GROUP BY t.engagementstrategy_id",
    "SELECT a.category_id, COUNT(*), SUM(CASE WHEN a.due_date < %(today)s THEN 1 ELSE 0 END)"
    " FROM engagement_planaction a WHERE a.status IN ('planned', 'in_progress')"
    " GROUP BY a.category_id",
]


def run_all(statements: list[str], args: dict) -> list:
    out = []
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, args)
            out.append(cursor.fetchall())
    return out


def raw_scorecard(period: tuple) -> list:
    start, end, today = period
    return run_all(SCORECARD_SQL, {"start": start, "end": end, "today": today})


def scorecard_page(ctx: Context) -> list[dict]:
    url = _url("engagement:scorecard")
    if not EngagementPartner.objects.exists():
        raise Skip("no engagements in the data set")
    periods = _periods()
    ScorecardSnapshot.objects.all().delete()
    for params in periods:
        _checked_get(ctx, url, params)
    queries = _query_count(ctx, url, periods[0])
    timed = latencies(lambda params: ctx.client.get(url, params), periods)
    raw = [_raw_period(p) for p in periods]
    baseline = latencies(raw_scorecard, raw, iterations=COLD_ITERATIONS, warmup=2)

    def cold(params):
        ScorecardSnapshot.objects.all().delete()
        ctx.client.get(url, params)

    cold_timed = latencies(cold, periods, iterations=COLD_ITERATIONS, warmup=2)
    cold_queries = _query_count(
        ctx, url, {"date_from": (timezone.localdate() - timedelta(days=30)).isoformat()}
    )
    return [
        *latency_results(
            f"{ctx.db}.scorecard_page",
            timed,
            baseline,
            target_p95_ms=200,
            queries=queries,
            baseline_queries=len(SCORECARD_SQL),
        ),
        *[
            {**r, "target": None, "met": None}
            for r in latency_results(
                f"{ctx.db}.scorecard_cold",
                cold_timed,
                baseline,
                target_p95_ms=0,
                queries=cold_queries,
                baseline_queries=len(SCORECARD_SQL),
            )
        ],
    ]


TIMELINE_SQL = [
    "SELECT o.*, c.code, c.short_name FROM partners_organisation o"
    " JOIN strategy_partnercategory c ON c.id = o.category_id WHERE o.id = %(org)s",
    "SELECT COUNT(*) FROM engagement_engagementpartner WHERE organisation_id = %(org)s",
    "SELECT p.engagement_id, e.title, e.kind, e.status, e.start_date, e.office, r.name, co.name"
    " FROM engagement_engagementpartner p JOIN engagement_engagement e ON e.id = p.engagement_id"
    " LEFT JOIN accounts_region r ON r.id = e.lead_region_id"
    " LEFT JOIN accounts_country co ON co.code = e.country_id"
    " WHERE p.organisation_id = %(org)s ORDER BY p.start_date DESC, p.engagement_id DESC LIMIT 10",
    "SELECT COUNT(*), MAX(CASE WHEN status = 'held' AND start_date <= %(today)s THEN start_date"
    " END), MIN(CASE WHEN status = 'planned' AND start_date >= %(today)s THEN start_date END),"
    " SUM(CASE WHEN status = 'held' AND start_date <= %(today)s AND start_date > %(year)s"
    " THEN 1 ELSE 0 END) FROM engagement_engagementpartner WHERE organisation_id = %(org)s",
    "SELECT e.lead_region_id, e.office, COUNT(*), MAX(p.start_date)"
    " FROM engagement_engagementpartner p JOIN engagement_engagement e ON e.id = p.engagement_id"
    " WHERE p.organisation_id = %(org)s AND p.status IN ('held', 'planned')"
    " AND p.engagement_id IN (SELECT engagement_id FROM engagement_engagementpartner"
    " WHERE organisation_id = %(org)s AND status IN ('held', 'planned')"
    " ORDER BY start_date DESC, engagement_id DESC LIMIT 500)"
    " GROUP BY e.lead_region_id, e.office",
    "SELECT t.outcome_id, COUNT(*) FROM engagement_engagement_outcomes t"
    " WHERE t.engagement_id IN (SELECT engagement_id FROM engagement_engagementpartner"
    " WHERE organisation_id = %(org)s AND status IN ('held', 'planned')"
    " ORDER BY start_date DESC, engagement_id DESC LIMIT 500) GROUP BY t.outcome_id",
    "SELECT e.country_id, COUNT(*) FROM engagement_engagementpartner p"
    " JOIN engagement_engagement e ON e.id = p.engagement_id WHERE p.organisation_id = %(org)s"
    " AND p.status IN ('held', 'planned') AND e.country_id IS NOT NULL"
    " AND p.engagement_id IN (SELECT engagement_id FROM engagement_engagementpartner"
    " WHERE organisation_id = %(org)s AND status IN ('held', 'planned')"
    " ORDER BY start_date DESC, engagement_id DESC LIMIT 500)"
    " GROUP BY e.country_id",
]


def raw_timeline(org_id: int) -> list:
    today = timezone.localdate()
    return run_all(
        TIMELINE_SQL, {"org": org_id, "today": today, "year": today - timedelta(days=365)}
    )


def _timeline_partners(ctx: Context) -> list[int]:
    """The sampled partners plus the ten most engaged (thousands of engagements each)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT organisation_id FROM engagement_engagementpartner GROUP BY organisation_id"
            " ORDER BY COUNT(*) DESC, organisation_id LIMIT 10"
        )
        busiest = [row[0] for row in cursor.fetchall()]
    return [*ctx.detail_pks[:50], *busiest]


def timeline_page(ctx: Context) -> list[dict]:
    pks = _timeline_partners(ctx)
    urls = [_url("engagement:partner_engagements", pk) for pk in pks]
    for url in urls:
        _checked_get(ctx, url)
    queries = _query_count(ctx, urls[-1])
    timed = latencies(ctx.client.get, urls)
    baseline = latencies(raw_timeline, pks)
    busiest = EngagementPartner.objects.filter(organisation_id=pks[-10]).count()
    return [
        *latency_results(
            f"{ctx.db}.timeline_page",
            timed,
            baseline,
            target_p95_ms=200,
            queries=queries,
            baseline_queries=len(TIMELINE_SQL),
        ),
        result(
            f"{ctx.db}.timeline_page.busiest_partner_engagements",
            busiest,
            "engagements of the most engaged partner measured (informational)",
        ),
    ]

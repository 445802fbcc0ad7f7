"""The management dashboard and the streamed XLSX export at the design scale, as the
partnerships officer (who sees every region).

`dashboard_page`: the page through django.test.Client, cycling through four years, with its
cached aggregates in place after the warm-up (as users get it), against the raw SQL of every
aggregate the page shows (partners by category/region/country, the pipeline funnel, received
and targets by year, the funding view's totals, the scorecard, and the four "needs attention"
counts), one statement each. `dashboard_cold` (informational) empties the cache and the
scorecard snapshots before every request.

`xlsx_export`: /reports/export/partners.xlsx (every organisation not archived, ~98,000 at
scale 1, with aliases and outcomes) read to the end, against a bare loop writing the same rows
and columns from raw SQL with xlsxwriter in constant-memory mode; seconds (best of two) and the
peak of Python's allocations (tracemalloc, in a separate run: it slows Python down)."""

import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta

import xlsxwriter
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from accord.engagement.models import ScorecardSnapshot
from bench.cases.context import Context
from bench.cases.engagement import SCORECARD_SQL, run_all
from bench.cases.funding import STATEMENTS as GAP_STATEMENTS
from bench.cases.pages import _checked_get, _query_count, _url
from bench.measure import latencies, latency_results, result

DASHBOARD_SQL = [
    "SELECT category_id, region_id, country_id, COUNT(*) FROM partners_organisation"
    " WHERE archived_at IS NULL GROUP BY category_id, region_id, country_id",
    "SELECT stage_id, COUNT(*), SUM(amount_usd), SUM(amount_usd * probability)"
    " FROM funding_opportunity WHERE expected_decision_date >= %(start)s"
    " AND expected_decision_date <= %(end)s GROUP BY stage_id",
    "SELECT year, SUM(amount_usd) FROM funding_allocation"
    " WHERE year >= %(first)s AND year <= %(year)s GROUP BY year",
    "SELECT year, SUM(amount_usd) FROM funding_fundingtarget"
    " WHERE flagship_id IS NOT NULL AND year >= %(first)s AND year <= %(year)s GROUP BY year",
    *[sql for name, sql in GAP_STATEMENTS["flagship"].items() if name != "labels"],
    *SCORECARD_SQL,
    "SELECT COUNT(*) FROM agreements_obligation"
    " WHERE status IN ('open', 'submitted') AND due_date < %(today)s",
    "SELECT COUNT(*) FROM agreements_agreement WHERE status IN ('signed', 'active')"
    " AND end_date >= %(today)s AND end_date <= %(in90)s",
    "SELECT COUNT(*) FROM diligence_screeninghit WHERE status = 'open' AND created_at < %(week)s",
    # active partners without an engagement held within their category's period
    "SELECT COUNT(*) FROM partners_organisation o"
    " JOIN strategy_partnercategory c ON c.id = o.category_id"
    " WHERE o.status = 'active' AND o.archived_at IS NULL AND NOT EXISTS ("
    "  SELECT 1 FROM engagement_engagementpartner p WHERE p.organisation_id = o.id"
    "  AND p.status = 'held' AND p.start_date <= %(today)s AND p.start_date >= CASE"
    "  WHEN c.code IN ('government', 'development_bank', 'foundation') THEN %(t90)s"
    "  ELSE %(t180)s END)",
]


def _sql_args(year: int) -> dict:
    today = timezone.localdate()
    return {
        "year": year,
        "first": year - 5,
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "today": today.isoformat(),
        "in90": (today + timedelta(days=90)).isoformat(),
        "week": timezone.now() - timedelta(days=7),
        "t90": today - timedelta(days=90),  # dates, not text: the CASE gives PostgreSQL no type
        "t180": today - timedelta(days=180),
    }


def raw_dashboard(year: int) -> list:
    return run_all(DASHBOARD_SQL, _sql_args(year))


def dashboard_page(ctx: Context) -> list[dict]:
    url = _url("reports:dashboard")
    year = timezone.localdate().year
    params = [{"year": y} for y in (year, year - 1, year + 1, year - 2)]
    for p in params:
        _checked_get(ctx, url, p)
    queries = _query_count(ctx, url, params[0])
    timed = latencies(lambda p: ctx.client.get(url, p), params)
    baseline = latencies(raw_dashboard, [p["year"] for p in params], iterations=20, warmup=2)

    def cold(p):
        cache.clear()
        ScorecardSnapshot.objects.all().delete()
        ctx.client.get(url, p)

    cold_timed = latencies(cold, params, iterations=10, warmup=1)
    return [
        *latency_results(
            f"{ctx.db}.dashboard_page", timed, baseline, target_p95_ms=300,
            queries=queries, baseline_queries=len(DASHBOARD_SQL),
        ),
        *[
            {**r, "target": None, "met": None}
            for r in latency_results(
                f"{ctx.db}.dashboard_cold", cold_timed, baseline, target_p95_ms=0,
            )
        ],
    ]  # fmt: skip


# --- the XLSX export ---

EXPORT_SQL = (
    "SELECT o.id, o.name, o.acronym, c.short_name, o.subtype, co.name, o.country_id, r.name,"
    " o.city, o.website, o.email, o.phone, o.status, u.username, o.iati_identifier,"
    " o.registration_number, o.ref, o.archived_at, o.created_at, o.updated_at"
    " FROM partners_organisation o JOIN strategy_partnercategory c ON c.id = o.category_id"
    " LEFT JOIN accounts_country co ON co.code = o.country_id"
    " LEFT JOIN accounts_region r ON r.id = o.region_id"
    " LEFT JOIN accounts_user u ON u.id = o.owner_id"
    " WHERE o.archived_at IS NULL ORDER BY o.sort_name, o.id"
)
MANY_SQL = (
    "SELECT organisation_id, name FROM partners_organisationname"
    " WHERE organisation_id IN ({ids}) ORDER BY organisation_id, name",
    "SELECT l.organisation_id, x.code FROM partners_organisation_outcomes l"
    " JOIN strategy_outcome x ON x.id = l.outcome_id"
    " WHERE l.organisation_id IN ({ids}) ORDER BY l.organisation_id, x.code",
)
CHUNK = 2000


def _many(cursor, sql: str, ids: list[int]) -> dict:
    cursor.execute(sql.format(ids=",".join(map(str, ids))))
    found: dict = {}
    for pk, value in cursor.fetchall():
        found.setdefault(pk, []).append(value)
    return {pk: "; ".join(values) for pk, values in found.items()}


def _write(sheet, row_number: int, row: tuple, extra: list[dict], dated) -> None:
    for col, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, datetime):
            sheet.write_datetime(row_number, col, value, dated)
        elif isinstance(value, str):
            sheet.write_string(row_number, col, value)
        else:
            sheet.write_number(row_number, col, value)
    for n, values in enumerate(extra):
        if row[0] in values:
            sheet.write_string(row_number, len(row) + n, values[row[0]])


def bare_xlsx(_=None) -> int:
    """The same rows and columns written by xlsxwriter alone, from raw SQL in chunks (a
    server-side cursor on PostgreSQL, as the export's iterator uses)."""
    rows = 0
    options = {"constant_memory": True, "remove_timezone": True}
    with tempfile.TemporaryFile() as out, transaction.atomic():
        book = xlsxwriter.Workbook(out, options)
        sheet = book.add_worksheet("Partners")
        dated = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        if connection.vendor == "postgresql":
            cursor = connection.connection.cursor(name="bench_xlsx_export")
        else:
            cursor = connection.cursor()
        with cursor, connection.cursor() as many:
            cursor.execute(EXPORT_SQL)
            while chunk := cursor.fetchmany(CHUNK):
                extra = [_many(many, sql, [row[0] for row in chunk]) for sql in MANY_SQL]
                for row in chunk:
                    rows += 1
                    _write(sheet, rows, row, extra, dated)
        book.close()
    return rows


def _export(ctx: Context, url: str) -> int:
    response = ctx.client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    size = sum(len(block) for block in response.streaming_content)
    response.close()
    return size


def _seconds(call) -> float:
    best = None
    for _ in range(2):
        start = time.perf_counter()
        call()
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best


def _peak_mb(call) -> tuple[float, object]:
    """The peak of Python's allocations during `call()` in MB, and what it returned."""
    tracemalloc.start()
    try:
        returned = call()
        return tracemalloc.get_traced_memory()[1] / 2**20, returned
    finally:
        tracemalloc.stop()


def xlsx_export(ctx: Context) -> list[dict]:
    url = _url("reports:export", "partners", "xlsx")
    exported = lambda: _export(ctx, url)  # noqa: E731
    seconds, bare_seconds = _seconds(exported), _seconds(bare_xlsx)
    peak, _ = _peak_mb(exported)
    bare_peak, rows = _peak_mb(bare_xlsx)
    return [
        result(f"{ctx.db}.xlsx_export.seconds", seconds, f"s for {rows} organisations"
               " (lower is better)", baseline=bare_seconds, target="ratio <= 1.5"),
        result(f"{ctx.db}.xlsx_export.peak_mb", peak, "MB of Python allocations at the peak"
               " (lower is better)", baseline=bare_peak, target="value <= 64"),
    ]  # fmt: skip

"""The funding view and the pipeline board at the design scale (200,000 opportunities, pledges
and contributions), through django.test.Client as the partnerships officer.

The funding view (`funding_gap_page`, `funding_gap_api`) cycles through five years by the four
groupings; its baseline is the same aggregates in raw SQL, one statement per figure per
grouping, written from the fixed definitions (the docstring of accord/funding/gap_selectors.py).
Before timing, the selector's figures are compared with the raw ones:
`funding_gap.mismatched_rows` counts the figures (view x measure x row) where they differ by
more than a few cents. The board (`pipeline_board_page`): per column the count, USD total and
weighted total, and its first 20 cards, against the same reads in raw SQL (one statement per
stage for the cards, on the (stage, decision date) index)."""

from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from bench.cases.context import Context
from bench.cases.engagement import run_all
from bench.cases.pages import _checked_get, _query_count, _url
from bench.measure import Skip, latencies, latency_results, result

GROUPINGS = ("flagship", "outcome", "category", "region")
API_URL = "/api/v1/funding/gap"
CARDS_PER_COLUMN = 20
TOLERANCE = Decimal("0.05")  # USD per row: float sums on SQLite, cents rounding per measure

LABELS = {
    "flagship": "SELECT id, code, name FROM strategy_flagshipprogramme ORDER BY code",
    "outcome": "SELECT id, code, name FROM strategy_outcome ORDER BY code",
    "category": "SELECT id, code, short_name FROM strategy_partnercategory ORDER BY number",
    "region": "SELECT id, code, name FROM accounts_region ORDER BY name",
}
TARGET = (
    "SELECT {subject}_id, amount_usd FROM funding_fundingtarget"
    " WHERE year = %(year)s AND {subject}_id IS NOT NULL"
)
RECEIVED = {
    "flagship": ("a.flagship_id", ""),
    "outcome": ("a.outcome_id", ""),
    "category": (
        "o.category_id",
        " JOIN funding_contribution c ON c.id = a.contribution_id"
        " JOIN partners_organisation o ON o.id = c.organisation_id",
    ),
    "region": ("c.region_id", " JOIN funding_contribution c ON c.id = a.contribution_id"),
}
OUTSTANDING = {
    "flagship": ("p.flagship_id", ""),
    "outcome": ("po.outcome_id", " LEFT JOIN funding_pledge_outcomes po ON po.pledge_id = p.id"),
    "category": ("o.category_id", " JOIN partners_organisation o ON o.id = p.organisation_id"),
    "region": ("p.region_id", ""),
}
PIPELINE = {
    "flagship": ("x.flagship_id", ""),
    "outcome": (
        "xo.outcome_id",
        " LEFT JOIN funding_opportunity_outcomes xo ON xo.opportunity_id = x.id",
    ),
    "category": ("o.category_id", " JOIN partners_organisation o ON o.id = x.organisation_id"),
    "region": ("x.region_id", ""),
}


def gap_statements(by: str) -> dict[str, str]:
    """The funding view's figures for one grouping, one statement each. `* 1.0` and `100.0`
    keep SQLite from dividing integers (it stores whole amounts as integers); PostgreSQL
    computes in numeric either way."""
    received_key, received_join = RECEIVED[by]
    outstanding_key, outstanding_join = OUTSTANDING[by]
    pipeline_key, pipeline_join = PIPELINE[by]
    statements = {"labels": LABELS[by]}
    if by in ("flagship", "outcome"):
        statements["target"] = TARGET.format(subject=by)
    statements["received"] = (
        f"SELECT {received_key}, SUM(a.amount_usd) FROM funding_allocation a{received_join}"
        f" WHERE a.year = %(year)s GROUP BY {received_key}"
    )
    statements["pledged_outstanding"] = (
        f"SELECT {outstanding_key}, SUM(CASE WHEN i.amount > i.received_amount"
        " THEN (i.amount - i.received_amount) * 1.0 * i.amount_usd / i.amount ELSE 0 END)"
        " FROM funding_instalment i JOIN funding_pledge p ON p.id = i.pledge_id"
        f"{outstanding_join} WHERE p.status <> 'cancelled'"
        " AND i.due_date >= %(start)s AND i.due_date <= %(end)s"
        f" GROUP BY {outstanding_key}"
    )
    statements["weighted_pipeline"] = (
        f"SELECT {pipeline_key}, SUM(x.amount_usd * x.probability / 100.0)"
        " FROM funding_opportunity x JOIN funding_stage s ON s.id = x.stage_id"
        f"{pipeline_join} WHERE s.kind = 'open'"
        " AND x.expected_decision_date >= %(start)s AND x.expected_decision_date <= %(end)s"
        f" GROUP BY {pipeline_key}"
    )
    return statements


STATEMENTS = {by: gap_statements(by) for by in GROUPINGS}


def gap_params() -> list[dict]:
    """Five years (this one, the last, next, and two further back) by the four groupings,
    interleaved so that consecutive requests differ in both."""
    year = timezone.localdate().year
    years = (year, year - 1, year + 1, year - 2, year - 4)
    return [
        {"year": year, "by": GROUPINGS[(i + shift) % len(GROUPINGS)]}
        for shift in range(len(GROUPINGS))
        for i, year in enumerate(years)
    ]


def _sql_args(params: dict) -> dict:
    year = params["year"]
    return {"year": year, "start": f"{year}-01-01", "end": f"{year}-12-31"}


def raw_gap(params: dict) -> dict[str, list]:
    statements = STATEMENTS[params["by"]]
    return dict(zip(statements, run_all(list(statements.values()), _sql_args(params)), strict=True))


def _mismatches(ctx: Context, params: dict) -> list[str]:
    """Where the selector's figures differ from the raw SQL's (the page shows the former)."""
    from accord.funding.gap_selectors import funding_gap

    raw = raw_gap(params)
    rows = {row.key: row for row in funding_gap(ctx.officer, **params) if not row.is_total}
    found = []
    for name in ("target", "received", "pledged_outstanding", "weighted_pipeline"):
        expected = {key: Decimal(str(value or 0)) for key, value in raw.get(name, [])}
        for key in set(expected) | {k for k, r in rows.items() if getattr(r, name)}:
            got = getattr(rows[key], name) if key in rows else None
            if got is None or abs(Decimal(got) - expected.get(key, Decimal(0))) > TOLERANCE:
                found.append(f"{params} {name} [{key}]: page {got}, SQL {expected.get(key)}")
    return found


def _gap_url() -> str:
    try:
        from accord.funding import gap_selectors  # noqa: F401 - the page's selector
    except ImportError as exc:
        raise Skip("accord.funding.gap_selectors does not exist yet") from exc
    return _url("funding:gap")


def _timed_gap(ctx: Context, name: str, url: str, params: list[dict]) -> list[dict]:
    """Every view answers 200, then the timed requests against the raw SQL."""
    for p in params:
        _checked_get(ctx, url, p)
    queries = _query_count(ctx, url, params[0])
    timed = latencies(lambda p: ctx.client.get(url, p), params)
    baseline = latencies(raw_gap, params)
    return latency_results(
        f"{ctx.db}.{name}",
        timed,
        baseline,
        target_p95_ms=200,
        queries=queries,
        baseline_queries=len(STATEMENTS[params[0]["by"]]),
    )


COLD_ITERATIONS = 20


def _cold_gap(ctx: Context, url: str, params: list[dict]) -> list[dict]:
    """The page when its figures must be computed (the first visit after any funding write:
    the cache emptied before every request); informational, beside the same raw SQL."""

    def cold(p):
        cache.clear()
        ctx.client.get(url, p)

    timed = latencies(cold, params, iterations=COLD_ITERATIONS, warmup=2)
    baseline = latencies(raw_gap, params, iterations=COLD_ITERATIONS, warmup=2)
    return [
        {**r, "target": None, "met": None}
        for r in latency_results(
            f"{ctx.db}.funding_gap_cold", timed, baseline, target_p95_ms=0,
            queries=None, baseline_queries=None,
        )
    ]


def funding_gap_page(ctx: Context) -> list[dict]:
    url = _gap_url()
    params = gap_params()
    mismatched = [line for p in params for line in _mismatches(ctx, p)]
    for line in mismatched[:10]:
        print(f"    funding view differs from the raw SQL: {line}")
    return [
        *_timed_gap(ctx, "funding_gap_page", url, params),
        *_cold_gap(ctx, url, params),
        result(
            f"{ctx.db}.funding_gap.mismatched_rows",
            len(mismatched),
            f"figures (of {len(params)} year x grouping views) where the selector and the raw"
            f" SQL differ by more than {TOLERANCE} USD",
            target="value <= 0",
        ),
    ]


def funding_gap_api(ctx: Context) -> list[dict]:
    _gap_url()
    params = gap_params()
    if ctx.client.get(API_URL, params[0]).status_code == 404:
        raise Skip(f"{API_URL} does not exist yet")
    return _timed_gap(ctx, "funding_gap_api", API_URL, params)


BOARD_STAGES = (
    "SELECT id, code, name, kind, default_probability FROM funding_stage WHERE is_active"
    " ORDER BY " + '"order"' + ", id"
)
BOARD_TOTALS = (
    "SELECT stage_id, COUNT(*), SUM(amount_usd), SUM(amount_usd * probability / 100.0)"
    " FROM funding_opportunity GROUP BY stage_id"
)
BOARD_CARDS = (
    "SELECT x.id, x.title, x.amount, x.currency, x.amount_usd, x.probability,"
    " x.expected_decision_date, x.closed_on, o.id, o.name, u.username, f.code, r.name"
    " FROM funding_opportunity x JOIN partners_organisation o ON o.id = x.organisation_id"
    " LEFT JOIN accounts_user u ON u.id = x.owner_id"
    " LEFT JOIN strategy_flagshipprogramme f ON f.id = x.flagship_id"
    " LEFT JOIN accounts_region r ON r.id = x.region_id"
    " WHERE x.stage_id = %s ORDER BY {order} LIMIT " + str(CARDS_PER_COLUMN)
)


def raw_board(_=None) -> list:
    with connection.cursor() as cursor:
        cursor.execute(BOARD_STAGES)
        stages = cursor.fetchall()
        cursor.execute(BOARD_TOTALS)
        out = [stages, cursor.fetchall()]
        for stage_id, _code, _name, kind, _p in stages:
            order = "x.expected_decision_date, x.id" if kind == "open" else "x.closed_on DESC, x.id"
            cursor.execute(BOARD_CARDS.format(order=order), [stage_id])
            out.append(cursor.fetchall())
    return out


def pipeline_board_page(ctx: Context) -> list[dict]:
    try:
        url = _url("funding:pipeline_board")
    except Skip:
        url = _url("funding:pipeline")  # the name the pipeline pages use
    _checked_get(ctx, url)
    queries = _query_count(ctx, url)
    timed = latencies(ctx.client.get, [url])
    baseline = latencies(raw_board, [None])
    stages = len(raw_board()[0])
    return latency_results(
        f"{ctx.db}.pipeline_board_page",
        timed,
        baseline,
        target_p95_ms=200,
        queries=queries,
        baseline_queries=2 + stages,
    )

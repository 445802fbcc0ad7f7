"""The management dashboard's figures, read through the other apps' selectors (so every figure
counts only what the acting user may see: a regional focal point's dashboard is their
region's) and returned as plain data (lists of dicts) for the page, the API and the "download
data" CSV files alike.

The registry and pipeline figures are GROUP BY queries over every row (100,000 organisations,
200,000 opportunities at the design scale): they are cached under keys that change with any
write of their table (accord.funding.change_markers.last_saved: one index probe), so a quiet
dashboard costs a few small queries. The funding figures are cached by accord.funding, the
scorecard by its shared snapshot."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count

from accord.accounts.models import Country, Region
from accord.accounts.roles import can
from accord.engagement import scorecard as scorecards
from accord.funding import gap_selectors, pipeline_selectors
from accord.funding.change_markers import last_saved, scope_key
from accord.funding.models import Opportunity, Stage
from accord.partners import selectors as partner_selectors
from accord.partners.models import Organisation
from accord.strategy.selectors import category_list

CACHE_SECONDS = 600  # the keys change with every write anyway


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters: the `year` of the money, pipeline and scorecard figures, and a
    `region` code narrowing the registry, pipeline, funding and attention figures."""

    year: int
    region: str = ""

    def key(self) -> str:
        return f"{self.year}:{self.region}"


def cached(name: str, user, filters: DashboardFilters, marker: str, compute):
    key = f"reports:dashboard:{name}:{scope_key(user)}:{filters.key()}:{marker}"
    return cache.get_or_set(key, compute, CACHE_SECONDS)


# --- partners by category, region and country ---


def partners(user, f: DashboardFilters) -> dict | None:
    """Partners (archived ones aside) by category, by region and by country (with its ISO
    alpha-2 code, for the map), and their total; None when the user may not read partners."""
    if not can(user, "partners.view"):
        return None
    return cached("partners", user, f, last_saved(Organisation), lambda: _partners(user, f))


def _partners(user, f: DashboardFilters) -> dict:
    qs = partner_selectors.organisation_list(
        user=user, filters=partner_selectors.OrganisationFilters(region=f.region)
    )
    per_category: dict = {}
    per_region: dict = {}
    per_country: dict = {}
    grouped = qs.order_by().values_list("category_id", "region_id", "country_id")
    for category_id, region_id, country_id, n in grouped.annotate(n=Count("id")):
        per_category[category_id] = per_category.get(category_id, 0) + n
        per_region[region_id] = per_region.get(region_id, 0) + n
        per_country[country_id] = per_country.get(country_id, 0) + n
    regions = Region.objects.order_by("name").values_list("pk", "code", "name")
    countries = dict(
        Country.objects.filter(code__in=[c for c in per_country if c]).values_list("code", "name")
    )
    by_region = [
        {"code": code, "name": name, "count": per_region[pk]}
        for pk, code, name in regions
        if pk in per_region
    ]
    if per_region.get(None):
        by_region.append({"code": "", "name": "No region", "count": per_region[None]})
    return {
        "total": sum(per_category.values()),
        "by_category": [
            {"code": c.code, "name": c.short_name, "count": per_category.get(c.pk, 0)}
            for c in category_list()
        ],
        "by_region": by_region,
        "by_country": sorted(
            (
                {"code": code, "name": countries.get(code, code), "count": n}
                for code, n in per_country.items()
                if code
            ),
            key=lambda row: (-row["count"], row["name"]),
        ),
    }


# --- the pipeline funnel ---


def pipeline(user, f: DashboardFilters) -> list[dict] | None:
    """Opportunities expected to be decided in the year, per open stage (in order) and per
    closed kind (won, lost, withdrawn): count, USD total and weighted USD total (amount x
    probability). None when the user may not read funding."""
    if not can(user, "funding.view"):
        return None
    marker = f"{last_saved(Opportunity)}:{Stage.objects.count()}"
    return cached("pipeline", user, f, marker, lambda: _pipeline(user, f))


def _pipeline(user, f: DashboardFilters) -> list[dict]:
    """The pipeline board's column totals (its cards left out: `per_column=0` reads none)."""
    filters = pipeline_selectors.OpportunityFilters(region=f.region, year=f.year)
    board = pipeline_selectors.board(user=user, filters=filters, per_column=0)
    return [
        {
            "key": str(column.key),
            "name": column.name,
            "is_open": column.is_open,
            "count": column.count,
            "total_usd": column.total_usd,
            "weighted_usd": column.weighted_usd,
            "query": {"stage" if column.is_open else "status": str(column.key)},
        }
        for column in board["columns"]
    ]


# --- resources mobilised against targets ---


def resources(user, f: DashboardFilters, *, years: int = 6) -> dict | None:
    """Received against target for the `years` years up to the chosen one (all regions the
    user sees: targets are set per programme, not per region), and the chosen year's figures:
    target, received, pledged outstanding, weighted pipeline and gap (the region's, without a
    target, when a region is chosen)."""
    if not can(user, "funding.view"):
        return None
    marker = gap_selectors.data_marker()  # what accord.funding keys its own figures with
    return cached(f"resources{years}", user, f, marker, lambda: _resources(user, f, years))


def _resources(user, f: DashboardFilters, years: int) -> dict:
    trend = gap_selectors.funding_trend(user, year=f.year, years=years)
    by = "region" if f.region else "flagship"
    rows = gap_selectors.funding_gap(user, year=f.year, by=by)
    row = next((r for r in rows if r.code == f.region.upper()), None) if f.region else rows[-1]
    figures = {"target": None, "received": Decimal(0), "pledged_outstanding": Decimal(0)}
    figures |= {"weighted_pipeline": Decimal(0), "gap": None}
    if row is not None:
        for name in figures:
            figures[name] = getattr(row, name)
    return {
        "trend": [{"year": p.year, "received": p.received, "target": p.target} for p in trend],
        "year": figures,
    }


# --- the strategy scorecard ---


def scorecard(user, f: DashboardFilters) -> dict | None:
    """The strategy scorecard of the year (engagements and partners per strategy line, with
    each line's heat 0-4), from the engagement app's shared snapshot."""
    if not can(user, "engagement.view"):
        return None
    card = scorecards.scorecard(
        user=user, date_from=date(f.year, 1, 1), date_to=date(f.year, 12, 31)
    )
    return scorecards.with_heat(card)


# --- indicators against targets (the results app's, once it has them) ---

STATUSES = (
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("off_track", "Off track"),
    ("no_data", "No data"),
)


def indicators(user, f: DashboardFilters) -> dict | None:
    """The results framework's indicators against their targets for the year (institution-wide:
    indicators are not kept per region), and how many are on track, at risk, off track or
    without data. None when the results app does not offer them or the user may not read
    results."""
    try:
        from accord.results.selectors import indicators_against_targets
    except ImportError:
        return None
    if not can(user, "results.view"):
        return None
    rows = [
        {"code": i.code, "name": i.name, "unit": i.unit_label, "target": i.target,
         "value": i.value, "status": i.status, "status_label": i.status_label, "href": i.url}
        for i in indicators_against_targets(period=str(f.year))
    ]  # fmt: skip
    counts = {code: 0 for code, _ in STATUSES}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return {
        "rows": rows,
        "by_status": [{"code": c, "name": n, "count": counts[c]} for c, n in STATUSES],
    }

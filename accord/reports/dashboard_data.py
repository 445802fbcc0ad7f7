"""The figures behind each dashboard chart as a table (headers and rows): what the chart's
"download data" link sends as CSV, built from the same selectors as the page."""

from collections.abc import Callable

from accord.reports import dashboard_selectors as figures
from accord.reports.dashboard_attention import attention
from accord.reports.dashboard_selectors import DashboardFilters

Table = tuple[list[str], list[list]]


def _partners(key: str, label: str):
    def table(user, f: DashboardFilters) -> Table | None:
        data = figures.partners(user, f)
        if data is None:
            return None
        return [label, "Code", "Partners"], [
            [row["name"], row["code"], row["count"]] for row in data[key]
        ]

    return table


def _pipeline(user, f: DashboardFilters) -> Table | None:
    rows = figures.pipeline(user, f)
    if rows is None:
        return None
    headers = ["Stage", "Open", "Opportunities", "Total (USD)", "Weighted (USD)"]
    return headers, [
        [r["name"], r["is_open"], r["count"], r["total_usd"], r["weighted_usd"]] for r in rows
    ]


def _resources(user, f: DashboardFilters) -> Table | None:
    data = figures.resources(user, f)
    if data is None:
        return None
    rows = [[p["year"], p["received"], p["target"]] for p in data["trend"]]
    return ["Year", "Received (USD)", "Target (USD)"], rows


def _scorecard(user, f: DashboardFilters) -> Table | None:
    card = figures.scorecard(user, f)
    if card is None:
        return None
    headers = ["Category", "Strategy line", "Text", "Engagements", "Partners", "Last activity"]
    headers += ["Open plan actions", "Overdue plan actions"]
    rows = [
        [c["short_name"], line["code"], line["text"], line["engagements"], line["partners"],
         line["last_activity"], line["open_actions"], line["overdue_actions"]]
        for c in card["categories"]
        for line in c["lines"]
    ]  # fmt: skip
    return headers, rows


def _indicators(user, f: DashboardFilters) -> Table | None:
    found = figures.indicators(user, f)
    if found is None:
        return None
    headers = ["Code", "Indicator", "Unit", "Target", "Value", "Status"]
    return headers, [
        [r["code"], r["name"], r["unit"], r["target"], r["value"], r["status_label"]]
        for r in found["rows"]
    ]


def _attention(user, f: DashboardFilters) -> Table:
    sections = attention(user, f, engagement_marker=engagement_marker(user, f))
    return ["What", "Count"], [[s["title"], s["count"]] for s in sections]


def engagement_marker(user, f: DashboardFilters, card: dict | None = None) -> str:
    """What changes with every engagement change, for the attention figures' cache: the
    scorecard snapshot's time (the engagement app recomputes it after each change)."""
    card = card or figures.scorecard(user, f)
    return str(card["computed_at"].timestamp()) if card else ""


TABLES: dict[str, tuple[str, Callable[..., Table | None]]] = {
    "partners_category": ("Partners by category", _partners("by_category", "Category")),
    "partners_region": ("Partners by region", _partners("by_region", "Region")),
    "partners_country": ("Partners by country", _partners("by_country", "Country")),
    "pipeline": ("Pipeline by stage", _pipeline),
    "resources": ("Resources mobilised against targets", _resources),
    "scorecard": ("Strategy scorecard", _scorecard),
    "indicators": ("Indicators against targets", _indicators),
    "attention": ("What needs attention", _attention),
}

"""The management dashboard (/reports/) and the data behind each of its charts as CSV."""

from functools import cache

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accord.accounts.roles import can, region_scope
from accord.accounts.selectors import region_list
from accord.core.htmx import render_page
from accord.engagement.views import fragment, varies
from accord.reports import dashboard_charts as charts
from accord.reports import dashboard_map
from accord.reports import dashboard_selectors as figures
from accord.reports.dashboard_attention import attention
from accord.reports.dashboard_data import TABLES, engagement_marker
from accord.reports.dashboard_selectors import DashboardFilters
from accord.reports.exports import csv_response


class DashboardForm(forms.Form):
    """The dashboard's filters (a GET form: every view of it is a shareable URL)."""

    year = forms.TypedChoiceField(coerce=int, required=False)
    region = forms.ChoiceField(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = range(this_year + 1, this_year - 9, -1)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].initial = this_year
        scope = region_scope(user)
        regions = [r for r in region_list() if scope is None or r.pk in scope]
        self.fields["region"].choices = [("", "All regions")] + [(r.code, r.name) for r in regions]

    def filters(self) -> DashboardFilters:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return DashboardFilters(
            year=data.get("year") or timezone.localdate().year, region=data.get("region") or ""
        )


def _require_view(user) -> None:
    if not can(user, "reports.view"):
        raise PermissionDenied


@cache
def _path(name: str) -> str:
    return reverse(name)


def _href(name: str, **query) -> str:
    """The URL of the page `name` with `query` (empty values left out). Hundreds per page (a
    link per country, bar and cell): the path is resolved once per name."""
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return _path(name) + (f"?{urlencode(query)}" if query else "")


def _partner_charts(data: dict, f: DashboardFilters) -> dict:
    for row in data["by_category"]:
        row["href"] = _href("partners:list", category=row["code"], region=f.region)
    for row in data["by_region"]:
        row["href"] = _href("partners:list", region=row["code"] or f.region)
    for row in data["by_country"]:
        row["href"] = _href("partners:list", country=row["code"])
        row["text"] = f"{row['count']:,}"
    label = lambda rows: [{**r, "label": r["name"], "value": r["count"]} for r in rows]  # noqa: E731
    return {
        **data,
        "category_chart": charts.bars(label(data["by_category"])),
        "region_chart": charts.bars(label(data["by_region"])),
        "map": dashboard_map.map_data(data["by_country"]),
    }


def _pipeline_chart(rows: list[dict], f: DashboardFilters):
    for row in rows:
        row["href"] = _href(
            "funding:opportunity_list", year=f.year, region=f.region, **row["query"]
        )
    items = [{**r, "label": r["name"], "value": r["count"]} for r in rows]
    return charts.bars(items, centred=True)


def _resources_chart(data: dict, f: DashboardFilters):
    points = [
        {**p, "label": str(p["year"]), "value": p["received"],
         "href": _href("funding:contribution_list", year=p["year"], region=f.region)}
        for p in data["trend"]
    ]  # fmt: skip
    return charts.columns(points)


def _indicators_chart(data: dict, f: DashboardFilters):
    items = [
        {**row, "label": row["name"], "value": row["count"],
         "href": _href("results:indicators", period=f.year, status=row["code"])}
        for row in data["by_status"]
    ]  # fmt: skip
    return charts.bars(items)


def _scorecard_links(card: dict, f: DashboardFilters) -> dict:
    period = {"date_from": f"{f.year}-01-01", "date_to": f"{f.year}-12-31"}
    for category in card["categories"]:
        category["href"] = _href("engagement:list", category=category["code"], **period)
        for line in category["lines"]:
            line["href"] = _href("engagement:list", strategy=line["code"], **period)
    return card


def _attention_links(sections: list[dict]) -> list[dict]:
    for section in sections:
        section["href"] = _href(section["url"], **section["query"])
        for row in section["rows"]:
            row["href"] = reverse(row["path"][0], args=[row["path"][1]])
    return sections


def dashboard_context(user, f: DashboardFilters) -> dict:
    partners = figures.partners(user, f)
    pipeline = figures.pipeline(user, f)
    resources = figures.resources(user, f)
    card = figures.scorecard(user, f)
    indicators = figures.indicators(user, f)
    marker = engagement_marker(user, f, card)
    query = urlencode({k: v for k, v in (("year", f.year), ("region", f.region)) if v})
    return {
        "filters": f,
        "query": query,
        "downloads": {name: f"{reverse('reports:dashboard_data', args=[name])}?{query}"
                      for name in TABLES},
        "partners": _partner_charts(partners, f) if partners else None,
        "pipeline": pipeline,
        "pipeline_chart": _pipeline_chart(pipeline, f) if pipeline else None,
        "resources": resources,
        "resources_chart": _resources_chart(resources, f) if resources else None,
        "scorecard": _scorecard_links(card, f) if card else None,
        "indicators": indicators,
        "indicators_chart": _indicators_chart(indicators, f) if indicators else None,
        "attention": _attention_links(attention(user, f, engagement_marker=marker)),
    }  # fmt: skip


def dashboard(request):
    _require_view(request.user)
    form = DashboardForm(request.GET or None, user=request.user)
    context = {"form": form, **dashboard_context(request.user, form.filters())}
    return varies(
        render_page(
            request, "reports/dashboard.html", context, partial=fragment(request, "figures")
        )
    )


def dashboard_data(request, chart: str):
    """The figures of one chart as CSV, with the dashboard's filters."""
    _require_view(request.user)
    if chart not in TABLES:
        raise Http404
    title, table = TABLES[chart]
    f = DashboardForm(request.GET or None, user=request.user).filters()
    found = table(request.user, f)
    if found is None:  # a section this user may not read
        raise PermissionDenied
    headers, rows = found
    return csv_response(f"{chart}-{f.year}{'-' + f.region if f.region else ''}.csv", headers, rows)

"""`{% export_links "partners" %}`: the CSV and XLSX links of a list, carrying the list's
current filters (its query string without the page), for people who may export it. Other
apps' list templates include "reports/_export_links.html" and need nothing else."""

from django import template
from django.urls import reverse

from accord.reports.exports_lists import LISTS
from accord.reports.exports_views import can_export

register = template.Library()


@register.inclusion_tag("reports/_export_link_tags.html", takes_context=True)
def export_links(context, name: str) -> dict:
    request = context.get("request")
    if request is None or name not in LISTS or not can_export(request.user, name):
        return {"links": []}
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return {
        "title": LISTS[name].title,
        "links": [
            (label, reverse("reports:export", args=[name, fmt]) + suffix)
            for fmt, label in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"))
        ],
    }

"""The export endpoint of every list: /reports/export/<list>.<csv|xlsx>?<the list's filters>.

Allowed to people who may export (reports.export) and read the list (its page's permission);
the rows are the list's own selector's, so a regional focal point's export holds their
region(s) only. Partner focal points may not export."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accord.accounts.roles import can
from accord.reports import exports
from accord.reports.exports_lists import LISTS

FORMATS = ("csv", "xlsx")


def can_export(user, name: str) -> bool:
    """May `user` export the list `name` (known to exist)?"""
    return can(user, "reports.export") and can(user, LISTS[name].action)


def export_list(request, name: str, fmt: str):
    spec = LISTS.get(name)
    if spec is None or fmt not in FORMATS:
        raise Http404
    if not can_export(request.user, name):
        raise PermissionDenied
    found = spec.rows(request.user, request.GET)
    if isinstance(found, QuerySet):
        table = exports.Table.of(found.model, spec.columns)
        data = exports.rows(request.user, found, table)
    else:  # a short list of computed records (the indicators against their targets)
        table = exports.Table.plain(spec.columns)
        data = exports.record_rows(found, table)
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return exports.csv_response(filename, table.headers, data)
    return exports.xlsx_response(filename, table, data, title=spec.title)

"""What the reports' documents need in other apps' templates: whether the user may export
reports (the partner page shows the profile report's link only then)."""

from django import template

from accord.reports.document_permissions import can_export

register = template.Library()


@register.filter
def may_export_reports(user) -> bool:
    return can_export(user)

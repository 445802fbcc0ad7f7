"""The main navigation's link to the dashboard, for the roles that may open it (so _base.html
needs no knowledge of this app's permissions). Management (directors, the Executive Board
secretariat) come to Accord for the dashboard: for them the link is the first, emphasised
entry of every page's navigation, the home page's included."""

from django import template
from django.urls import NoReverseMatch, reverse

from accord.accounts.models import Role
from accord.accounts.roles import can

register = template.Library()


@register.inclusion_tag("reports/_nav.html", takes_context=True)
def reports_nav(context) -> dict:
    user = context.get("user")
    request = context.get("request")
    if not user or not can(user, "reports.view"):
        return {"show": False}
    try:
        href = reverse("reports:dashboard")
    except NoReverseMatch:
        return {"show": False}
    return {
        "show": True,
        "href": href,
        "current": bool(request) and request.path == href,
        "prominent": getattr(user, "role", "") == Role.MANAGEMENT,
    }

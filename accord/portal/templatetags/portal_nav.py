"""The main navigation's link to the portal pages, for the roles that may open them
(so _base.html needs no knowledge of this app's permissions): staff go to the queues, a
partner focal point to its organisation's home."""

from django import template

from accord.accounts.roles import can
from accord.portal.permissions import is_partner_user

register = template.Library()


@register.inclusion_tag("portal/_nav.html", takes_context=True)
def portal_nav(context) -> dict:
    user = context.get("user")
    return {
        "show": bool(user) and can(user, "portal.staff"),
        "partner": bool(user) and is_partner_user(user),
    }

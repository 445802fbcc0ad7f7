"""The main navigation's links to the engagement app's pages, for the roles that may open them
(so _base.html needs no knowledge of this app's permissions)."""

from django import template

from accord.accounts.roles import can
from accord.engagement import permissions

register = template.Library()


@register.inclusion_tag("engagement/_nav.html", takes_context=True)
def engagement_nav(context) -> dict:
    user = context.get("user")
    return {
        "engagements": bool(user) and can(user, "engagement.view"),
        "plan": bool(user) and permissions.can_view_plan(user),
        "governance": bool(user) and permissions.can_view_governance(user),
    }

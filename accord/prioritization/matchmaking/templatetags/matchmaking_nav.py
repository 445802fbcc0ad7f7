"""The main navigation's link to the matchmaking pages, for the roles that may open them
(so _base.html needs no knowledge of this app's permissions)."""

from django import template

from accord.accounts.roles import can

register = template.Library()


@register.inclusion_tag("matchmaking/_nav.html", takes_context=True)
def matchmaking_nav(context) -> dict:
    user = context.get("user")
    return {"show": bool(user) and can(user, "prioritization.view")}

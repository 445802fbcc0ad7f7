"""The main navigation's link to the calls pages, for the roles that may open them
(so _base.html needs no knowledge of this app's permissions). Staff land on the list of calls,
partner users (redirected by that page) on their open calls and applications."""

from django import template

from accord.accounts.roles import can

register = template.Library()


@register.inclusion_tag("calls/_nav.html", takes_context=True)
def calls_nav(context) -> dict:
    user = context.get("user")
    return {"show": bool(user) and (can(user, "calls.view") or can(user, "calls.apply"))}

"""The main navigation's links to the funding app's pages, for the roles that may open them
(so _base.html needs no knowledge of this app's permissions)."""

from django import template

from accord.accounts.roles import can
from accord.funding import permissions

register = template.Library()


@register.inclusion_tag("funding/_nav.html", takes_context=True)
def funding_nav(context) -> dict:
    user = context.get("user")
    return {"pipeline": bool(user) and can(user, "funding.view")}


@register.simple_tag(takes_context=True)
def can_record_funding(context) -> bool:
    """May the user of this page record opportunities (the "New opportunity" buttons)?"""
    user = context.get("user")
    return bool(user) and permissions.can_edit(user)

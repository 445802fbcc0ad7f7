"""The main navigation's links to the agreements app's pages, for the roles that may open them."""

from django import template

from accord.accounts.roles import can

register = template.Library()


@register.inclusion_tag("agreements/_nav.html", takes_context=True)
def agreements_nav(context) -> dict:
    user = context.get("user")
    return {"agreements": bool(user) and can(user, "agreements.view")}

"""The main navigation's links to the funding app's pages, for the roles that may open them."""

from django import template

register = template.Library()


@register.inclusion_tag("funding/_nav.html", takes_context=True)
def funding_nav(context) -> dict:
    return {}

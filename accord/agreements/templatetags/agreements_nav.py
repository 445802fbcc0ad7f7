"""The main navigation's links to the agreements app's pages, for the roles that may open them."""

from django import template

register = template.Library()


@register.inclusion_tag("agreements/_nav.html", takes_context=True)
def agreements_nav(context) -> dict:
    return {}

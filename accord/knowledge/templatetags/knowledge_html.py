"""`{{ item.body|knowledge_html }}`: an item's body, sanitised again as it is shown (it was
sanitised when stored; this keeps a row written by any other path from reaching the page
unsafe)."""

from django import template
from django.utils.safestring import mark_safe

from accord.knowledge.html import clean_html

register = template.Library()


@register.filter
def knowledge_html(value: str) -> str:
    return mark_safe(clean_html(value))  # noqa: S308 (cleaned by nh3 to the allow-list)

"""The banner on a merged organisation's page: into which partner, when, and the way to undo."""

from django import template

from accord.partners import merge_selectors

register = template.Library()


@register.inclusion_tag("partners/merge_banner.html", takes_context=True)
def merge_banner(context, organisation):
    user = context["request"].user
    merge = merge_selectors.merge_of(user=user, organisation=organisation)
    return {
        "organisation": organisation,
        "merge": merge,
        "can_undo": merge is not None and merge_selectors.can_undo(user, merge),
    }

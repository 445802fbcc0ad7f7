"""Small helpers of the matchmaking templates."""

from django import template

from accord.prioritization.matchmaking import permissions

register = template.Library()


@register.filter
def other_of(suggestion, subject_id):
    """The partner a suggestion proposes to `subject_id` (the other one of the pair)."""
    return suggestion.other(int(subject_id))


@register.filter
def percent(value) -> str:
    """0.734 → "73"."""
    return f"{float(value or 0) * 100:.0f}"


@register.simple_tag(takes_context=True)
def can_view_matches(context) -> bool:
    user = context.get("user")
    return bool(user) and permissions.can_view(user)

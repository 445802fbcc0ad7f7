"""The main navigation's links to the due-diligence pages, for the roles that may open them
(so _base.html needs no knowledge of this app's permissions)."""

from django import template

from accord.diligence import permissions

register = template.Library()


@register.inclusion_tag("diligence/_nav.html", takes_context=True)
def diligence_nav(context) -> dict:
    user = context.get("user")
    return {"diligence": bool(user) and permissions.can_view(user)}


_ABILITIES = {
    "policy": permissions.can_set_policy,
    "prepare": permissions.can_prepare,
    "lists": permissions.can_manage_lists,
}


@register.simple_tag(takes_context=True)
def diligence_may(context, what: str) -> bool:
    """`{% diligence_may "policy" as can %}`: whether the user may do this."""
    user = context.get("user")
    return bool(user) and _ABILITIES[what](user)

"""Who writes to the partner registry on behalf of the portal.

People act as themselves: the registry's history must say who made a change. The registry's
services accept a partner focal point (`portal.self`) as the actor of changes to its own
organisation's non-key fields and contacts (accord.partners.permissions.can_self_serve); other
changes are written by the system on the person's behalf (a staff decision applies a change
request with the staff member as actor), labelled with the partner's user name
(`portal:<username>`) so they stay traceable to the person."""

from accord.partners import permissions as partner_permissions


def registry_actor(user, organisation=None):
    """`user` when the registry lets them make this change themselves, else None (system)."""
    if organisation is None:
        return user if partner_permissions.can_create(user) else None
    allowed = partner_permissions.can_edit(user, organisation) or (
        partner_permissions.can_self_serve(user, organisation)
    )
    return user if allowed else None


def registry_batch(user, writer) -> str:
    """The history label of a change written by the system on `user`'s behalf ("" when the
    user is the actor themselves)."""
    return "" if writer is not None else f"portal:{user.username}"[:64]

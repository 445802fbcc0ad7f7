"""The one guarded door of the knowledge hub.

Knowledge is shared across the organisation, so items are not limited by region: every reader
(knowledge.view) sees published items; those who write knowledge (knowledge.edit) also see
drafts, items in review and archived items. What an item says about partners is scoped like
the registry: the partners linked to an item and the recipients of its disseminations are
shown only when the user may see them (a regional focal point sees those of their region(s)),
and a user links or sends to only partners they may see. Partner focal points and reviewers do
not read the knowledge hub (403). An item the user may not see answers 404."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.knowledge.models import Item, State
from accord.partners import permissions as partner_permissions

# Who may change an item in each state: writers while it is drafted or reviewed, publishers
# once it is out (a correction to a published story), nobody once archived.
_EDIT_ACTION = {
    State.DRAFT: "knowledge.edit",
    State.IN_REVIEW: "knowledge.edit",
    State.PUBLISHED: "knowledge.publish",
}


def can_view(user) -> bool:
    return can(user, "knowledge.view")


def can_write(user) -> bool:
    """May create items and record disseminations."""
    return can(user, "knowledge.view") and can(user, "knowledge.edit")


def can_publish(user) -> bool:
    return can(user, "knowledge.publish")


def item_scope(user) -> Q | None:
    """The items `user` may see as a filter, or None when they may see none."""
    if not can_view(user):
        return None
    return Q() if can(user, "knowledge.edit") else Q(state=State.PUBLISHED)


def visible_items(user, qs: QuerySet | None = None) -> QuerySet[Item]:
    qs = Item.objects.all() if qs is None else qs
    scope = item_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def can_edit(user, item: Item) -> bool:
    action = _EDIT_ACTION.get(item.state)
    return action is not None and can_view(user) and can(user, action)


def can_disseminate(user, item: Item) -> bool:
    """Only a published item is sent out, by someone who writes knowledge."""
    return item.state == State.PUBLISHED and can_write(user)


def partner_scope(user, prefix: str = "organisation__") -> Q | None:
    """The partners whose links and receipts `user` may see (the registry's own scope)."""
    return partner_permissions.organisation_scope(user, prefix)


def require_view(user) -> None:
    if not can_view(user):
        raise PermissionDeniedError("You may not read the knowledge hub.")


def require_write(user) -> None:
    if not can_write(user):
        raise PermissionDeniedError("You may not write knowledge items.")


def item_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> Item:
    """The item `pk` if `user` may see it (else 404); with action "edit" or "disseminate",
    403 when it is visible but that may not be done to it now."""
    require_view(user)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    item = visible_items(user, Item.objects.all() if qs is None else qs).filter(pk=pk).first()
    if item is None:
        raise Http404
    if action == "edit" and not can_edit(user, item):
        raise PermissionDeniedError(
            f"You may not change an item that is “{item.get_state_display()}”."
        )
    if action == "disseminate":
        require_write(user)  # the service says when the item is not published yet
    return item

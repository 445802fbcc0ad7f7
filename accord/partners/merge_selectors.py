"""Reads of the merge log, through the registry's door: a merge is visible when the user sees
both organisations (else it looks like it does not exist), and undone only by someone who may
edit both."""

from django.db.models import QuerySet
from django.http import Http404

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.core.fetch import guarded
from accord.partners import permissions
from accord.partners.models import Merge, Organisation

_RELATED = ("survivor", "merged", "performed_by", "undone_by")


def merge_list(*, user) -> QuerySet[Merge]:
    """Merges between organisations the user sees, newest first."""
    survivor = permissions.organisation_scope(user, "survivor__")
    merged = permissions.organisation_scope(user, "merged__")
    if survivor is None or merged is None:
        return Merge.objects.none()
    qs = Merge.objects.select_related(*_RELATED).filter(survivor, merged)
    return guarded(qs.order_by("-performed_at", "-id"))


def merge_for(user, pk, *, action: str = "view") -> Merge:
    """The merge `pk`: 404 unless the user sees both organisations, 403 when undoing it and
    the user may not edit both."""
    if action not in ("view", "undo"):
        raise KeyError(f"Unknown merge action {action!r}")
    if not can(user, "partners.view"):
        raise PermissionDeniedError("You may not read the partner registry.")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    merge = merge_list(user=user).filter(pk=pk).first()
    if merge is None:
        raise Http404
    if action == "undo" and not _edits_both(user, merge):
        raise PermissionDeniedError("You may not undo this merge: it needs the right to edit both.")
    return merge


def _edits_both(user, merge: Merge) -> bool:
    return all(permissions.can_edit(user, org) for org in (merge.survivor, merge.merged))


def can_undo(user, merge: Merge) -> bool:
    """Whether the page offers the undo button (the service still checks it can be done)."""
    return merge.undone_at is None and _edits_both(user, merge)


def merge_of(*, user, organisation: Organisation) -> Merge | None:
    """The merge that archived `organisation` into another, if the user may see it."""
    if organisation.merged_into_id is None:
        return None
    return merge_list(user=user).filter(merged=organisation, undone_at__isnull=True).first()

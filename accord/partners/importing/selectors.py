"""Reads of imports, through the acting user's scope: staff who may register partners import;
a regional focal point sees the imports they made, other importers every import."""

from django.db.models import QuerySet
from django.http import Http404

from accord.accounts.roles import region_scope
from accord.core.errors import PermissionDeniedError
from accord.core.fetch import guarded
from accord.partners import permissions
from accord.partners.models import ColumnMapping, ImportBatch, ImportRow


def can_import(user) -> bool:
    return permissions.can_create(user)


def in_scope(user, batch: ImportBatch) -> bool:
    return region_scope(user) is None or batch.created_by_id == user.pk


def import_batch_list(*, user) -> QuerySet[ImportBatch]:
    if not can_import(user):
        return ImportBatch.objects.none()
    qs = guarded(ImportBatch.objects.select_related("created_by", "rolled_back_by"))
    return qs if region_scope(user) is None else qs.filter(created_by=user)


def import_batch_for(user, pk) -> ImportBatch:
    """The import `pk` if the user may see it (else 404; 403 for users who may not import)."""
    if not can_import(user):
        raise PermissionDeniedError("You may not import partners.")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    batch = import_batch_list(user=user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def import_row_list(*, batch: ImportBatch, outcome: str = "") -> QuerySet[ImportRow]:
    rows = guarded(batch.rows.select_related("organisation", "contact"))
    if outcome in ImportRow.Outcome.values:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("number")


def column_mapping_list(*, kind: str) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.filter(kind=kind).order_by("name")

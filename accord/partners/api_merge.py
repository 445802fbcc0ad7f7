"""API of merges: merge two records of one partner, read a merge, undo it. Mounted by the API
assembly under /api/v1/. Both organisations come through the registry's door (outside the
user's scope: 404; without the right to edit both: 403); errors use the API's JSON format."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from accord.accounts.roles import can
from accord.api.common import Page, paginate
from accord.core.errors import PermissionDeniedError
from accord.partners import merge_selectors, permissions
from accord.partners.api import OrganisationRef
from accord.partners.merge import CHOICES, merge_undo, moved_counts, organisation_merge
from accord.partners.models import Merge

router = Router(tags=["merges"])

Side = Literal["survivor", "merged"]


class MergeVersions(Schema):
    survivor: int | None = None
    merged: int | None = None


class MergeIn(Schema):
    survivor: int = Field(description="Id of the organisation kept")
    merged: int = Field(description="Id of the organisation merged into it (archived)")
    field_choices: dict[str, Side] = Field(
        {},
        description=f"Per field, whose value is kept; fields: {', '.join(CHOICES)}. "
        "Unset: the survivor's, or the merged one's where the survivor has none.",
    )
    versions: MergeVersions | None = Field(None, description="Refuse a stale merge (409)")


class MergeMovedOut(Schema):
    label: str
    moved: int
    updated: int
    dropped: int
    added: int


class MergeOut(Schema):
    id: int
    survivor: OrganisationRef
    merged: OrganisationRef
    field_choices: dict[str, str]
    before: dict
    moved: list[MergeMovedOut]
    performed_by: str | None
    performed_at: datetime
    undone_at: datetime | None
    undone_by: str | None


class MergePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MergeOut]


def _out(merge: Merge) -> dict:
    return {
        "id": merge.pk,
        "survivor": {"id": merge.survivor_id, "name": merge.survivor.name},
        "merged": {"id": merge.merged_id, "name": merge.merged.name},
        "field_choices": merge.field_choices,
        "before": merge.before,
        "moved": [
            {
                "label": row["label"],
                "moved": row["ids"],
                "updated": row["changed"],
                "dropped": row["dropped"],
                "added": row["created"],
            }
            for row in moved_counts(merge.moved)
        ],
        "performed_by": str(merge.performed_by) if merge.performed_by else None,
        "performed_at": merge.performed_at,
        "undone_at": merge.undone_at,
        "undone_by": str(merge.undone_by) if merge.undone_by else None,
    }


def _read(user, pk) -> dict:
    return _out(merge_selectors.merge_for(user, pk))


@router.get("/merges", response=MergePage, summary="List merges")
def merge_list(request, page: Query[Page]):
    if not can(request.auth, "partners.view"):
        raise PermissionDeniedError("You may not read the partner registry.")
    data = paginate(merge_selectors.merge_list(user=request.auth), page)
    data["results"] = [_out(m) for m in data.pop("rows")]
    return data


@router.post("/merges", response={201: MergeOut}, summary="Merge two organisations")
def merge_create(request, payload: MergeIn):
    survivor = permissions.organisation_for(request.auth, payload.survivor, action="edit")
    merged = permissions.organisation_for(request.auth, payload.merged, action="edit")
    merge = organisation_merge(
        actor=request.auth,
        survivor=survivor,
        merged=merged,
        field_choices=payload.field_choices,
        expected_versions=payload.versions.dict() if payload.versions else None,
    )
    return Status(201, _read(request.auth, merge.pk))


@router.get("/merges/{merge_id}", response=MergeOut, summary="One merge")
def merge_read(request, merge_id: int):
    return _read(request.auth, merge_id)


@router.post("/merges/{merge_id}/undo", response=MergeOut, summary="Undo a merge")
def merge_undo_endpoint(request, merge_id: int):
    merge = merge_selectors.merge_for(request.auth, merge_id, action="undo")
    merge_undo(actor=request.auth, merge=merge)
    return _read(request.auth, merge_id)

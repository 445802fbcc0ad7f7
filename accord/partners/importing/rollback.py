"""Rolling an import back as a whole, later: the organisations and contacts it created are
removed (their history stays, with a `delete` entry), the organisations it updated get their
previous values back from their history (through organisation_update). When someone changed
one of those records after the import (edited it, added a contact or a relationship, merged
it), the rollback is refused and says which, because it would lose that later work; nothing is
rolled back then."""

import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.core.history import model_key
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.importing.selectors import can_import, in_scope
from accord.partners.models import Contact, ImportBatch, Merge, Organisation, Relationship

ORG, CONTACT = model_key(Organisation), model_key(Contact)
_LABEL = re.compile(r"^import:(\d+)(?::rollback)?$")
_CHUNK = 500
_SHOWN = 8
_DERIVED = {"region"}  # follows the country


def rollback_label(batch: ImportBatch) -> str:
    return f"{batch.history_batch}:rollback"


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


@transaction.atomic
def import_rollback(*, actor, batch: ImportBatch) -> ImportBatch:
    """Undo a whole import; refused (with the records that stand in the way) when that would
    lose changes made since."""
    if actor is not None and not (can_import(actor) and can(actor, "partners.archive")):
        raise PermissionDeniedError("You may not roll back imports.")
    if actor is not None and not in_scope(actor, batch):
        raise PermissionDeniedError("This import belongs to someone else.")
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.IMPORTED:
        raise ValidationError(
            f"Only an import that was carried out can be rolled back; this one is "
            f"{batch.get_status_display().lower()}."
        )
    label = batch.history_batch
    ours = list(
        HistoryEntry.objects.filter(batch=label)
        .order_by("id")
        .values_list("id", "model", "object_id", "action", "changes")
    )
    created = {(m, pk) for _, m, pk, action, _ in ours if action == "create"}
    updates: dict[tuple, list[dict]] = {}
    last_entry: dict[tuple, int] = {}
    for entry_id, m, pk, action, changes in ours:
        last_entry[(m, pk)] = entry_id
        if action == "update" and (m, pk) not in created:
            updates.setdefault((m, pk), []).append(changes)
    blocking = _later_changes(label, created, last_entry) + _links_to_created(created)
    if blocking:
        shown = "; ".join(blocking[:_SHOWN]) + (" …" if len(blocking) > _SHOWN else "")
        raise ValidationError(
            f"This import cannot be rolled back: {len(blocking)} record(s) it wrote were "
            f"changed afterwards, and rolling back would lose that work: {shown}. Nothing was "
            "rolled back."
        )
    undo = rollback_label(batch)
    removed_contacts = _delete(actor, Contact, {pk for m, pk in created if m == CONTACT}, undo)
    restored = _restore(actor, updates, undo)
    removed_orgs = _delete(actor, Organisation, {pk for m, pk in created if m == ORG}, undo)
    batch.status = ImportBatch.Status.ROLLED_BACK
    batch.rolled_back_at = timezone.now()
    batch.rolled_back_by = actor if actor is not None and actor.is_authenticated else None
    batch.counts = {
        **batch.counts,
        "removed": removed_orgs + removed_contacts,
        "restored": restored,
    }
    batch.save(update_fields=["status", "rolled_back_at", "rolled_back_by", "counts"])
    return batch


def _rolled_back_labels(labels: set[str]) -> set[str]:
    """Entries of imports that were rolled back themselves (and of those rollbacks) leave the
    record as it was: they do not stand in the way."""
    numbers = {int(m.group(1)) for m in map(_LABEL.match, labels) if m}
    undone = set(
        ImportBatch.objects.filter(
            pk__in=numbers, status=ImportBatch.Status.ROLLED_BACK
        ).values_list("pk", flat=True)
    )
    return {lb for lb in labels if (m := _LABEL.match(lb)) and int(m.group(1)) in undone}


def _later_changes(label: str, created: set, last_entry: dict) -> list[str]:
    later = []
    for m in (ORG, CONTACT):
        ids = {pk for model, pk in last_entry if model == m}
        for chunk in _chunks(ids):
            later += list(
                HistoryEntry.objects.filter(model=m, object_id__in=chunk)
                .exclude(batch=label)
                .select_related("actor")
                .order_by("id")
            )
    later = [
        e
        for e in later
        if (e.model, e.object_id) in created or e.id > last_entry[(e.model, e.object_id)]
    ]
    neutral = _rolled_back_labels({e.batch for e in later if e.batch})
    return [
        f"“{e.object_repr}” ({e.get_action_display()} by {e.actor or 'the system'} on "
        f"{timezone.localtime(e.at):%d %b %Y %H:%M})"
        for e in later
        if e.batch not in neutral
    ]


def _links_to_created(created: set) -> list[str]:
    orgs = {pk for m, pk in created if m == ORG}
    contacts = {pk for m, pk in created if m == CONTACT}
    found = []
    for chunk in _chunks(orgs):
        others = Contact.objects.filter(organisation_id__in=chunk).exclude(pk__in=contacts)
        found += [
            f"“{c.organisation.name}” (contact {c.full_name} added since)"
            for c in others.select_related("organisation")
        ]
        links = Relationship.objects.filter(Q(source_id__in=chunk) | Q(target_id__in=chunk))
        found += [
            f"“{r}” (relationship added since)" for r in links.select_related("source", "target")
        ]
        merges = Merge.objects.filter(Q(survivor_id__in=chunk) | Q(merged_id__in=chunk))
        found += [f"merge #{m.pk} (made since)" for m in merges]
    return found


def _old_values(changes_list: list[dict]) -> dict:
    """Each field's value before the first change the import made to it."""
    before: dict = {}
    for changes in changes_list:
        for field, pair in changes.items():
            if field not in _DERIVED and isinstance(pair, list) and len(pair) == 2:
                before.setdefault(field, pair[0])
    return before


def _restore(actor, updates: dict, undo: str) -> int:
    restored = 0
    for (m, pk), changes_list in updates.items():
        old = _old_values(changes_list)
        if m == ORG:
            org = Organisation.objects.select_related("category", "country", "region", "owner").get(
                pk=pk
            )
            values = {
                f: ("" if v is None and f not in ("country", "owner") else v)
                for f, v in old.items()
            }
            services.organisation_update(actor=actor, organisation=org, batch=undo, **values)
        else:
            contact = Contact.objects.select_related("organisation").get(pk=pk)
            if old.get("consent_given_at"):
                old["consent_given_at"] = datetime.fromisoformat(old["consent_given_at"])
            services.contact_update(actor=actor, contact=contact, **old)
        restored += 1
    return restored


def _delete(actor, model, ids: set[int], undo: str) -> int:
    who = actor if actor is not None and actor.is_authenticated else None
    key = model_key(model)
    for chunk in _chunks(ids):
        objects = list(model.objects.filter(pk__in=chunk))
        HistoryEntry.objects.bulk_create(
            HistoryEntry(
                model=key,
                object_id=o.pk,
                object_repr=str(o)[:300],
                action="delete",
                changes={"rolled back": [str(o)[:300], None]},
                actor=who,
                batch=undo,
            )
            for o in objects
        )
        try:
            model.objects.filter(pk__in=chunk).delete()
        except ProtectedError as exc:
            names = ", ".join(sorted({str(o) for o in exc.protected_objects})[:_SHOWN])
            raise ValidationError(
                f"This import cannot be rolled back: other records now point at what it "
                f"created ({names}). Nothing was rolled back."
            ) from None
    return len(ids)

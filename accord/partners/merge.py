"""Merging two records of one partner into one, and undoing it.

The surviving record keeps, field by field, the values chosen; outcomes and resources are
united; the merged record's name and acronym become other names of the survivor (so search
still finds it by them); every row that pointed at the merged record moves to the survivor
(accord/partners/relations.py says which and how). The merged record is archived and points
at the survivor (`merged_into`). Identifiers stay unique and stay in the registry: when the
survivor takes the merged record's identifiers, the two records swap them, so an identifier
the survivor gave up is still found on the merged record, which leads to the survivor.

The merge is logged (Merge: both records before, the choices, every moved row) and can be
undone exactly, unless something since makes that unsafe: see `merge_undo`."""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import record
from accord.core.versioning import check_and_bump_version
from accord.partners import permissions, relations, rowlog
from accord.partners.models import Merge, Organisation, OrganisationName, Resource
from accord.partners.services import _reindex

Side = Literal["survivor", "merged"]
SIDES = ("survivor", "merged")

# What the person chooses, field by field: each choice carries these columns together.
CHOICES: dict[str, tuple[str, ...]] = {
    "name": ("name", "sort_name"),
    "acronym": ("acronym",),
    "category": ("category_id",),
    "subtype": ("subtype",),
    "country": ("country_id", "region_id"),
    "city": ("city",),
    "website": ("website",),
    "email": ("email",),
    "phone": ("phone",),
    "description": ("description",),
    "identifiers": ("iati_identifier", "registration_number", "ref"),
    "status": ("status",),
    "owner": ("owner_id",),
}
LABELS = {
    "name": "Name",
    "acronym": "Acronym",
    "category": "Partner category",
    "subtype": "Sub-type",
    "country": "Country",
    "city": "City",
    "website": "Website",
    "email": "E-mail",
    "phone": "Phone",
    "description": "Description",
    "identifiers": "Identifiers",
    "status": "Status",
    "owner": "Relationship owner",
}
_RELATED = ("category", "country", "region", "owner")


def _shown(org: Organisation) -> dict[str, str]:
    """Each choice as the page shows it."""
    ids = [
        f"{label} {value}"
        for label, value in (
            ("IATI", org.iati_identifier),
            ("registration", org.registration_number),
            ("source ref", org.ref),
        )
        if value
    ]
    return {
        "name": org.name,
        "acronym": org.acronym,
        "category": org.category.short_name or org.category.name,
        "subtype": org.subtype,
        "country": org.country.name if org.country else "",
        "city": org.city,
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
        "description": org.description,
        "identifiers": " · ".join(ids),
        "status": org.get_status_display(),
        "owner": str(org.owner) if org.owner else "",
    }


def default_choices(survivor: Organisation, merged: Organisation) -> dict[str, Side]:
    """Keep the survivor's values, except where it has none and the merged one has some."""

    def empty(org, key):
        return not any(getattr(org, column) for column in CHOICES[key])

    return {
        key: "merged" if empty(survivor, key) and not empty(merged, key) else "survivor"
        for key in CHOICES
    }


def _clean_choices(given, survivor, merged) -> dict[str, Side]:
    given = dict(given or {})
    unknown = sorted(set(given) - set(CHOICES))
    if unknown:
        raise ValidationError(
            {
                "field_choices": (
                    f"Unknown field(s): {', '.join(unknown)}. Choose among: {', '.join(CHOICES)}."
                )
            }
        )
    bad = {k: "Choose “survivor” or “merged”." for k, v in given.items() if v not in SIDES}
    if bad:
        raise ValidationError(bad)
    return {**default_choices(survivor, merged), **given}


def _plan(survivor: dict, merged: dict, choices: dict) -> tuple[dict, dict]:
    """The columns the merge changes on each record (serialised, as in Merge.before), computed
    from the records before and the choices: the merge applies it, the undo checks it."""
    survivor_after = {}
    for key, columns in CHOICES.items():
        if choices.get(key) == "merged":
            survivor_after |= {c: merged[c] for c in columns if merged[c] != survivor[c]}
    own = survivor["resources_offered"] or []
    resources = list(dict.fromkeys([*own, *(merged["resources_offered"] or [])]))
    if resources != own:
        survivor_after["resources_offered"] = resources
    merged_after = {}
    if choices.get("identifiers") == "merged":  # the two records swap identifiers
        merged_after = {c: survivor[c] for c in CHOICES["identifiers"] if survivor[c] != merged[c]}
    return survivor_after, merged_after


def _locked(*pks: int) -> list[Organisation]:
    rows = Organisation.objects.select_related(*_RELATED).select_for_update(of=("self",))
    found = rows.in_bulk(sorted(pks))
    return [found[pk] for pk in pks]


def _deny_unless_editor(actor, orgs, verb: str) -> None:
    if actor is not None and not all(permissions.can_edit(actor, org) for org in orgs):
        raise PermissionDeniedError(f"You may not {verb}: it needs the right to edit both.")


def _set(org: Organisation, values: dict, *extra: str) -> None:
    for name, value in rowlog.deserialise(Organisation, values).items():
        setattr(org, name, value)
    org.save(update_fields=[*values, *extra, "updated_at"])


def _state(org: Organisation) -> dict:
    return {
        "fields": rowlog.serialise(org),
        "shown": _shown(org),
        "names": list(org.names.order_by("id").values_list("name", flat=True)),
        "outcomes": sorted(org.outcomes.values_list("code", flat=True)),
    }


def _add_names(survivor: Organisation, before: dict, merged: Organisation) -> list:
    """The merged record's name and acronym, and the survivor's own former name and acronym
    when it took the merged one's, become other names of the survivor."""
    known = {t.casefold() for t in (survivor.name, survivor.acronym) if t}
    known |= {n.casefold() for n in survivor.names.values_list("name", flat=True)}
    wanted = [
        (before["name"], OrganisationName.Kind.FORMER),
        (before["acronym"], OrganisationName.Kind.ALIAS),
        (merged.name, OrganisationName.Kind.ALIAS),
        (merged.acronym, OrganisationName.Kind.ALIAS),
    ]
    rows = []
    for text, kind in wanted:
        if text and text.casefold() not in known:
            known.add(text.casefold())
            rows.append(OrganisationName(organisation=survivor, name=text, kind=kind))
    return OrganisationName.objects.bulk_create(rows)


def _reindex_names(org: Organisation) -> None:
    _reindex(org, list(org.names.values_list("name", flat=True)))


def moved_counts(moved: list[dict]) -> list[dict]:
    """What a merge did to each relation, in numbers: rows moved, rows updated in place,
    duplicates dropped, rows added."""
    rows = []
    for entry in moved:
        key = f"{entry['model']}.{entry['field']}"
        try:
            label = relations.relation_for(key).label
        except LookupError:
            label = key
        counts = {k: len(entry.get(k) or ()) for k in ("ids", "changed", "dropped", "created")}
        rows.append({"label": label, **counts})
    return rows


def _summary(moved: list[dict]) -> str:
    words = {
        "ids": "moved",
        "changed": "updated",
        "dropped": "dropped as duplicates",
        "created": "added",
    }
    parts = []
    for row in moved_counts(moved):
        bits = [f"{row[k]} {word}" for k, word in words.items() if row[k]]
        parts.append(f"{row['label']}: {', '.join(bits)}")
    return "; ".join(parts)


@transaction.atomic
def organisation_merge(
    *,
    actor,
    survivor: Organisation,
    merged: Organisation,
    field_choices: dict[str, Side] | None = None,
    expected_versions: dict[str, int | None] | None = None,
) -> Merge:
    """One partner registered twice becomes one record: `merged` is archived and points at
    `survivor`, which keeps the chosen values and everything that pointed at either. Needs the
    right to edit both; `expected_versions` ({"survivor": n, "merged": n}) refuses a stale
    merge (ConflictError)."""
    if survivor.pk == merged.pk:
        raise ValidationError({"merged": "Choose two different organisations."})
    s, m = _locked(survivor.pk, merged.pk)
    _deny_unless_editor(actor, (s, m), "merge these organisations")
    for side, org in (("survivor", s), ("merged", m)):
        if org.is_archived:
            raise ValidationError({side: f"{org} is archived: restore it before merging."})
    versions = dict(expected_versions or {})
    if set(versions) - set(SIDES):
        raise ValidationError({"versions": "Give versions as {survivor: n, merged: n}."})
    choices = _clean_choices(field_choices, s, m)
    for side, org in (("survivor", s), ("merged", m)):
        expected = versions.get(side)
        if expected is not None and expected != org.version:
            raise ConflictError()
        check_and_bump_version(org, org.version)
    before = {"survivor": _state(s), "merged": _state(m)}
    survivor_after, merged_after = _plan(
        before["survivor"]["fields"], before["merged"]["fields"], choices
    )
    merge = Merge.objects.create(
        survivor=s,
        merged=m,
        before=before,
        field_choices=choices,
        performed_by=actor if actor is not None and actor.is_authenticated else None,
    )
    journal = rowlog.Journal(actor=actor, note=f"Merge #{merge.pk}: {m} into {s}")
    if "iati_identifier" in merged_after:  # free it first: IATI identifiers are unique
        Organisation.objects.filter(pk=m.pk).update(iati_identifier="")
    _set(s, survivor_after)
    merge.moved = relations.move_all(survivor=s, merged=m, actor=actor, journal=journal)
    added = _add_names(s, before["survivor"]["fields"], m)
    if added:
        merge.moved.append(
            {
                "model": "partners.organisationname",
                "field": "organisation",
                "created": [row.pk for row in added],
            }
        )
    m.archived_at, m.merged_into = timezone.now(), s
    _set(m, merged_after, "archived_at", "merged_into")
    _reindex_names(s)
    merge.save(update_fields=["moved"])

    shown_s, shown_m = before["survivor"]["shown"], before["merged"]["shown"]
    changes = {
        key: [shown_s[key], shown_m[key]]
        for key in CHOICES
        if choices[key] == "merged" and shown_s[key] != shown_m[key]
    }
    if "resources_offered" in survivor_after:
        changes["resources_offered"] = [
            before["survivor"]["fields"]["resources_offered"],
            s.resources_offered,
        ]
    changes["merged_organisation"] = [None, f"{m.name} (#{m.pk}) {shown_m['identifiers']}"]
    if added:
        changes["other_names"] = [None, ", ".join(row.name for row in added)]
    changes["moved_records"] = [None, _summary(merge.moved) or "none"]
    record(obj=s, action="merge", actor=actor, changes=changes, note=journal.note)
    m_changes = {"archived_at": [None, m.archived_at.isoformat()], "merged_into": [None, str(s)]}
    m_changes |= {c: [before["merged"]["fields"][c], v] for c, v in merged_after.items()}
    record(obj=m, action="merge", actor=actor, changes=m_changes, note=journal.note)
    journal.flush()
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return merge


def _check_undoable(s: Organisation, m: Organisation, s_after: dict, m_after: dict) -> None:
    """An undo puts back what the merge changed, so it is refused when that would silently
    throw away what happened since: the survivor merged or archived in turn, the merged record
    no longer merged into it, or a field the merge set edited again."""
    if s.merged_into_id is not None:
        raise ValidationError(
            f"{s} was itself merged into another organisation since: undo that merge first."
        )
    if s.is_archived:
        raise ValidationError(f"{s} was archived after the merge: restore it first.")
    if m.merged_into_id != s.pk:
        raise ValidationError(f"{m} is no longer merged into {s}, so this merge cannot be undone.")
    stale = []
    for org, after in ((s, s_after), (m, m_after)):
        now = rowlog.serialise(org)
        for key, columns in [*CHOICES.items(), ("resources_offered", ("resources_offered",))]:
            if any(c in after and now[c] != after[c] for c in columns):
                stale.append(f"{LABELS.get(key, 'resources offered').lower()} of {org}")
    if stale:
        raise ValidationError(
            f"Since the merge, these were edited again: {'; '.join(stale)}. Undoing the merge "
            "would silently discard those edits, so it is refused: set them back to the merged "
            "values, or correct the records by hand."
        )


@transaction.atomic
def merge_undo(*, actor, merge: Merge) -> None:
    """Undo a merge: both records get back the values they had, every moved row goes back,
    every dropped duplicate comes back, and the merged record is active again. Needs the right
    to edit both; refused with the reason when it cannot be done safely."""
    fresh = Merge.objects.select_for_update().get(pk=merge.pk)
    if fresh.undone_at is not None:
        raise ValidationError(f"This merge was already undone on {fresh.undone_at:%d %b %Y}.")
    s, m = _locked(fresh.survivor_id, fresh.merged_id)
    _deny_unless_editor(actor, (s, m), "undo this merge")
    before_s, before_m = fresh.before["survivor"]["fields"], fresh.before["merged"]["fields"]
    s_after, m_after = _plan(before_s, before_m, fresh.field_choices)
    _check_undoable(s, m, s_after, m_after)
    check_and_bump_version(s, s.version)
    check_and_bump_version(m, m.version)
    journal = rowlog.Journal(actor=actor, note=f"Merge #{fresh.pk} undone")
    try:
        with transaction.atomic():
            for entry in reversed(fresh.moved):
                relations.restore(entry, survivor=s, merged=m, journal=journal)
            if "iati_identifier" in s_after:
                Organisation.objects.filter(pk=s.pk).update(iati_identifier="")
            back = ("archived_at", "merged_into_id", *m_after)
            _set(m, {c: before_m[c] for c in back})
            _set(s, {c: before_s[c] for c in s_after})
    except IntegrityError:
        raise ValidationError(
            "Records added since the merge clash with the ones the undo would bring back "
            "(the same alias, link or identifier twice): remove them, then undo again."
        ) from None
    _reindex_names(s)
    fresh.undone_at = timezone.now()
    fresh.undone_by = actor if actor is not None and actor.is_authenticated else None
    fresh.save(update_fields=["undone_at", "undone_by"])
    shown_s, shown_m = fresh.before["survivor"]["shown"], fresh.before["merged"]["shown"]
    changes = {
        key: [shown_m[key], shown_s[key]]
        for key in CHOICES
        if fresh.field_choices.get(key) == "merged" and shown_s[key] != shown_m[key]
    }
    changes["merged_organisation"] = [f"{m.name} (#{m.pk})", None]
    record(obj=s, action="update", actor=actor, changes=changes, note=journal.note)
    m_changes = {"archived_at": [before_m["archived_at"], None], "merged_into": [str(s), None]}
    record(obj=m, action="restore", actor=actor, changes=m_changes, note=journal.note)
    journal.flush()
    merge.undone_at, merge.undone_by = fresh.undone_at, fresh.undone_by


# --- reads ---


def merge_preview(*, survivor: Organisation, merged: Organisation) -> dict:
    """What the merge page shows: both records side by side, field by field (with the default
    choice), and what would move. Callers fetch both through permissions.organisation_for."""
    shown_s, shown_m = _shown(survivor), _shown(merged)
    defaults = default_choices(survivor, merged)
    rows = [
        {
            "key": key,
            "label": LABELS[key],
            "survivor": shown_s[key],
            "merged": shown_m[key],
            "differs": any(getattr(survivor, c) != getattr(merged, c) for c in columns),
            "default": defaults[key],
        }
        for key, columns in CHOICES.items()
    ]
    resources = dict.fromkeys([*survivor.resources_offered, *merged.resources_offered])
    return {
        "rows": rows,
        "defaults": defaults,
        "moves": relations.count_all(merged),
        "resources": [Resource(c).label for c in resources if c in Resource.values],
        "new_names": [n for n in (merged.name, merged.acronym) if n],
        "archived": [org for org in (survivor, merged) if org.is_archived],
    }

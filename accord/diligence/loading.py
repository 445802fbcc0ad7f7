"""Loading a sanctions list file as a new version of its list.

Entries are matched to the ones already stored by the list's own identifier (DATAID): new ones
are added, changed ones updated (names replaced), ones the file no longer carries are marked
delisted in this version — never deleted, since screening results point at them — and a
delisted entry that comes back is listed again. The whole load is one transaction; the same
file twice, or a file older than the current version, is refused with the reason."""

import hashlib
import json
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.accounts.countries import country_index
from accord.core.text import fold
from accord.diligence.models import Entry, EntryName, ListVersion, SanctionsList
from accord.diligence.parsers import PARSERS, ListFileError, ParsedEntry
from accord.diligence.signals import list_version_loaded

FACTS = (
    "reference_number", "kind", "name", "original_script_name", "list_type", "listed_on",
    "gender", "nationalities", "dates_of_birth", "places_of_birth", "addresses", "documents",
    "titles", "designations", "comments",
)


def fingerprint(parsed: ParsedEntry) -> str:
    facts = {f: getattr(parsed, f) for f in FACTS}
    facts["names"] = [(n.name, n.kind, n.quality, n.note) for n in parsed.names]
    return hashlib.sha256(json.dumps(facts, default=str, sort_keys=True).encode()).hexdigest()


def _countries(parsed: ParsedEntry, index: dict) -> list[str]:
    """ISO2 codes of the countries named in the entry's nationality, addresses and places of
    birth (as far as they can be recognised)."""
    texts = [
        *parsed.nationalities,
        *(a.get("country", "") for a in parsed.addresses),
        *(p.get("country", "") for p in parsed.places_of_birth),
    ]
    codes = {index[key].code for key in map(fold, texts) if key in index}
    return sorted(codes)


def _facts(parsed: ParsedEntry, index: dict) -> dict:
    values = {f: getattr(parsed, f) for f in FACTS}
    values["countries"] = _countries(parsed, index)
    values["fingerprint"] = fingerprint(parsed)
    return values


def _names(entry: Entry, parsed: ParsedEntry) -> list[EntryName]:
    return [
        EntryName(
            entry=entry, name=n.name[:500], kind=n.kind, quality=n.quality, note=n.note,
            key=fold(n.name)[:500],
        )
        for n in parsed.names
    ]


def _check_new(sanctions_list: SanctionsList, checksum: str, generated_at) -> None:
    same = sanctions_list.versions.filter(checksum=checksum).first()
    if same is not None:
        raise ValidationError(
            f"This file was already loaded, as “{same}” on {same.loaded_at:%Y-%m-%d}."
        )
    current = sanctions_list.versions.filter(is_current=True).first()
    if current and current.generated_at and generated_at and generated_at < current.generated_at:
        raise ValidationError(
            f"This file was generated on {generated_at:%Y-%m-%d}, before the current version "
            f"({current.generated_at:%Y-%m-%d}): load the newest list."
        )


@transaction.atomic
def load_list(*, actor, sanctions_list: SanctionsList, file_name: str, data: bytes) -> ListVersion:
    """Load `data` (the list file's bytes) as the new current version of `sanctions_list`."""
    try:
        parsed = PARSERS[sanctions_list.parser](data)
    except ListFileError as exc:
        raise ValidationError({"file": [str(exc)]}) from None
    checksum = hashlib.sha256(data).hexdigest()
    _check_new(sanctions_list, checksum, parsed.generated_at)
    sanctions_list.versions.filter(is_current=True).update(is_current=False)
    version = ListVersion.objects.create(
        sanctions_list=sanctions_list,
        generated_at=parsed.generated_at,
        checksum=checksum,
        file_name=PurePath(file_name).name[:255],
        loaded_by=actor if actor is not None and actor.is_authenticated else None,
        is_current=True,
    )
    counts = _apply(sanctions_list, version, parsed.entries)
    counts["skipped"] = len(parsed.notes)
    version.counts = counts
    version.save(update_fields=["counts"])
    transaction.on_commit(lambda: list_version_loaded.send(sender=ListVersion, version=version))
    return version


def _apply(sanctions_list: SanctionsList, version: ListVersion, entries: list) -> dict:
    index = country_index()
    stored = {e.data_id: e for e in Entry.objects.filter(sanctions_list=sanctions_list)}
    counts = {"entries": len(entries), "added": 0, "changed": 0, "relisted": 0}
    new_entries, new_names, changed = [], [], []
    for parsed in entries:
        facts = _facts(parsed, index)
        entry = stored.pop(parsed.data_id, None)
        if entry is None:
            entry = Entry(
                sanctions_list=sanctions_list, data_id=parsed.data_id,
                first_version=version, last_version=version, **facts,
            )
            new_entries.append((entry, parsed))
            continue
        relisted = entry.delisted_in_id is not None
        if entry.fingerprint != facts["fingerprint"] or relisted:
            for name, value in facts.items():
                setattr(entry, name, value)
            changed.append((entry, parsed))
            counts["relisted" if relisted else "changed"] += 1
        entry.last_version, entry.delisted_in = version, None
        entry.save()
    Entry.objects.bulk_create([e for e, _ in new_entries], batch_size=500)
    counts["added"] = len(new_entries)
    EntryName.objects.filter(entry__in=[e for e, _ in changed]).delete()
    for entry, parsed in [*new_entries, *changed]:
        new_names += _names(entry, parsed)
    EntryName.objects.bulk_create(new_names, batch_size=1000)
    gone = [e.pk for e in stored.values() if e.delisted_in_id is None]
    counts["delisted"] = Entry.objects.filter(pk__in=gone).update(delisted_in=version)
    counts["listed"] = Entry.objects.filter(
        sanctions_list=sanctions_list, delisted_in__isnull=True
    ).count()
    return counts

"""Which column of the file feeds which of Accord's import columns.

A mapping is {file header: target column, or "" for a column that is ignored}. `guess` reads
the headers case-insensitively, without accents or punctuation, in English, French, Spanish
and Portuguese ("Organisation name", "Nom", "País"), with a little tolerance for typos; a
person can change the guess in the wizard and save it by name (ColumnMapping)."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process

from accord.partners.models import ImportKind


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    help: str
    synonyms: tuple[str, ...] = ()
    required: bool = False


COLUMNS_FILE = Path(__file__).with_name("columns.csv")


def _load_columns() -> dict[str, tuple[Column, ...]]:
    """The import columns of each kind, from columns.csv: name, label, whether required, help
    and the other names a spreadsheet may give it (";"-separated, the more specific first)."""
    found: dict[str, list[Column]] = {kind: [] for kind in ImportKind.values}
    with COLUMNS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            synonyms = tuple(s.strip() for s in row["synonyms"].split(";") if s.strip())
            found[row["kind"]].append(
                Column(row["column"], row["label"], row["help"], synonyms, row["required"] == "yes")
            )
    return {kind: tuple(columns) for kind, columns in found.items()}


COLUMNS = _load_columns()
ORGANISATION_COLUMNS = COLUMNS[ImportKind.ORGANISATIONS]
CONTACT_COLUMNS = COLUMNS[ImportKind.CONTACTS]
_FUZZY_CUTOFF = 90
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def columns(kind: str) -> tuple[Column, ...]:
    return COLUMNS[ImportKind(kind).value]


def targets(kind: str) -> dict[str, Column]:
    return {c.name: c for c in columns(kind)}


def header_key(header: str) -> str:
    """ "País (ISO)" -> "pais iso": lower-case ASCII words."""
    return " ".join(_NOT_WORD.sub(" ", anyascii(header or "").lower()).split())


def _synonyms(kind: str) -> dict[str, tuple[str, int]]:
    """{header key: (target, rank)}: a column's own name and label rank first, then its
    synonyms in the order listed (the more specific first)."""
    found: dict[str, tuple[str, int]] = {}
    for column in columns(kind):
        for rank, text in enumerate((column.name, column.label, *column.synonyms)):
            found.setdefault(header_key(text), (column.name, max(0, rank - 1)))
    return found


def guess(headers: list[str], kind: str) -> dict[str, str]:
    """The likeliest target of each header ("" when none); each target used at most once, by
    the header that matches it best (exact names before typos, stronger synonyms before weaker
    ones, the first header on ties)."""
    synonyms = _synonyms(kind)
    choices = list(synonyms)
    scored = []
    for position, header in enumerate(headers):
        key = header_key(header)
        if key in synonyms:
            target, rank = synonyms[key]
            scored.append((100.0 - rank / 100, position, header, target))
            continue
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if best is not None:
            target, rank = synonyms[best[0]]
            scored.append((best[1] - 1 - rank / 100, position, header, target))
    mapping = dict.fromkeys(headers, "")
    taken: set[str] = set()
    for _, _, header, target in sorted(scored, key=lambda s: (-s[0], s[1])):
        if target not in taken:
            mapping[header] = target
            taken.add(target)
    return mapping


def problems(mapping: dict[str, str], kind: str, *, duplicates: bool = True) -> list[str]:
    """What makes a mapping unusable: an unknown target, a target fed by two columns (unless
    `duplicates` is false: a form reports those on the columns), a required column missing."""
    known = targets(kind)
    used: dict[str, list[str]] = {}
    messages = []
    for header, target in mapping.items():
        if not target:
            continue
        if target not in known:
            messages.append(f"Column “{header}”: unknown target column {target!r}.")
            continue
        used.setdefault(target, []).append(header)
    for target, headers in used.items():
        if duplicates and len(headers) > 1:
            shown = ", ".join(f"“{h}”" for h in headers)
            messages.append(f"{shown} are all mapped to {known[target].label}: choose one.")
    for column in known.values():
        if column.required and column.name not in used:
            messages.append(f"No column is mapped to {column.label}, which is required.")
    if kind == ImportKind.CONTACTS:
        names = {"first_name", "last_name"} <= set(used) or "full_name" in used
        if not names:
            messages.append("Map the first and last names, or a full name.")
        if not {"organisation", "organisation_ref", "organisation_identifier"} & set(used):
            messages.append(
                "Map a column that says each contact's organisation: its name, source "
                "reference or identifier."
            )
    return messages


def ignored(mapping: dict[str, str]) -> list[str]:
    return [header for header, target in mapping.items() if not target]


def apply_saved(headers: list[str], saved: dict[str, str], current: dict[str, str]) -> dict:
    """A saved mapping applied to this file's headers (matched case-insensitively); headers it
    does not know keep the current choice, and a target it gives is taken from other headers."""
    by_key = {header_key(h): t for h, t in saved.items()}
    result = dict(current)
    for header in headers:
        key = header_key(header)
        if key in by_key:
            target = by_key[key]
            for other, chosen in result.items():
                if target and chosen == target and header_key(other) not in by_key:
                    result[other] = ""
            result[header] = target
    return result

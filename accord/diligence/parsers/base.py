"""The shape every sanctions-list parser produces."""

from dataclasses import dataclass, field
from datetime import date, datetime


class ListFileError(ValueError):
    """The file is not a list this parser can read; the message says what and where."""


@dataclass(frozen=True)
class ParsedName:
    name: str
    kind: str  # NameKind: primary / alias / original
    quality: str = ""  # AliasQuality: good / low / aka / fka / ""
    note: str = ""


@dataclass
class ParsedEntry:
    data_id: str
    kind: str  # EntryKind: individual / entity
    name: str
    reference_number: str = ""
    original_script_name: str = ""
    list_type: str = ""
    listed_on: date | None = None
    gender: str = ""
    nationalities: list[str] = field(default_factory=list)
    dates_of_birth: list[dict] = field(default_factory=list)
    places_of_birth: list[dict] = field(default_factory=list)
    addresses: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    designations: list[str] = field(default_factory=list)
    comments: str = ""
    names: list[ParsedName] = field(default_factory=list)


@dataclass
class ParsedList:
    generated_at: datetime | None
    entries: list[ParsedEntry]
    notes: list[str] = field(default_factory=list)  # what was skipped, and why

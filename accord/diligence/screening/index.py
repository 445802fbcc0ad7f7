"""The listed names held in memory for screening: every name of every entry still listed on
the current version of each active list, with its words and blocking keys. Built once per
process and rebuilt when a list's current version changes (the check is one small query)."""

from collections import defaultdict
from dataclasses import dataclass, field

from accord.diligence.models import EntryName, ListVersion
from accord.diligence.screening.names import blocking_keys, words_of

# A blocking key shared by more listed names than this finds too many candidates to be useful
# on its own (pairs of words and rarer words still find them).
MAX_BLOCK = 100


@dataclass(frozen=True)
class ListedName:
    name_id: int
    entry_id: int
    kind: str  # individual / entity
    quality: str
    name: str
    words: tuple[str, ...]


@dataclass
class ListIndex:
    versions: dict[int, int] = field(default_factory=dict)  # list id -> current version id
    names: list[ListedName] = field(default_factory=list)
    by_key: dict[str, list[int]] = field(default_factory=dict)
    entry_countries: dict[int, tuple[str, ...]] = field(default_factory=dict)
    entry_version: dict[int, int] = field(default_factory=dict)  # entry id -> version id

    def candidates(self, words: tuple[str, ...], kind: str) -> list[ListedName]:
        """The listed names of `kind` worth scoring against `words`: those that share a pair
        of word sounds with it, or a rare word's sound and more than one key (a match needs
        two words in common unless a name has one word only)."""
        shared: dict[int, int] = {}
        for key in blocking_keys(words):
            members = self.by_key.get(key, ())
            if len(members) <= MAX_BLOCK or key.startswith(("p:", "x:")):
                weight = 2 if key[0] in "px" else 1
                for i in members:
                    shared[i] = shared.get(i, 0) + weight
        single = len(words) == 1
        return [
            name
            for i, count in sorted(shared.items())
            if (name := self.names[i]).kind == kind
            and (count >= 2 or single or len(name.words) == 1)
        ]


def _current() -> tuple[dict[int, int], tuple]:
    """The current version of each active list ({list id: version id}), and a key that changes
    whenever one of them does (ids alone can come back after a rollback)."""
    rows = list(
        ListVersion.objects.filter(is_current=True, sanctions_list__is_active=True)
        .order_by("sanctions_list_id")
        .values_list("sanctions_list_id", "id", "checksum", "loaded_at")
    )
    return {row[0]: row[1] for row in rows}, tuple(rows)


def build(versions: dict[int, int]) -> ListIndex:
    rows = (
        EntryName.objects.filter(
            entry__sanctions_list_id__in=versions, entry__delisted_in__isnull=True
        )
        .values_list(
            "id", "entry_id", "entry__kind", "quality", "name", "entry__countries",
            "entry__sanctions_list_id",
        )
        .order_by("id")
    )
    return build_from(rows, versions)


def build_from(rows, versions: dict[int, int]) -> ListIndex:
    """The index of (name id, entry id, kind, quality, name, entry countries, list id) rows."""
    index = ListIndex(versions=versions)
    by_key = defaultdict(list)
    for name_id, entry_id, kind, quality, name, countries, list_id in rows:
        words = words_of(name, kind)
        if not words:
            continue
        position = len(index.names)
        index.names.append(ListedName(name_id, entry_id, kind, quality, name, words))
        for key in blocking_keys(words):
            by_key[key].append(position)
        index.entry_countries[entry_id] = tuple(countries or ())
        index.entry_version[entry_id] = versions.get(list_id, 0)
    index.by_key = dict(by_key)
    return index


_cached: tuple[tuple, ListIndex] | None = None


def get_index() -> ListIndex:
    """The index of the current versions (rebuilt when one of them changed)."""
    global _cached
    versions, key = _current()
    if _cached is None or _cached[0] != key:
        _cached = (key, build(versions))
    return _cached[1]

"""The screening evaluation set, built from the real UN Security Council list: true matches as
they occur in practice and hard non-matches, each labelled with the entry it should (or should
not) find.

True matches (`kind` says which variation): a listed name or alias written with another
transliteration ("Mohammed" / "Muhammad", "ou" / "u", "kh" / "h", "al-" / "el-"), with its
parts in another order, with a middle part missing, with a spelling mistake, in its original
script (Arabic, Cyrillic) where the list gives one, and — for entities — with legal words added
("Ltd", "Company", "Group"). Hard non-matches: ordinary names that share words with listed
names (a listed given name with another family name, a listed family name with another given
name, organisations that share a listed entity's country or trade words).

    build(entries, seed=7) -> list[Case]   (entries: accord.diligence.parsers ParsedEntry)"""

import random
import re
from dataclasses import dataclass

from accord.diligence.screening.names import blocking_keys, words_of


def _split(text: str) -> list[str]:
    return text.split()


GIVEN = _split(
    """James Maria Wei Ahmed Fatima Olga Pierre Ana Kenji Amina Carlos Priya Hassan Elena Juan
Aisha Dmitri Grace Omar Leila Samuel Nadia Tomas Yusuf Ingrid Chen Mariam Pablo Sofia
Ibrahim"""
)
FAMILY = _split(
    """Smith Garcia Wang Kowalski Okafor Novak Silva Haddad Tanaka Mensah Petrovic Larsen Moreau
Rossi Nguyen Fischer Kaya Jensen Costa Ansari Mwangi Dubois Schmidt Romero Lindqvist Sato
Oyelaran Herrera Baker Vasquez"""
)
ORG_WORDS = _split(
    """Development Foundation Cooperative Institute Trading Construction Hospital University
Agency Council Network Partners Services Holdings Logistics Energy Water Housing Community
Youth Women Urban Rural Education"""
)
LEGAL = ["Ltd", "LLC", "Company", "Co.", "Group", "Corporation", "S.A.", "GmbH", "Inc."]
SWAPS = [
    ("mohammed", "muhammad"), ("muhammad", "mohamed"), ("mohammad", "mohammed"),
    ("ou", "u"), ("u", "ou"), ("kh", "h"), ("q", "k"), ("dh", "d"), ("ee", "i"), ("y", "i"),
    ("i", "y"), ("al-", "el-"), ("abd al", "abdul"), ("abdul", "abdel"), ("sh", "ch"),
    ("j", "dj"), ("ei", "ey"), ("ii", "i"), ("v", "w"), ("ph", "f"),
]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "individual" or "entity": what is screened
    variation: str
    entry: str  # the entry's data_id for a true match, "" for a non-match


def _transliterate(name: str, rng: random.Random) -> str | None:
    lower = name.lower()
    options = [(a, b) for a, b in SWAPS if a in lower]
    if not options:
        return None
    a, b = rng.choice(options)
    index = lower.index(a)
    return name[:index] + b + name[index + len(a) :]


def _typo(name: str, rng: random.Random) -> str | None:
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    if len(letters) < 8:
        return None
    i = rng.choice(letters[2:-1])
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"\s+", name.strip()) if p]


def _variants(entry, rng: random.Random) -> list[tuple[str, str]]:
    names = [entry.name, *(n.name for n in entry.names if n.kind == "alias" and n.quality != "low")]
    name = rng.choice(names)
    parts = _parts(name)
    out = [("case and punctuation", name.title().replace("-", " "))]
    variant = _transliterate(name, rng)
    if variant:
        out.append(("transliteration", variant))
    if len(parts) >= 2:
        out.append(("reordered", " ".join(parts[-1:] + parts[:-1])))
    if entry.kind == "individual" and len(parts) >= 3:
        middle = rng.randrange(1, len(parts) - 1)
        out.append(("part missing", " ".join(parts[:middle] + parts[middle + 1 :])))
    variant = _typo(name, rng)
    if variant:
        out.append(("spelling mistake", variant))
    if entry.original_script_name:
        out.append(("original script", entry.original_script_name))
    if entry.kind == "entity":
        out.append(("legal words added", f"{name} {rng.choice(LEGAL)}"))
    return out


def _other(words: list[str], entry, rng: random.Random) -> str:
    """A word of `words` that is no part of any of the entry's names (a "hard" non-match
    shares one word with a listed name, not two)."""
    taken = " ".join(n.name.lower() for n in entry.names)
    return rng.choice([w for w in words if w.lower()[:4] not in taken])


def _non_matches(entry, rng: random.Random) -> list[tuple[str, str]]:
    parts = _parts(entry.name)
    if entry.kind == "individual":
        out = [("shares the given name", f"{parts[0]} {_other(FAMILY, entry, rng)}")]
        if len(parts) >= 2:
            out.append(("shares the family name", f"{_other(GIVEN, entry, rng)} {parts[-1]}"))
        return out
    word = max(parts, key=len)
    return [("shares a word", f"{word.title()} {rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)}")]


def _pair_keys(name: str, kind: str) -> set[str]:
    return {k for k in blocking_keys(words_of(name, kind)) if k.startswith("p:")}


def build(entries, seed: int = 7) -> list[Case]:
    """The cases. A non-match shares one word with a listed name, never two: a name that shares
    two words (by sound) with any listed name is a plausible match a screener must look at, so
    it is left out of the non-matches rather than counted either way."""
    rng = random.Random(seed)
    listed_pairs = {
        key for e in entries for n in e.names for key in _pair_keys(n.name, e.kind)
    }
    cases = []
    for entry in entries:
        for variation, name in _variants(entry, rng):
            cases.append(Case(name, entry.kind, variation, entry.data_id))
        for variation, name in _non_matches(entry, rng):
            if not _pair_keys(name, entry.kind) & listed_pairs:
                cases.append(Case(name, entry.kind, variation, ""))
    return cases

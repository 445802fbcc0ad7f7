"""Names as screening compares them.

A person's name is folded to lower-case ASCII words (transliterated from any script, so
"Усама" and "Usama" meet), honorifics dropped; order does not matter. An organisation's name
goes through the duplicate detector's normaliser (accord.partners.matching.names: articles,
connecting words and legal forms such as Ltd, LLC, S.A. dropped; common organisation words in
other languages put in English). Each word also gets a sound key (`sound`) so spelling and
transliteration variants of the same word ("Mohammed", "Muhammad", "Mohamad") share it."""

import re
from functools import lru_cache

from accord.core.text import fold
from accord.partners.matching.names import name_tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words(
    """mr mrs ms miss dr prof sir sheikh shaykh sheik haji hajji mullah maulana mawlawi
    maulavi qari general gen colonel col major maj captain capt lieutenant lt"""
)
# Name particles: kept in the name, but too common to find candidates by.
PARTICLES = _words("al el ul bin ben ibn bint abu abd abdul abdel von van der de da")

_VOWELS = re.compile(r"[aeiouy]+")
_SOUNDS = (
    ("dj", "j"), ("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"),
    ("ch", "s"), ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"), ("x", "ks"), ("w", "v"),
    ("j", "g"),
)


@lru_cache(maxsize=100_000)
def sound(word: str) -> str:
    """A rough sound key of a folded word: first letter kept (vowels included), then the
    consonants, similar ones merged, h dropped, doubles collapsed ("muhammad" -> "mmd",
    "mohamed" -> "mmd", "gaddafi" -> "gdf")."""
    if not word:
        return ""
    if word.isdigit():
        return word
    for old, new in _SOUNDS:
        word = word.replace(old, new)
    head, rest = word[0], word[1:]
    if head in "aeiouy":
        head = "a"
    consonants = _VOWELS.sub("", rest).replace("h", "")
    out = head
    for ch in consonants:
        if ch != out[-1]:
            out += ch
    return out


def person_words(name: str) -> tuple[str, ...]:
    words = [w for w in fold(name).split() if w not in HONORIFICS]
    return tuple(w for w in words if len(w) > 1 or w.isdigit())


# Words that say what kind of body an entity is, not which one: the duplicate detector keeps
# some of them (they tell a foundation from a company), screening does not.
GENERIC_ENTITY_WORDS = _words(
    """company co corp corporation group holding holdings limited ltd llc inc incorporated plc
    sa sarl gmbh ag enterprise enterprises firm"""
)


def entity_words(name: str) -> tuple[str, ...]:
    words = tuple(w for w in name_tokens(name) if w not in GENERIC_ENTITY_WORDS)
    return words or tuple(fold(name).split())


def words_of(name: str, kind: str) -> tuple[str, ...]:
    return person_words(name) if kind == "individual" else entity_words(name)


def blocking_keys(words: tuple[str, ...]) -> set[str]:
    """Keys a candidate must share with the screened name: each word's sound (particles such
    as "al" or "bin" left out), and every pair of word sounds (so a name of common words,
    "Mohammed Ali", still meets its match through the pair)."""
    sounds = sorted({sound(w) for w in words})
    keys = {f"w:{sound(w)}" for w in words if w not in PARTICLES and len(sound(w)) >= 3}
    # The set of a word's letters survives most typing slips (two letters swapped, one
    # doubled) that change its sound key.
    keys |= {f"l:{''.join(sorted(set(w)))}" for w in words if len(w) >= 5}
    keys |= {f"p:{a}|{b}" for i, a in enumerate(sounds) for b in sounds[i + 1 :]}
    if len(words) == 1:
        keys.add(f"x:{words[0]}")
    return keys

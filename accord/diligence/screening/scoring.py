"""The score of a screened name against a listed name, with its explanation.

Words are paired one to one, best pairs first (spelling similarity, or a shared sound key for
transliteration variants); the score is the similarity of the paired words weighted by how
much of both names they cover, so a missing middle name costs a little and an extra or missing
family name costs more. Then the list's own judgement and the facts around the name: a "Low"
quality alias weighs less, a shared country weighs more. Weights and the threshold are
settings (`ACCORD_SCREENING_WEIGHTS`, `ACCORD_SCREENING_THRESHOLD`)."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from rapidfuzz.distance import Indel, JaroWinkler

from accord.diligence.screening.names import PARTICLES, sound

DEFAULT_WEIGHTS = {
    "word_match": 0.86,  # a word pair below this spelling similarity does not count...
    "same_sound": 0.9,  # ...unless the two words share a sound key: then it counts this much
    "sound_floor": 0.7,  # (if their spelling is at least this close)
    "whole_name": 0.87,  # names written as one string this alike are a match whatever the words
    "cover_listed": 0.4,  # share of the score from how much of the listed name is found
    "cover_screened": 0.6,  # ...and of the screened name
    "low_quality": 0.82,  # factor for a "Low" quality alias
    "same_country": 0.06,  # added when the partner's country is one of the entry's
    "other_country": -0.04,  # added when both have countries and none is shared
}
DEFAULT_THRESHOLD = 0.8


def weights() -> dict[str, float]:
    return {**DEFAULT_WEIGHTS, **getattr(settings, "ACCORD_SCREENING_WEIGHTS", {})}


def threshold() -> float:
    return float(getattr(settings, "ACCORD_SCREENING_THRESHOLD", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class Scored:
    score: float
    reasons: list[str]


def _weight(word: str) -> float:
    """How much a word counts: particles ("al", "bin") little, short words less than long."""
    return 0.3 if word in PARTICLES else min(len(word), 8) / 8 + 0.5


@lru_cache(maxsize=500_000)
def _spelling(x: str, y: str) -> float:
    """Jaro-Winkler similarity of two words (the same pairs come back all the time: common
    given names against common listed names)."""
    return 1.0 if x == y else JaroWinkler.similarity(x, y)


def _word_similarity(x: str, y: str, w: dict) -> float:
    similarity = _spelling(x, y)
    if w["word_match"] > similarity >= w["sound_floor"] and len(x) > 1 and sound(x) == sound(y):
        return w["same_sound"]
    return similarity


def _pairs(a: tuple[str, ...], b: tuple[str, ...], w: dict) -> list[tuple[int, int, float]]:
    """Word pairs (index in a, index in b, similarity), one to one, best first."""
    options = []
    match = w["word_match"]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            similarity = _word_similarity(x, y, w)
            if similarity >= match:
                options.append((similarity, i, j))
    options.sort(reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for similarity, i, j in options:
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            pairs.append((i, j, similarity))
    return pairs


def score_names(
    screened: tuple[str, ...], listed: tuple[str, ...], w: dict | None = None
) -> tuple[float, list[str]]:
    """How alike two names are (0..1), and why, in words."""
    w = w or weights()
    if not screened or not listed:
        return 0.0, []
    whole_s, whole_l = "".join(screened), "".join(listed)
    if whole_s == whole_l:
        return 1.0, ["the same name"]
    whole = Indel.normalized_similarity(whole_s, whole_l)
    if whole >= w["whole_name"]:
        return whole, ["the same name but for a letter or a space"]
    pairs = _pairs(screened, listed, w)
    if not pairs:
        return 0.0, []
    # A single common word in common is no match (one word of a longer listed name).
    if len(pairs) == 1 and min(len(screened), len(listed)) > 1:
        return 0.0, []
    total_s = sum(_weight(x) for x in screened)
    total_l = sum(_weight(y) for y in listed)
    found_s = sum(_weight(screened[i]) * s for i, _, s in pairs)
    found_l = sum(_weight(listed[j]) * s for _, j, s in pairs)
    score = w["cover_listed"] * found_l / total_l + w["cover_screened"] * found_s / total_s
    reasons = []
    exact = sum(1 for i, j, _ in pairs if screened[i] == listed[j])
    variants = [(screened[i], listed[j]) for i, j, s in pairs if screened[i] != listed[j]]
    reasons.append(f"{len(pairs)} of {len(listed)} listed name parts found ({exact} exactly)")
    if variants:
        shown = ", ".join(f"{x} ~ {y}" for x, y in variants[:3])
        reasons.append(f"spelling or transliteration variants: {shown}")
    order_s = [i for i, _, _ in sorted(pairs, key=lambda p: p[1])]
    if order_s != sorted(order_s):
        reasons.append("name parts in another order")
    missing = [listed[j] for j in range(len(listed)) if j not in {p[1] for p in pairs}]
    if missing:
        reasons.append(f"not in the screened name: {' '.join(missing)}")
    extra = [screened[i] for i in range(len(screened)) if i not in {p[0] for p in pairs}]
    if extra:
        reasons.append(f"not in the listed name: {' '.join(extra)}")
    return score, reasons


def adjust(
    score: float, reasons: list[str], *, quality: str, countries: set[str], entry_countries,
    w: dict | None = None,
) -> Scored:
    """The name score with the list's alias quality and the countries taken into account."""
    w = w or weights()
    reasons = list(reasons)
    if quality == "low":
        score *= w["low_quality"]
        reasons.append("the list marks this alias as low quality: it weighs less")
    if countries and entry_countries:
        shared = countries & set(entry_countries)
        if shared:
            score += w["same_country"]
            reasons.append(f"same country: {', '.join(sorted(shared))}")
        else:
            score += w["other_country"]
            reasons.append("no country in common")
    return Scored(round(max(0.0, min(1.0, score)), 3), reasons)

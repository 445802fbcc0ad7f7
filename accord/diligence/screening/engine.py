"""Screening names against the index: the best listed name of each entry that scores at or
above the threshold, with the score and its explanation."""

from dataclasses import dataclass

from accord.diligence.screening import scoring
from accord.diligence.screening.index import ListIndex
from accord.diligence.screening.names import words_of


@dataclass(frozen=True)
class Found:
    entry_id: int
    name_id: int
    screened_name: str
    listed_name: str
    score: float
    reasons: list[str]


def screen_names(
    index: ListIndex,
    names: list[str],
    *,
    kind: str,
    countries: set[str] = frozenset(),
    minimum: float | None = None,
    w: dict | None = None,
) -> list[Found]:
    """Every listed entry of `kind` ("individual" or "entity") that one of `names` matches,
    best first; `countries` are ISO2 codes of the subject (nationality, seat)."""
    w = w or scoring.weights()
    minimum = scoring.threshold() if minimum is None else minimum
    best: dict[int, Found] = {}
    for name in dict.fromkeys(n for n in names if n and n.strip()):
        words = words_of(name, kind)
        if not words:
            continue
        for listed in index.candidates(words, kind):
            raw, reasons = scoring.score_names(words, listed.words, w)
            if raw <= 0:
                continue
            scored = scoring.adjust(
                raw, reasons, quality=listed.quality, countries=countries,
                entry_countries=index.entry_countries.get(listed.entry_id, ()), w=w,
            )
            if scored.score < minimum:
                continue
            current = best.get(listed.entry_id)
            if current is None or scored.score > current.score:
                best[listed.entry_id] = Found(
                    listed.entry_id, listed.name_id, name, listed.name, scored.score,
                    [f"“{name}” ~ listed “{listed.name}”", *scored.reasons],
                )
    return sorted(best.values(), key=lambda f: (-f.score, f.entry_id))

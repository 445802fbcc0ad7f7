"""Matching many organisations against the registry at once (a large import file).

`find_matches` answers one question at a time from the database (a few queries and the
profiles of its candidates each time): right for a form or a small file, minutes for 100,000
rows. Here the registry's profiles are read once and indexed by the duplicate detector's own
blocking keys (`matching.blocking`), and each row is scored (`matching.scoring.score_pair`)
against the organisations that share a useful key with it — the same keys, limits and scores
as the detector's full scan, with the rows of the file on one side only.

    best_matches(records, on_each=None) -> [Match | None]   (one per record, in order)
    worth_it(rows) -> bool   (whether this beats one find_matches per record)"""

from collections import defaultdict
from collections.abc import Callable

from accord.partners.matching import Match, OrgRecord
from accord.partners.matching.blocking import blocking_keys, max_block
from accord.partners.matching.registry import all_profiles, in_use
from accord.partners.matching.scoring import profile, score_pair, threshold, weights

# A row costs find_matches about as much as reading this many registered profiles.
PROFILES_PER_LOOKUP = 200
MIN_ROWS = 50


def worth_it(rows: int) -> bool:
    """Whether reading the whole registry once beats one lookup per row."""
    return rows >= MIN_ROWS and rows * PROFILES_PER_LOOKUP >= in_use().count()


def _index(profiles) -> dict[str, list]:
    index: dict[str, list] = defaultdict(list)
    for p in profiles:
        for key in blocking_keys(p):
            index[key].append(p)
    return index


def best_matches(
    records: list[OrgRecord], on_each: Callable[[], None] | None = None
) -> list[Match | None]:
    """The best registered match (at or above the threshold) of each record, or None;
    `on_each` is called after each record (progress reporting)."""
    index = _index(all_profiles())
    limit, w, minimum = max_block(), weights(), threshold()
    found: list[Match | None] = []
    for record in records:
        query = profile(record)
        candidates = {}
        for key in blocking_keys(query):
            kind, _, value = key.partition(":")
            # Initials meet acronyms (and acronyms initials), never other initials.
            groups = [index.get(f"a:{value}", ())] if kind == "m" else [index.get(key, ())]
            if kind == "a":
                groups.append(index.get(f"m:{value}", ()))
            for members in groups:
                if len(members) < limit or kind in "ir":
                    candidates.update((p.id, p) for p in members)
        best = None
        for pk in sorted(candidates):
            score, reasons = score_pair(query, candidates[pk], w)
            if score >= minimum and (best is None or score > best.score):
                best = Match(pk, score, reasons)
        found.append(best)
        if on_each is not None:
            on_each()
    return found

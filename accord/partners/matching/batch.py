"""Matching many organisations against the registry at once (a large import file).

`find_matches` answers one question at a time from the database (a few queries and the
profiles of its candidates each time): right for a form or a small file, minutes for 100,000
rows. Here the registry's profiles are read once and indexed by the duplicate detector's own
blocking keys (`matching.blocking`), and each row is scored (`matching.scoring.score_pair`)
against the organisations that share a useful key with it — the same keys, limits and scores
as the detector's full scan, with the rows of the file on one side only.

    best_matches(records, on_each=None) -> [Match | None]   (one per record, in order)
    worth_it(rows) -> bool   (whether this beats one find_matches per record)"""

import os
from collections import defaultdict
from collections.abc import Callable

from accord.core import forking
from accord.partners.matching import Match, OrgRecord
from accord.partners.matching.blocking import blocking_keys, max_block
from accord.partners.matching.registry import all_profiles, in_use
from accord.partners.matching.scoring import profile, score_pair, threshold, weights

# A row costs find_matches about as much as reading this many registered profiles.
PROFILES_PER_LOOKUP = 200
MIN_ROWS = 50
# Below this many rows, forking processes to share the scoring costs more than it saves.
FORK_MIN_ROWS = 2000


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
    `on_each` is called after each record (progress reporting). A large file is shared out
    among forked processes (core/forking.py), which all read the one index built here."""
    index = _index(all_profiles())
    limit, w, minimum = max_block(), weights(), threshold()
    parent = os.getpid()

    def match(record: OrgRecord) -> Match | None:
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
        return best

    def match_part(part: range) -> list[Match | None]:
        found = []
        for i in part:
            found.append(match(records[i]))
            if on_each is not None and os.getpid() == parent:  # children report nothing
                on_each()
        return found

    parts = _parts(len(records))
    found: list[Match | None] = []
    for part, matches in zip(parts, forking.split_map(match_part, parts), strict=True):
        found += matches
        if on_each is not None and part.start > 0:  # a child's part, reported once back
            for _ in part:
                on_each()
    return found


def _parts(count: int) -> list[range]:
    """The records each process scores: all in one part under FORK_MIN_ROWS, else one part
    per process (the first is this process's own)."""
    n = forking.processes() if count >= FORK_MIN_ROWS else 1
    size = max(1, -(-count // n))
    return [range(start, min(count, start + size)) for start in range(0, count, size)]

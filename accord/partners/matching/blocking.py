"""Candidate generation for a full scan, so that no all-pairs loop is needed.

Every organisation gets blocking keys: its distinctive name words (generic words such as
"bank" are left out), its whole normalised name, the first and last letters of its name run
together and its words with one letter left out (to meet misspellings), its acronyms and
short names (which meet the initials of other names), its domains and its identifiers. Only
organisations that share a key are compared, and a key shared by more than `max_block`
organisations (a word too common to tell anyone apart) is ignored."""

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from rapidfuzz import fuzz

from accord.partners.matching import vocab
from accord.partners.matching.scoring import Profile, score_pair, threshold, weights

DEFAULT_MAX_BLOCK = 40


def max_block() -> int:
    return int(getattr(settings, "ACCORD_DUPLICATE_MAX_BLOCK", DEFAULT_MAX_BLOCK))


def blocking_keys(p: Profile) -> set[str]:
    keys: set[str] = set()
    for tokens in p.names:
        distinctive = [t for t in tokens if t not in vocab.GENERIC and len(t) > 1]
        keys.update(f"t:{t}" for t in distinctive)
        # A word with one letter left out meets the same word misspelt ("ngieria" and
        # "nigeria" both give "ngeria").
        for t in distinctive:
            if 5 <= len(t) <= 20:
                keys.update(f"x:{t[:i]}{t[i + 1 :]}" for i in range(len(t)))
        keys.add("n:" + " ".join(sorted(tokens)))
        run = "".join(tokens)
        if len(run) >= 8:
            keys.add(f"p:{run[:6]}")
            keys.add(f"s:{run[-6:]}")
    keys.update(f"a:{a}" for a in p.acronyms | p.name_keys if len(a) >= 2)
    # Initials only meet acronyms (see candidate_pairs), never other initials.
    keys.update(f"m:{i}" for i in p.initials - p.acronyms - p.name_keys if len(i) >= 2)
    keys.update(f"d:{d}" for d in p.domains)
    if p.iati:
        keys.add(f"i:{p.iati}")
    if p.registration:
        keys.add(f"r:{p.registration}")
    return keys


def candidate_pairs(profiles: list[Profile], *, limit: int | None = None) -> set[tuple[int, int]]:
    """Pairs of positions in `profiles` (lower first) that share at least one useful key."""
    limit = limit or max_block()
    index: dict[str, list[int]] = defaultdict(list)
    for position, p in enumerate(profiles):
        for key in blocking_keys(p):
            index[key].append(position)
    pairs: set[tuple[int, int]] = set()
    for key, members in index.items():
        size = len(members)
        # Identifiers always block; other keys only while they still tell organisations apart.
        if size > limit and key[0] not in "ir":
            continue
        if key[0] == "m":
            acronym = index.get(f"a:{key[2:]}", ())
            if len(acronym) <= limit:
                pairs.update((min(i, j), max(i, j)) for i in members for j in acronym if i != j)
            continue
        for i in range(size - 1):
            first = members[i]
            pairs.update((first, second) for second in members[i + 1 :])
    return pairs


@dataclass(frozen=True)
class Found:
    first_id: int
    second_id: int
    score: float
    reasons: list[str]


# What the forked scoring workers read (set just before forking, so they share it for free).
_WORK: tuple | None = None
PARALLEL_FROM = 200_000  # pairs: fewer are scored in this process


def workers() -> int:
    default = min(2, os.cpu_count() or 1)
    return int(getattr(settings, "ACCORD_DUPLICATE_WORKERS", default))


# A pair that shares nothing but words of its names is not scored when no two of its names
# reach this token set ratio (rapidfuzz, 0-100): on the evaluation set every such pair scoring
# 0.6 or more is above 45.
NAMES_APART = 40


def _worth_scoring(a: Profile, b: Profile) -> bool:
    if (
        a.acronyms & (b.acronyms | b.name_keys | b.initials)
        or b.acronyms & (a.name_keys | a.initials)
        or a.domains & b.domains
        or (a.iati and a.iati == b.iati)
        or (a.registration and a.registration == b.registration)
    ):
        return True
    return any(
        fuzz.token_set_ratio(x, y, score_cutoff=NAMES_APART) for x in a.joined for y in b.joined
    )


def _score_range(bounds: tuple[int, int]) -> list[Found]:
    profiles, pairs, w, min_score = _WORK
    found = []
    for i, j in pairs[bounds[0] : bounds[1]]:
        a, b = profiles[i], profiles[j]
        if not _worth_scoring(a, b):
            continue
        score, reasons = score_pair(a, b, w)
        if score >= min_score:
            first, second = (a, b) if a.id < b.id else (b, a)
            found.append(Found(first.id, second.id, score, reasons))
    return found


def scan(
    profiles: Iterable[Profile], *, min_score: float | None = None, w: dict | None = None
) -> list[Found]:
    """Every pair of the profiles whose score reaches `min_score` (default: the threshold),
    lower id first, best first. A large scan is scored by `workers()` forked processes."""
    global _WORK
    profiles = list(profiles)
    pairs = sorted(candidate_pairs(profiles))
    _WORK = (profiles, pairs, w or weights(), threshold() if min_score is None else min_score)
    try:
        n = workers()
        if n > 1 and len(pairs) >= PARALLEL_FROM:
            step = -(-len(pairs) // (n * 4))
            ranges = [(start, start + step) for start in range(0, len(pairs), step)]
            with multiprocessing.get_context("fork").Pool(n) as pool:
                found = [f for part in pool.map(_score_range, ranges) for f in part]
        else:
            found = _score_range((0, len(pairs)))
    finally:
        _WORK = None
    found.sort(key=lambda f: (-f.score, f.first_id, f.second_id))
    return found

"""Scoring a pair of organisations from several signals, with the reasons for the score.

Each organisation is first reduced to a `Profile` (normalised names, acronyms, initials,
domains, identifiers, country). The score adds up evidence, each piece weighted by
`settings.ACCORD_DUPLICATE_WEIGHTS`: name similarity (or one name being the other's acronym),
the same acronym, an acronym that spells the other's initials, the same web or e-mail domain,
the same country; different countries and different identifiers count against. An equal IATI
identifier or registration number decides on its own (score 1)."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from accord.partners.matching import vocab
from accord.partners.matching.names import (
    initial_variants,
    name_tokens,
    registered_domain,
    site_host,
    split_name,
    squash,
)

DEFAULT_THRESHOLD = 0.75
DEFAULT_WEIGHTS: dict[str, float] = {
    "name": 1.0,  # times the name similarity (0..1)
    "name_fuzzy_share": 0.3,  # part of the name similarity from rapidfuzz's token sort ratio
    "generic_word": 0.25,  # weight of a word many organisations share ("bank"), against 1
    "typo_ratio": 0.8,  # two words at least this similar count as one misspelt word
    "one_sided_word": 1.5,  # a distinctive word found in one name only counts this much
    "one_sided_generic": 0.4,  # ... and a generic one ("University of X" is not "X")
    "part_of": -0.35,  # one name is a body of the other ("Executive Board of ...")
    "acronym_is_name": 0.85,  # name similarity when one name is the other's acronym
    "same_acronym": 0.25,
    "long_acronym": 0.2,  # added for an acronym of 6 letters or more (a part of it for 4-5)
    "acronym_in_country": 0.15,  # the same acronym in the same country
    "initials": 0.15,  # an acronym spells the initials of the other's name
    "domain": 0.35,  # same website or e-mail domain
    "parent_domain": 0.1,  # different sites under one domain ("xoc.uam.mx", "azc.uam.mx")
    "same_country": 0.05,
    "other_country": -0.4,
    "other_identifier": -0.5,  # both have an IATI identifier / registration number, different
    "other_domain": -0.1,  # both have a website, on different domains
    # A national government and a city often share a name ("Government of Luxembourg",
    # "Ville de Luxembourg") but are never one organisation.
    "government_and_city": -0.6,
}

_LEVELS = {"government", "local_authority"}


def threshold() -> float:
    return float(getattr(settings, "ACCORD_DUPLICATE_THRESHOLD", DEFAULT_THRESHOLD))


def weights() -> dict[str, float]:
    return {**DEFAULT_WEIGHTS, **getattr(settings, "ACCORD_DUPLICATE_WEIGHTS", {})}


@dataclass(frozen=True)
class OrgRecord:
    """What the matcher needs of an organisation, registered or described."""

    id: int
    name: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    website: str = ""
    email: str = ""
    country: str = ""  # ISO 3166 alpha-2, or ""
    iati_identifier: str = ""
    registration_number: str = ""
    category: str = ""  # partner category code, or ""


@dataclass
class Profile:
    id: int
    label: str  # the name as written, for reasons
    names: list[tuple[str, ...]] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)  # the names' words joined by spaces
    acronyms: set[str] = field(default_factory=set)
    acronym_label: str = ""
    name_keys: set[str] = field(default_factory=set)  # short names, to meet acronyms
    initials: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    website: str = ""  # the website's domain
    hosts: set[str] = field(default_factory=set)  # website and e-mail hosts
    country: str = ""
    iati: str = ""
    registration: str = ""
    category: str = ""


def _identifier(value: str) -> str:
    return "".join((value or "").split()).upper()


def profile(record: OrgRecord) -> Profile:
    p = Profile(
        id=record.id,
        label=record.name,
        acronym_label=record.acronym,
        country=(record.country or "").upper(),
        iati=_identifier(record.iati_identifier),
        registration=_identifier(record.registration_number).replace("-", ""),
        category=record.category or "",
    )
    written = [record.name, *record.aliases]
    for text in written:
        names, acronyms = split_name(text)
        p.acronyms.update(squash(a) for a in acronyms)
        for name in names:
            tokens = name_tokens(name)
            if tokens and tokens not in p.names:
                p.names.append(tokens)
                p.initials |= initial_variants(name)
                raw = squash(name)
                if len(name.split()) <= 2 and len(raw) <= 15:
                    p.name_keys.add(raw)
    if record.acronym:
        p.acronyms.add(squash(record.acronym))
    p.acronyms = {a for a in p.acronyms if len(a) >= 2}
    p.joined = [" ".join(tokens) for tokens in p.names]
    p.website = registered_domain(record.website)
    p.domains = {d for d in (p.website, registered_domain(record.email)) if d}
    p.hosts = {h for h in (site_host(record.website), site_host(record.email)) if h}
    return p


def _weight(token: str, w: dict) -> float:
    return w["generic_word"] if token in vocab.GENERIC else 1.0


@lru_cache(maxsize=1 << 18)
def _misspelling(a: str, b: str, min_ratio: float) -> float:
    """How alike two different words are when one may be a misspelling of the other, else 0:
    "habilitacoin" ~ "habilitacion" (one or two letters), but never "financial" ~
    "nonfinancial" nor "northern" ~ "southern". Callers check first that both have at least
    4 letters and lengths within 2 of each other."""
    if a in vocab.CONTRASTS and b in vocab.CONTRASTS:
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long.endswith(short) and long[: len(long) - len(short)] in vocab.JOIN_PREFIXES:
        return 0.0
    if OSA.distance(a, b, score_cutoff=2) > (1 if len(short) < 8 else 2):
        return 0.0
    ratio = fuzz.ratio(a, b) / 100
    return ratio if ratio >= min_ratio else 0.0


def _align(a: tuple[str, ...], b: tuple[str, ...], w: dict):
    """Pair the words of two names: equal words, then misspelt ones. Returns the weight of what
    matched and the words left over on each side."""
    left = list(b)
    matched = 0.0
    unmatched: list[str] = []
    for token in a:
        if token in left:
            left.remove(token)
            matched += _weight(token, w)
        else:
            unmatched.append(token)
    rest_a: list[str] = []
    min_ratio = w["typo_ratio"]
    for token in unmatched:
        # The length checks of _misspelling here: this loop runs for every pair of words of
        # every pair of names.
        best, best_ratio, size = None, 0.0, len(token)
        if size >= 4:
            for other in left:
                if len(other) >= 4 and abs(size - len(other)) <= 2:
                    ratio = _misspelling(token, other, min_ratio)
                    if ratio > best_ratio:
                        best, best_ratio = other, ratio
        if best is None:
            rest_a.append(token)
        else:
            left.remove(best)
            matched += best_ratio * (_weight(token, w) + _weight(best, w)) / 2
    return matched, rest_a, left


def token_similarity(a: tuple[str, ...], b: tuple[str, ...], w: dict) -> float:
    """Weighted Jaccard similarity of two word lists: a shared distinctive word counts fully,
    a shared generic word ("bank", "development") little, a misspelt word by its similarity,
    and every word found on one side only counts against (a distinctive one more). "African
    Development Bank" and "Asian Development Bank" share only generic words: they score low."""
    if not a or not b:
        return 0.0
    matched, rest_a, rest_b = _align(a, b, w)
    missing = sum(
        w["one_sided_generic"] if t in vocab.GENERIC else w["one_sided_word"]
        for t in (*rest_a, *rest_b)
    )
    return matched / (matched + missing) if matched else 0.0


def part_of(a: tuple[str, ...], b: tuple[str, ...], w: dict) -> bool:
    """One name is the other plus a word naming a body of it ("Executive Board of ..."), or
    the two differ by a number ("Fund II")."""
    _, rest_a, rest_b = _align(a, b, w)
    extra = [*rest_a, *rest_b]
    return bool(rest_a) != bool(rest_b) and any(
        t in vocab.PART_WORDS or t.isdigit() or t in vocab.CONTRASTS for t in extra
    )


def name_similarity(a: tuple[str, ...], b: tuple[str, ...], w: dict) -> float:
    if a == b:
        return 1.0
    share = w["name_fuzzy_share"]
    fuzzy = fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100
    return (1 - share) * token_similarity(a, b, w) + share * fuzzy


def _quote(tokens: tuple[str, ...]) -> str:
    return "“" + " ".join(tokens) + "”"


def score_pair(a: Profile, b: Profile, w: dict | None = None) -> tuple[float, list[str]]:
    """The likelihood (0..1) that `a` and `b` are one organisation, and why."""
    w = w or weights()
    if a.iati and a.iati == b.iati:
        return 1.0, [f"same IATI identifier {a.iati}"]
    if a.registration and a.registration == b.registration:
        return 1.0, [f"same registration number {a.registration}"]

    best, pair = 0.0, None
    for ta in a.names:
        for tb in b.names:
            sim = name_similarity(ta, tb, w)
            if sim > best:
                best, pair = sim, (ta, tb)
    reasons: list[str] = []
    evidence: list[tuple[float, str]] = []
    name_part = best
    if pair and best >= 0.999:
        reasons.append(f"same name once normalised ({_quote(pair[0])})")
    elif pair and best >= 0.5:
        reasons.append(f"similar names ({best:.0%}): {_quote(pair[0])} ~ {_quote(pair[1])}")
    if pair and best < 0.999 and part_of(*pair, w):
        evidence.append((w["part_of"], "one name is a part or an edition of the other"))
    acronym_names = (a.acronyms & b.name_keys) | (b.acronyms & a.name_keys)
    if acronym_names and w["acronym_is_name"] > name_part:
        name_part = w["acronym_is_name"]
        reasons.insert(0, f"one's name is the other's acronym ({sorted(acronym_names)[0].upper()})")
    score = w["name"] * name_part

    same_acronym = a.acronyms & b.acronyms
    if same_acronym:
        # A long acronym is shared by few organisations: BLADEX says more than ADB.
        acronym = max(same_acronym, key=len)
        extra = min(w["long_acronym"], max(0, len(acronym) - 3) * w["long_acronym"] / 3)
        evidence.append((w["same_acronym"] + extra, f"same acronym {acronym.upper()}"))
        if a.country and a.country == b.country:
            evidence.append((w["acronym_in_country"], f"same acronym in {a.country}"))
    spelled = (a.acronyms & b.initials) | (b.acronyms & a.initials)
    if spelled:
        acronym = sorted(spelled)[0].upper()
        evidence.append((w["initials"], f"acronym {acronym} matches the initials of the name"))
    hosts = a.hosts & b.hosts
    domains = a.domains & b.domains
    if hosts:
        evidence.append((w["domain"], f"same web or e-mail domain {sorted(hosts)[0]}"))
    elif domains:
        evidence.append(
            (w["parent_domain"], f"addresses under the same domain {sorted(domains)[0]}")
        )
    elif a.website and b.website:
        evidence.append((w["other_domain"], f"different websites ({a.website} and {b.website})"))
    if a.country and b.country:
        if a.country == b.country:
            evidence.append((w["same_country"], f"same country ({a.country})"))
        else:
            evidence.append(
                (w["other_country"], f"different countries ({a.country} and {b.country})")
            )
    if {a.category, b.category} == _LEVELS:
        evidence.append((w["government_and_city"], "a national government and a local authority"))
    if a.iati and b.iati:
        evidence.append(
            (w["other_identifier"], f"different IATI identifiers ({a.iati} and {b.iati})")
        )
    if a.registration and b.registration:
        evidence.append((w["other_identifier"], "different registration numbers"))
    for weight, reason in sorted(evidence, key=lambda e: -e[0]):
        score += weight
        reasons.append(reason)
    return round(max(0.0, min(1.0, score)), 4), reasons

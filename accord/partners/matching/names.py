"""Names, acronyms and domains as the matcher compares them.

`normalise_name` turns a name into the words that identify the organisation: transliterated
to lower-case ASCII (`search.normalise`), dotted acronyms joined ("U.N.D.P." -> "undp"),
abbreviations expanded ("Intl" -> "international"), common organisation words translated to
English ("Banco" -> "bank"), and articles, connecting words and legal forms dropped
("The Acme Foundation Ltd." -> "acme"). It is idempotent: normalising twice changes nothing."""

import re
from functools import lru_cache
from urllib.parse import urlsplit

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import OSA

from accord.partners.matching import vocab
from accord.partners.search import normalise

_CJK_CHAR = re.compile("([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
# French/Italian elision ("l'Habitat", "d'Ivoire") splits; any other apostrophe joins
# ("Women's" -> "womens", "Int'l" -> "intl").
_ELISION = re.compile(r"\b(qu|[ldjnmcst])['\u2019`](?=\w)", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['\u2019`]")
_PAREN = re.compile(r"\(([^()]*)\)")
_SPLIT = re.compile(r"\s+[|/]\s+")
_ACRONYM_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9&.\-]{1,14}$")
_DROPPED = vocab.ARTICLES | vocab.CONNECTORS | vocab.LEGAL_FORMS
_MAX_ROUNDS = 6
_LANGUAGES = frozenset(["en", "fr", "es", "ar", "ru", "zh", "pt"])


def _raw_tokens(text: str) -> list[str]:
    text = _CJK_CHAR.sub(r" \1 ", text or "")  # one Chinese character, one syllable, one word
    text = anyascii(text).replace("&", " and ").replace("+", " and ")
    text = _APOSTROPHE.sub("", _ELISION.sub(r"\1 ", text))
    return normalise(text).split()


def _collapse_letters(tokens: list[str]) -> list[str]:
    """Join runs of single letters: "u n d p" (from "U.N.D.P.") -> "undp", "s a" -> "sa"."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if len(run) > 1:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


def _join_prefixes(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in vocab.JOIN_PREFIXES and i + 1 < len(tokens):
            out.append(token + tokens[i + 1])
            i += 2
        else:
            out.append(token)
            i += 1
    return out


# Words the normaliser knows; a word one typing slip away from one of them is taken for it
# ("Univeristy" -> "university"), so a misspelt word is still translated and weighted.
_KNOWN = sorted(
    {w for w in (*vocab.TRANSLATIONS, *vocab.GENERIC, *vocab.LEGAL_FORMS) if len(w) >= 7}
)
_KNOWN_SET = frozenset(_KNOWN) | frozenset(vocab.TRANSLATIONS) | frozenset(vocab.ABBREVIATIONS)


@lru_cache(maxsize=200_000)
def _spelling(token: str) -> str:
    if len(token) < 7 or token in _KNOWN_SET or not token.isalpha():
        return token
    found = process.extractOne(token, _KNOWN, scorer=OSA.distance, score_cutoff=1)
    return found[0] if found else token


def _canonical(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        token = _spelling(token)
        word = vocab.ABBREVIATIONS.get(token, token)
        word = vocab.TRANSLATIONS.get(word, word)
        out.extend(word.split())
    return out


def _round(tokens: list[str]) -> list[str]:
    tokens = _canonical(_join_prefixes(_collapse_letters(tokens)))
    kept = [t for t in tokens if t not in _DROPPED]
    return kept or tokens  # a name made only of such words keeps them


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """The identifying words of a name, normalised (see the module's docstring)."""
    tokens = _raw_tokens(text)
    for _ in range(_MAX_ROUNDS):
        new = _round(tokens)
        if new == tokens:
            break
        tokens = new
    return tuple(tokens)


def normalise_name(text: str) -> str:
    return " ".join(name_tokens(text))


def squash(text: str) -> str:
    """An acronym or short name without spaces or punctuation: "UN-Habitat" -> "unhabitat"."""
    return "".join(normalise(text).split())


def split_name(name: str) -> tuple[list[str], list[str]]:
    """The names a written name stands for, and the acronyms it carries.

    "International Organization for Migration (IOM)" -> names ["International Organization
    for Migration"], acronyms ["IOM"]; "Ministry of the Interior / Ministerio del Interior"
    -> both halves as well as the whole."""
    acronyms = [
        inner.strip()
        for inner in _PAREN.findall(name or "")
        if _ACRONYM_LIKE.match(inner.strip()) and not inner.strip().islower()
    ]
    bare = name
    for acronym in acronyms:
        bare = bare.replace(f"({acronym})", " ")
    bare = " ".join(bare.split())
    names = [bare] if bare else []
    parts = [p for p in _SPLIT.split(bare) if len(p.split()) > 1]
    if len(parts) > 1:
        names.extend(parts)
    return names, acronyms


def initials(tokens) -> str:
    """First letters of the words: ("united", "nations", "development", "programme") -> "undp"."""
    return "".join(t[0] for t in tokens if t and not t.isdigit())


def initial_variants(text: str) -> set[str]:
    """The acronyms a name may be known by: initials of its identifying words, of its words as
    written (untranslated: "Banco Nacional de Fomento" -> "bnf"), and of its words with the
    connecting ones ("Department for International Development" -> "dfid")."""
    words = _join_prefixes(_collapse_letters(_raw_tokens(text)))
    words = [vocab.ABBREVIATIONS.get(w, w) for w in words]
    plain = [w for w in words if w not in vocab.ARTICLES and w not in vocab.LEGAL_FORMS]
    found = {
        initials(name_tokens(text)),
        initials(w for w in plain if w not in vocab.CONNECTORS),
        initials(plain),
    }
    return {i for i in found if len(i) >= 2}


def site_host(value: str) -> str:
    """The host of a website or e-mail address without "www." ("https://www.xoc.uam.mx/" ->
    "xoc.uam.mx"), when it is an organisation's own domain; else ""."""
    domain = registered_domain(value)
    if not domain or "/" in domain or domain in vocab.SHARED_HOSTS:
        return domain  # a shared host is told apart by registered_domain already
    value = value.strip().lower()
    if "@" in value and "/" not in value:
        host = value.rsplit("@", 1)[1]
    else:
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    host = host.strip(".")
    return host[4:] if host.startswith("www.") else host


def registered_domain(value: str) -> str:
    """The domain an address belongs to ("https://www.projects.undp.org/x" -> "undp.org",
    "a@x.go.ke" -> "x.go.ke"); on hosts many organisations share (un.org), the first path
    two path segments too ("un.org/ga/acabq"). Free-mail and social-media domains give ""."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    if "@" in value and "/" not in value:
        host, path = value.rsplit("@", 1)[1], ""
    else:
        parts = urlsplit(value if "//" in value else f"//{value}")
        host, path = parts.hostname or "", parts.path
    labels = [label for label in host.strip(".").split(".") if label]
    if len(labels) < 2:
        return ""
    keep = (
        3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in vocab.SECOND_LEVEL else 2
    )
    domain = ".".join(labels[-keep:])
    if domain in vocab.IGNORED_DOMAINS or ".".join(labels[-3:]) in vocab.IGNORED_DOMAINS:
        return ""
    if domain in vocab.SHARED_HOSTS:
        # Sub-domains and the first path segments tell apart the bodies of one host:
        # "binuh.unmissions.org", "un.org/ga".
        host = ".".join(labels[1:] if labels[0] == "www" else labels)
        segments = [s for s in path.split("/") if s and s not in _LANGUAGES][:2]
        return "/".join([host, *segments])
    return domain

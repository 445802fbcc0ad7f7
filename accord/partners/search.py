"""Name normalisation and the words the search box looks up, in any script.

An organisation's names are stored as SearchToken rows: each word transliterated to lower-case
ASCII ("Société" -> "societe", "Банк" -> "bank") and, for other scripts, also the word itself
case-folded ("банк"). Chinese, Japanese and Korean are written without spaces, so every
suffix of such a run is a token too: a prefix scan then finds any part of the name
("人居署" in "联合国人居署").
A query word is matched as a prefix of a token, with one index range scan."""

import re
import unicodedata

from accord.core.text import fold

MAX_TOKEN = 64
MAX_QUERY_WORDS = 8
# Upper bound of a prefix range: token >= w AND token < w + PREFIX_END.
PREFIX_END = "\uffff"

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_CJK_RUN = re.compile(rf"[{_CJK}]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case ASCII: transliterated, punctuation to spaces, spaces collapsed."""
    return fold(text)


def sort_key(name: str) -> str:
    """What Organisation.sort_name stores: the same order in every script and database."""
    return normalise(name)[:300]


def _is_cjk(word: str) -> bool:
    return bool(_CJK_RUN.match(word))


def _is_latin(word: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in word)


def tokens_for(*texts: str) -> set[str]:
    """The tokens stored for these names: ASCII words, original-script words, CJK suffixes."""
    tokens: set[str] = set()
    for text in texts:
        if not text:
            continue
        tokens.update(normalise(text).split())
        for word in _WORD.findall(text.casefold()):
            if _is_cjk(word):
                tokens.update(word[i:] for i in range(len(word)))
            elif not _is_latin(word):
                tokens.add(word)
    return {token[:MAX_TOKEN] for token in tokens if token}


def query_tokens(q: str) -> list[str]:
    """The words of a search query, each to be matched as the prefix of a stored token.

    Latin words are normalised to ASCII (so "sao" and "São" both find "São Paulo"); words in
    other scripts are kept case-folded so they match the original-script tokens."""
    words: list[str] = []
    for word in _WORD.findall((q or "").casefold()):
        parts = normalise(word).split() if _is_latin(word) else [word]
        for part in parts:
            part = part[:MAX_TOKEN]
            if part and part not in words:
                words.append(part)
    return words[:MAX_QUERY_WORDS]

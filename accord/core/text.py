"""Text folding shared by every comparison of names people type."""

import re

from anyascii import anyascii

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII words: transliterated, punctuation to spaces, spaces collapsed
    ("Côte d'Ivoire" -> "cote d ivoire", "Банк" -> "bank")."""
    return " ".join(_NOT_ALNUM.sub(" ", anyascii(text or "").lower()).split())

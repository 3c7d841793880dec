"""Search text normalisation shared by the engines: French Snowball stems, then accents folded.

Stemming runs before folding because the Snowball French rules read accents
("infirmière" -> "infirmi"); folding afterwards makes "MACON" meet "maçonne".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORD = 40


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed, accent-folded words of ``text`` (digits kept, underscores dropped)."""
    words = [w for w in WORD.findall(text.lower().replace("_", " ")) if len(w) <= MAX_WORD]
    return [fold(stem) for stem in _stemmer().stemWords(words)]


def fts_phrase(keyword: str) -> str | None:
    """An FTS5 query that needs every word of ``keyword``; each term quoted, so user input
    can never be read as FTS syntax (``-``, ``*``, ``NEAR``, quotes…)."""
    stems = [t for t in terms(keyword) if t]
    if not stems:
        return None
    return " AND ".join('"' + stem.replace('"', '""') + '"' for stem in stems)

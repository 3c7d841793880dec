"""Search text normalisation shared by the offer engines, the information search and the site
build: French Snowball stems, then accents folded (espace.text.fold).

Stemming runs before folding because the Snowball French rules read accents
("infirmière" -> "infirmi"); folding afterwards makes "MACON" meet "maçonne".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from espace.text import fold

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORD = 40


@lru_cache(maxsize=1)
def _stemmer() -> Any:  # snowballstemmer ships no types
    import snowballstemmer

    return snowballstemmer.stemmer("french")


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

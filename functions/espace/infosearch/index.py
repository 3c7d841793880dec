"""Search the information pages and fiches (`/recherche`), from the build's search-index.json.

A small in-memory inverted index over the stems the Pelican plugin wrote: every
word of the query must occur (title or text); titles weigh more; national pages
come first, then regional ones; each hit quotes the passage that matched.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from espace.search_text import terms
from espace.text import fold

SENTENCE = re.compile(r"(?<=[.!?])\s+")
MAX_QUERY_WORDS = 10
PASSAGE_CHARS = 240


@dataclass
class InfoHit:
    url: str
    title: str
    kind: str
    region: str | None
    passage: str
    score: float


class InfoIndex:
    def __init__(self, entries: list[dict[str, Any]]):
        self.entries = entries
        self.postings: dict[str, dict[int, float]] = defaultdict(dict)
        for number, entry in enumerate(entries):
            body = Counter(entry["terms"].split())
            for term, count in body.items():
                self.postings[term][number] = 1 + math.log(count)
            for term in set(entry["title_terms"].split()):
                self.postings[term][number] = self.postings[term].get(number, 0) + 3  # a title match counts most
        self.size = len(entries)

    @classmethod
    def load(cls, path: str | Path) -> InfoIndex:
        try:
            return cls(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls([])

    def search(self, query: str, limit: int = 50) -> tuple[list[InfoHit], int]:
        wanted = list(dict.fromkeys(t for t in terms(query) if t))[:MAX_QUERY_WORDS]
        if not wanted:
            return [], 0
        matching: dict[int, float] | None = None
        for term in wanted:
            postings = self.postings.get(term, {})
            idf = math.log(1 + self.size / (1 + len(postings)))
            scored = {doc: weight * idf for doc, weight in postings.items()}
            matching = scored if matching is None else {d: s + scored[d] for d, s in matching.items() if d in scored}
        hits = [self._hit(number, score, query) for number, score in (matching or {}).items()]
        # National information first (pages, then fiches and news), then regional pages.
        hits.sort(key=lambda h: (h.region is not None, h.kind == "fiche", -h.score, h.title))
        return hits[:limit], len(hits)

    def _hit(self, number: int, score: float, query: str) -> InfoHit:
        entry = self.entries[number]
        return InfoHit(entry["url"], entry["title"], entry["kind"], entry.get("region"),
                       passage(entry["text"] or entry["summary"], query), score)


def passage(text: str, query: str) -> str:
    """The first sentence that contains a word of the query (accent-insensitive), trimmed."""
    words = [fold(w.lower()) for w in re.findall(r"\w+", query) if len(w) > 2]
    for sentence in SENTENCE.split(text):
        folded = fold(sentence.lower())
        if any(word[:5] in folded for word in words):
            return sentence if len(sentence) <= PASSAGE_CHARS else sentence[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
    return text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + (" …" if len(text) > PASSAGE_CHARS else "")

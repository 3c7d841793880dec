"""Search the information pages and fiches (`/recherche`), from the build's search-index.json.

A small in-memory inverted index over the stems the Pelican plugin wrote. Every
significant word of the query must occur (title or text); one-letter words and the
commonest French words (« le », « de », « à »…) are left out of the query, as they
occur on nearly every page. The ranking:

1. pages whose title holds more of the query's words first: a reader searching
   « atelier » looks for the page named « Atelier CV à Limoges » before pages that
   mention a workshop in passing, national or regional;
2. then pages and news before fiches, national information before regional;
3. then the text's relevance (term frequency × rarity), then the title.

Each hit quotes the passage where the query's words occur, quoted only for the page of
results shown.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from espace.search_text import terms
from espace.text import fold

SENTENCE = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 10
PASSAGE_CHARS = 240
# Context kept before the first matching word when a sentence is too long to quote whole.
LEAD_CHARS = 60
MIN_WORD = 2
# The commonest French words (accents folded): articles, prepositions, pronouns,
# conjunctions, auxiliaries. Each occurs on nearly every page, so alone they find
# everything and in a query they only narrow nothing.
STOP_WORDS = frozenset({
    "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "est",
    "et", "etre", "eu", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me",
    "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour", "qu", "que",
    "qui", "sa", "se", "ses", "si", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
    "vos", "votre", "vous",
})


@dataclass
class InfoHit:
    url: str
    title: str
    kind: str
    region: str | None
    region_name: str | None
    passage: str
    score: float


def significant_words(query: str) -> list[str]:
    """The query's words that take part in the search: at least two characters and not one
    of the commonest French words; ten at most."""
    words = [w for w in WORD.findall(query.lower().replace("_", " ")) if len(w) >= MIN_WORD]
    return list(dict.fromkeys(w for w in words if fold(w) not in STOP_WORDS))[:MAX_QUERY_WORDS]


def query_terms(query: str) -> list[str]:
    """The stems searched for ``query``; empty when it has no significant word."""
    return list(dict.fromkeys(t for t in terms(" ".join(significant_words(query))) if t))


class InfoIndex:
    def __init__(self, entries: list[dict[str, Any]]):
        self.entries = entries
        self.postings: dict[str, dict[int, float]] = defaultdict(dict)
        self.title_terms: list[frozenset[str]] = []
        for number, entry in enumerate(entries):
            body = Counter(entry["terms"].split())
            for term, count in body.items():
                self.postings[term][number] = 1 + math.log(count)
            title = frozenset(entry["title_terms"].split())
            self.title_terms.append(title)
            for term in title:
                self.postings[term][number] = self.postings[term].get(number, 0) + 3  # a title match counts most
        self.size = len(entries)
        # A regional entry names its region by the title of the region's page.
        self.region_names = {e["region"]: e["title"] for e in entries
                             if e.get("region") and e["url"] == f"regions/{e['region']}.html"}

    @classmethod
    def load(cls, path: str | Path) -> InfoIndex:
        try:
            return cls(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls([])

    def search(self, query: str, offset: int = 0, limit: int = 20) -> tuple[list[InfoHit], int]:
        """The hits ``offset`` to ``offset + limit`` of the ranked matches, and how many match."""
        wanted = query_terms(query)
        ranked = self._rank(wanted)
        return [self._hit(number, score, wanted) for number, score in ranked[offset:offset + limit]], len(ranked)

    def _rank(self, wanted: list[str]) -> list[tuple[int, float]]:
        if not wanted:
            return []
        matching: dict[int, float] | None = None
        for term in wanted:
            postings = self.postings.get(term, {})
            idf = math.log(1 + self.size / (1 + len(postings)))
            scored = {doc: weight * idf for doc, weight in postings.items()}
            matching = scored if matching is None else {d: s + scored[d] for d, s in matching.items() if d in scored}

        def key(item: tuple[int, float]) -> tuple[int, bool, bool, float, str]:
            number, score = item
            entry = self.entries[number]
            in_title = sum(term in self.title_terms[number] for term in wanted)
            return -in_title, entry["kind"] == "fiche", entry.get("region") is not None, -score, entry["title"]

        return sorted((matching or {}).items(), key=key)

    def _hit(self, number: int, score: float, wanted: list[str]) -> InfoHit:
        entry = self.entries[number]
        region = entry.get("region")
        quoted = passage(entry["text"], set(wanted)) or passage(entry["summary"], set(wanted))
        return InfoHit(entry["url"], entry["title"], entry["kind"], region,
                       self.region_names.get(region, region) if region else None,
                       quoted or trim(entry["summary"] or entry["text"]), score)


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    found = terms(word)
    return found[0] if found else ""


def passage(text: str, wanted: set[str]) -> str | None:
    """The sentence of ``text`` that holds the most of the ``wanted`` stems (the first one
    on a tie), trimmed around its first match; None when no sentence holds any."""
    prefixes = tuple({stem[:3] for stem in wanted})
    # Stemming every word is slow: only the words of a sentence that start like a wanted stem
    # (accents folded) are stemmed, and sentences with none are skipped at once.
    candidate = re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + ")")
    best: tuple[int, str, int] | None = None  # (stems found, sentence, where the first one starts)
    for sentence in SENTENCE.split(text or ""):
        if not candidate.search(fold(sentence.lower())):
            continue
        found: set[str] = set()
        first = -1
        for match in WORD.finditer(sentence):
            word = match.group().lower()
            if fold(word).startswith(prefixes):
                stem = _stem(word)
                if stem in wanted:
                    found.add(stem)
                    first = match.start() if first < 0 else first
        if found and (best is None or len(found) > best[0]):
            best = (len(found), sentence, first)
            if len(found) == len(wanted):
                break  # no later sentence can hold more
    if best is None:
        return None
    _, sentence, first = best
    if len(sentence) <= PASSAGE_CHARS:
        return sentence
    start = 0 if first <= LEAD_CHARS else sentence.rfind(" ", 0, first - LEAD_CHARS) + 1
    return ("… " if start else "") + trim(sentence[start:])


def trim(text: str) -> str:
    """``text`` cut at a word boundary before PASSAGE_CHARS characters, « … » marking the cut."""
    if len(text) <= PASSAGE_CHARS:
        return text
    return text[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"

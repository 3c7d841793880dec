"""Pelican plugin: export ``search-index.json``, the text of every information page and fiche.

The /recherche handler loads it (packaged with the function, like navigation.json)
to search the information pages without a second copy of the content.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import pickle
import re
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from espace.search_text import terms

TAGS = re.compile(r"<[^>]+>")
# ASCII blanks only: the no-break spaces of « 1 500 » and « a » are kept for the excerpts.
SPACES = re.compile(r"\s+", re.ASCII)
# Replacing tags by spaces leaves "l'actualisation ," after a link: close such gaps (French
# keeps its space before ; : ! ? so only , . and ) are concerned).
SPACE_BEFORE = re.compile(r" ([,.)])")


def plain(markup: str) -> str:
    return SPACE_BEFORE.sub(r"\1", SPACES.sub(" ", html.unescape(TAGS.sub(" ", markup or "")))).strip()


def _fiche_text(fiche) -> str:
    parts = fiche.definition + fiche.access + [a.label for a in fiche.published_appellations]
    return " ".join(parts)


class StemCache:
    """Stems of each entry, kept between builds: stemming ~1,700 entries costs ~0.6 s, and a
    rebuild after one edit should only re-stem that page."""

    def __init__(self, settings):
        self.path = Path(settings["CACHE_PATH"]) / "search-stems.pickle"
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.old, self.new = {}, {}
        if settings.get("LOAD_CONTENT_CACHE") and self.path.is_file():
            try:
                self.old = pickle.loads(self.path.read_bytes())
            except (OSError, pickle.PickleError, EOFError):
                self.old = {}

    def stems(self, title: str, body: str) -> tuple[str, str]:
        key = hashlib.sha1(f"{title}\0{body}".encode()).hexdigest()
        value = self.old.get(key) or (" ".join(terms(title)), " ".join(terms(body)))
        self.new[key] = value
        return value

    def save(self):
        if self.save_enabled:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.new, protocol=pickle.HIGHEST_PROTOCOL))


def collect(generators) -> list[dict]:
    cache = StemCache(generators[0].settings)
    entries = _collect(generators, cache)
    cache.save()
    return entries


def _collect(generators, cache: StemCache) -> list[dict]:
    entries = []
    for generator in generators:
        if isinstance(generator, PagesGenerator):
            for page in generator.pages:
                fiche = getattr(page, "fiche", None)
                if getattr(page, "generated", False) and fiche is None:
                    continue  # A-Z and domain indexes: lists of links, nothing to quote
                text = _fiche_text(fiche) if fiche is not None else plain(page.content)
                entries.append(_entry(cache, page.url, page.title, plain(str(getattr(page, "summary", ""))), text,
                                      getattr(page, "region", None), "fiche" if fiche is not None else "page"))
        elif isinstance(generator, ArticlesGenerator):
            for article in generator.articles:
                entries.append(_entry(cache, article.url, article.title, plain(article.summary),
                                      plain(article.content), getattr(article, "region", None), "article"))
    return entries


def _entry(cache, url, title, summary, text, region, kind) -> dict:
    # Stems are computed at build time, so the handler's cold start does not stem 3 MB of text.
    title_terms, body_terms = cache.stems(title, f"{summary} {text}")
    return {"url": url, "title": title, "summary": summary, "text": text, "region": region, "kind": kind,
            "title_terms": title_terms, "terms": body_terms}


def write_index(pelican):
    entries = pelican.settings.get("_SEARCH_ENTRIES")
    if entries is None:
        return
    # json.dumps (the C encoder) rather than json.dump, which encodes 5 MB in Python chunks.
    with open(os.path.join(pelican.output_path, "search-index.json"), "w", encoding="utf-8") as handle:
        handle.write(json.dumps(entries, ensure_ascii=False, separators=(",", ":")))


def remember(generators):
    generators[0].settings["_SEARCH_ENTRIES"] = collect(generators)


def register():
    signals.all_generators_finalized.connect(remember)
    signals.finalized.connect(write_index)

"""Pelican plugin: export ``search-index.json``, the text of every information page and fiche.

The /recherche handler loads it (packaged with the function, like navigation.json)
to search the information pages without a second copy of the content.
"""

from __future__ import annotations

import html
import json
import os
import re

from espace.offers.text import terms
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
# Replacing tags by spaces leaves "l'actualisation ," after a link: close such gaps (French
# keeps its space before ; : ! ? so only , . and ) are concerned).
SPACE_BEFORE = re.compile(r" ([,.)])")


def plain(markup: str) -> str:
    return SPACE_BEFORE.sub(r"\1", SPACES.sub(" ", html.unescape(TAGS.sub(" ", markup or "")))).strip()


def _fiche_text(fiche) -> str:
    parts = fiche.definition + fiche.access + [a.label for a in fiche.published_appellations]
    return " ".join(parts)


def collect(generators) -> list[dict]:
    entries = []
    for generator in generators:
        if isinstance(generator, PagesGenerator):
            for page in generator.pages:
                fiche = getattr(page, "fiche", None)
                if getattr(page, "generated", False) and fiche is None:
                    continue  # A-Z and domain indexes: lists of links, nothing to quote
                text = _fiche_text(fiche) if fiche is not None else plain(page.content)
                entries.append(_entry(page.url, page.title, plain(str(getattr(page, "summary", ""))), text,
                                      getattr(page, "region", None), "fiche" if fiche is not None else "page"))
        elif isinstance(generator, ArticlesGenerator):
            for article in generator.articles:
                entries.append(_entry(article.url, article.title, plain(article.summary), plain(article.content),
                                      getattr(article, "region", None), "article"))
    return entries


def _entry(url, title, summary, text, region, kind) -> dict:
    # Stems are computed here, once per build, so the handler's cold start does not stem 3 MB of text.
    return {"url": url, "title": title, "summary": summary, "text": text, "region": region, "kind": kind,
            "title_terms": " ".join(terms(title)), "terms": " ".join(terms(f"{summary} {text}"))}


def write_index(pelican):
    entries = pelican.settings.get("_SEARCH_ENTRIES")
    if entries is None:
        return
    with open(os.path.join(pelican.output_path, "search-index.json"), "w", encoding="utf-8") as handle:
        json.dump(entries, handle, ensure_ascii=False, separators=(",", ":"))


def remember(generators):
    generators[0].settings["_SEARCH_ENTRIES"] = collect(generators)


def register():
    signals.all_generators_finalized.connect(remember)
    signals.finalized.connect(write_index)

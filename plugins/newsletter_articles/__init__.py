"""Pelican plugin: write ``newsletter-articles.json``, what the « Mode d'emploi » digest needs.

Every article (news and events), newest first: title, date (ISO), category, a plain-text
summary and the site-relative url. The newsletter function reads it (packaged with the
function by functions/Makefile, like navigation.json), so the digest never parses HTML or the
Atom feed and never reads the site bucket.
"""

from __future__ import annotations

import html
import json
import os
import re

from pelican import signals
from pelican.generators import ArticlesGenerator

TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+", re.ASCII)  # ASCII blanks only: no-break spaces stay


def plain(markup: str) -> str:
    return SPACES.sub(" ", html.unescape(TAGS.sub(" ", markup or ""))).strip().replace(" ,", ",").replace(" .", ".")


def collect(generators) -> list[dict]:
    entries = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in generator.articles:
                entries.append({"title": plain(article.title), "date": article.date.date().isoformat(),
                                "category": str(article.category), "summary": plain(str(article.summary)),
                                "url": article.url})
    return sorted(entries, key=lambda e: (e["date"], e["url"]), reverse=True)


def remember(generators):
    generators[0].settings["_NEWSLETTER_ARTICLES"] = collect(generators)


def write(pelican):
    entries = pelican.settings.get("_NEWSLETTER_ARTICLES")
    if entries is None:
        return
    # Beside navigation.json, not under /lettre/: CloudFront sends /lettre/* to the newsletter function.
    with open(os.path.join(pelican.output_path, "newsletter-articles.json"), "w", encoding="utf-8") as handle:
        handle.write(json.dumps(entries, ensure_ascii=False, indent=1))


def register():
    signals.all_generators_finalized.connect(remember)
    signals.finalized.connect(write)

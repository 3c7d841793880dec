"""Pelican plugin: plain-language checks on the pages people write.

The text of every page and news item written in Markdown is checked for abbreviations not
spelled out at their first use (``abbreviations.unexplained``, against
data/abbreviations.json) and for a « what next » heading worded otherwise than « Et après ? »
(``next_heading.other_next_headings``). Each finding is logged as a warning, which ``--fatal
warnings`` (``make site`` and the tests' builds) turns into a failed build naming the file.

The title and summary are not checked for abbreviations: they stand alone in lists, feeds and
search results, where a long expansion would crowd them, and the text spells the
abbreviation out at its first use anyway, so every reader of the page meets it there.
"""

from __future__ import annotations

import logging

from pelican import signals

from .abbreviations import load, unexplained
from .next_heading import other_next_headings

log = logging.getLogger(__name__)
_ABBREVIATIONS: dict[str, list[str]] = {}


def check_content(instance):
    source = str(getattr(instance, "source_path", "") or "")
    if not source.endswith(".md"):
        return  # pages generated from data (the ROME fiches) are not written by people
    if not _ABBREVIATIONS:
        _ABBREVIATIONS.update(load())
    text = str(getattr(instance, "_content", None) or "")
    for problem in unexplained(text, _ABBREVIATIONS) + other_next_headings(text):
        log.warning("%s: %s", source, problem)


def register():
    signals.content_object_init.connect(check_content)

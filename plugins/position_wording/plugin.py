"""Pelican plugin: fail the build when a page's text locates content by its position.

The text, summary and title of every page and news item written in Markdown are checked
with ``check.position_words``; each finding is logged as a warning, which ``--fatal
warnings`` (``make site`` and the tests' builds) turns into a failed build naming the file.
"""

from __future__ import annotations

import logging

from pelican import signals

from .check import position_words

log = logging.getLogger(__name__)


def check_content(instance):
    source = str(getattr(instance, "source_path", "") or "")
    if not source.endswith(".md"):
        return  # pages generated from data (the ROME fiches) are not written by people
    texts = [getattr(instance, "_content", None) or "", instance.metadata.get("summary") or "",
             getattr(instance, "title", "") or ""]
    for text in texts:
        for problem in position_words(str(text)):
            log.warning("%s: %s", source, problem)


def register():
    signals.content_object_init.connect(check_content)

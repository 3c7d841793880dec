"""Pelican plugin: fail the build when a written page shows Markdown syntax as text.

Each HTML file the build writes (pages, news, fiches, indexes) is read back and checked
with ``check.leftovers``; every finding is logged as a warning, which ``--fatal warnings``
(``make site`` and the tests' builds) turns into a failed build naming the page. The text
of each page and news item is also checked, before the theme wraps it, for definition lists
(``check.definition_lists``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .check import definition_lists, leftovers

log = logging.getLogger(__name__)


def check_written(path, context=None):
    if not str(path).endswith(".html"):
        return
    for problem in leftovers(Path(path).read_text(encoding="utf-8")):
        log.warning("%s: %s", path, problem)


def check_text(instance):
    for problem in definition_lists(getattr(instance, "_content", None) or ""):
        log.warning("%s: %s", getattr(instance, "source_path", instance), problem)


def register():
    signals.content_written.connect(check_written)
    signals.content_object_init.connect(check_text)

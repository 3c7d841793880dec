"""Mark the English terms of a French text with ``lang="en"`` (WCAG 3.1.2, Language of Parts).

A French screen reader voice reads « Growth hacker » or « soft skills » as French words; inside
``<span lang="en">`` it switches to its English voice. The terms come from a short list kept
beside the data they occur in (``data/rome/english_terms.txt``), and the Jinja filter made here
serves both the Pelican build and the Lambda handlers' renderer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from markupsafe import Markup, escape

log = logging.getLogger(__name__)
ENGLISH_TERMS = Path("rome") / "english_terms.txt"  # under the data folder
SEPARATOR = re.compile(r"[\s-]+")


def read_terms(path: str | Path) -> list[str]:
    """Terms of a list file: one a line, ``#`` starts a comment."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [term for line in lines if (term := line.split("#", 1)[0].strip())]


def terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One expression for all terms: whole words, any case, a space or a hyphen for either,
    an optional plural « s »; the longest term first, so it wins over the terms it contains."""
    alternatives = sorted({term.casefold() for term in terms}, key=len, reverse=True)
    if not alternatives:
        return None
    parts = [SEPARATOR.pattern.join(re.escape(word) for word in SEPARATOR.split(term)) + "s?" for term in alternatives]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def mark_terms(text: str, pattern: re.Pattern[str] | None) -> Markup:
    """``text`` escaped, each match of ``pattern`` in a ``<span lang="en">``."""
    if pattern is None:
        return escape(text)
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[start:match.start()]), Markup('<span lang="en">%s</span>') % match.group()]
        start = match.end()
    pieces.append(escape(text[start:]))
    return Markup("").join(pieces)


class EnglishMarker:
    """The ``lang_en`` Jinja filter for the terms of ``terms_file`` (a class, not a closure:
    Pelican pickles its settings, filters included, into its cache).

    Plain text only: a value that is already markup is returned as it is, since words inside
    its tags must not be wrapped. Without the file (a package that does not ship the ROME data),
    the filter only escapes, and says so once in the log.
    """

    def __init__(self, terms_file: str | Path):
        try:
            self.pattern = terms_pattern(read_terms(terms_file))
        except FileNotFoundError:
            log.warning("%s missing: English terms will not be marked with lang=\"en\"", terms_file)
            self.pattern = None

    def __call__(self, value: object) -> Markup:
        if isinstance(value, Markup):
            return value
        return mark_terms("" if value is None else str(value), self.pattern)


def english_marker(terms_file: str | Path) -> Callable[[object], Markup]:
    return EnglishMarker(terms_file)

"""Find abbreviations a page uses without spelling them out at their first use.

Plain language: « SJR » means nothing to most readers; « salaire journalier de référence
(SJR) » does. The abbreviations and their expansions are in data/abbreviations.json. The
first occurrence of each listed abbreviation in a page's text must be spelled out there,
either « expansion (SIGLE) » (the expansion right before it), « (expansion, SIGLE) » or
« SIGLE (expansion) ».
Later occurrences may stand alone. ``unexplained(text, abbreviations)`` lists the problems.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from espace.text import read_text

DATA = Path(__file__).resolve().parents[2] / "data" / "abbreviations.json"
_QUOTE = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " "})
EXCERPT = 50


def load(path: Path = DATA) -> dict[str, list[str]]:
    """The abbreviations of ``path``, each with its accepted expansions."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {abbr: forms for abbr, forms in data.items() if not abbr.startswith("_")}


def plain_text(page: str) -> str:
    """The text of ``page`` (HTML or plain text) as read: no tags, code or comments, one
    space between words, straight apostrophes."""
    return read_text(page).translate(_QUOTE)


def _normal(text: str) -> str:
    return " ".join(text.translate(_QUOTE).split()).casefold()


def _spelled_out(text: str, start: int, end: int, forms: list[str]) -> bool:
    before = _normal(text[max(0, start - 200):start])
    after = _normal(text[end:end + 200])
    for form in map(_normal, forms):
        # « expansion (SIGLE) », or « (expansion, SIGLE) » closing the parenthesis
        if re.search(rf"(?<!\w){re.escape(form)} \($", before) or (
                re.search(rf"(?<!\w){re.escape(form)},$", before) and after.startswith(")")):
            return True
        # « SIGLE (expansion) » or « SIGLE (expansion, …) »
        if re.match(rf"\( ?{re.escape(form)}\b", after):
            return True
    return False


def unexplained(page: str, abbreviations: dict[str, list[str]]) -> list[str]:
    """For each listed abbreviation used in ``page``, a problem when its first use is not
    spelled out, quoted with the text around it."""
    text = plain_text(page)
    problems = []
    for abbr, forms in abbreviations.items():
        first = re.search(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text)
        if first and not _spelled_out(text, first.start(), first.end(), forms):
            near = text[max(0, first.start() - EXCERPT):first.end() + EXCERPT]
            problems.append(f"{abbr!r} is not spelled out at its first use: write "
                            f"« {forms[0]} ({abbr}) », near {near!r}")
    return problems

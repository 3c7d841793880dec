"""One wording for the closing section that tells the reader what happens next.

Pages end with a section about what follows (the answer, the payment, the next meeting).
It is always headed « Et après ? », so a reader who has met it once recognises it and a
screen-reader user finds it in the list of headings. ``other_next_headings(page)`` lists
the headings of ``page`` (HTML) that say the same in other words (« Et ensuite ? », « Et
maintenant ? », « La suite », « Et après » without its question mark).
"""

from __future__ import annotations

import html
import re

WORDING = "Et après ?"
_HEADING = re.compile(r"<h([2-6])\b[^>]*>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_OTHER = re.compile(r"(?:et )?(?:ensuite|maintenant|après|la suite|et la suite|prochaines étapes)\s*[?.!…]?",
                    re.IGNORECASE)


def other_next_headings(page: str) -> list[str]:
    """The headings of ``page`` that mean « what next » but are not worded « Et après ? »."""
    problems = []
    for match in _HEADING.finditer(page):
        text = " ".join(html.unescape(_TAG.sub(" ", match.group(2))).split())
        plain = text.replace("\u202f", " ").replace("\u00a0", " ")
        if plain != WORDING and _OTHER.fullmatch(plain):
            problems.append(f"heading {text!r}: the section about what happens next is always headed {WORDING!r}")
    return problems

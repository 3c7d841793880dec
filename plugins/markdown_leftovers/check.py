"""Find Markdown that reached a rendered page as text instead of markup.

A link split across a construct Markdown does not read (``[text]({filename}/…)`` shown
as is), a ``**`` that does not close, a heading or list without the blank line before it:
the page still builds, and the reader sees the syntax. ``leftovers(html)`` lists what a
page shows of it; code samples (``pre``, ``code``, ``kbd``, ``samp``) may show anything.
``definition_lists(html)`` lists the definition lists of a page's Markdown text: none is meant
(definition lists are off, and raw HTML is not written), so one means a sentence was cut into a
term and a definition (a wrapped line beginning with « : » under Markdown's def_list).
"""

from __future__ import annotations

import html
import re

# Pelican's link placeholders, in an address or in the text: either way not resolved.
PLACEHOLDER = re.compile(r"[{|](?:filename|static|attach|index|tag|category|author)[}|]")
# Elements whose text is shown literally on purpose, and the tags around the text.
VERBATIM = re.compile(r"<(pre|code|kbd|samp|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
BOUNDARY = "\x00"  # stands for a tag once the tags are taken out
# Markdown syntax in the text between two tags (HTML entities decoded), in one pattern so a
# page is scanned once (the build checks ~2,000 pages).
SYNTAX = re.compile("|".join([
    r"\]\(",  # an inline link or image
    r"\]\[",  # a reference link whose reference is missing
    r"\*\*",  # bold that did not close
    r"`",  # a code span
    r"\{:",  # an attribute list
    r"\[\^",  # a footnote reference
    rf"(?:^|\n|{BOUNDARY})[ \t]*#{{1,6}}[ \t]+[^\s{BOUNDARY}]",  # a heading inside a paragraph
]))
# A list item inside a paragraph (no blank line before the list): "texte\n- suite", "texte\n1. suite".
LIST_IN_PARAGRAPH = re.compile(r"<p\b[^>]*>([^<]*\n[ \t]*(?:[-*+]|\d+\.)[ \t]+\S)", re.IGNORECASE)
EXCERPT = 60
DEFINITION_LIST = re.compile(r"<(dl|dt|dd)\b[^>]*>(?=(.{0,80}))", re.DOTALL | re.IGNORECASE)


def leftovers(page: str) -> list[str]:
    """What ``page`` (a whole HTML document or a fragment) shows of Markdown syntax, one
    message per occurrence, quoting the text around it."""
    shown = VERBATIM.sub(" ", COMMENT.sub(" ", page))
    problems = [f"unresolved link placeholder {m.group(0)!r} near {_around(shown, m)!r}"
                for m in PLACEHOLDER.finditer(shown)]  # in the text or in an address
    problems += [f"a list item inside a paragraph (no blank line before the list): {_squeeze(m.group(1))!r}"
                 for m in LIST_IN_PARAGRAPH.finditer(shown)]
    text = html.unescape(TAG.sub(BOUNDARY, shown))
    problems += [f"Markdown {m.group(0).strip().strip(BOUNDARY)!r} shown as text: {_around(text, m)!r}"
                 for m in SYNTAX.finditer(text)]
    return problems


def _around(text: str, match: re.Match[str]) -> str:
    return _squeeze(text[max(0, match.start() - EXCERPT):match.end() + EXCERPT])


def _squeeze(text: str) -> str:
    return " ".join(text.replace(BOUNDARY, " ").split())


def definition_lists(content: str) -> list[str]:
    """One message per definition-list element in ``content`` (the HTML Markdown made of a
    page's text, not the whole page: the theme's own ``dl`` are meant)."""
    shown = VERBATIM.sub(" ", COMMENT.sub(" ", content))
    return [f"a definition list <{m.group(1).lower()}> in the text (a line beginning with « : »?): "
            f"{_squeeze(TAG.sub(' ', m.group(2)))!r}" for m in DEFINITION_LIST.finditer(shown)]

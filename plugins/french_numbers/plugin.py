"""Pelican plugin: the space inside a written number becomes a narrow no-break space.

Authors write « 1 232,10 € » or « 50 400 € » with an ordinary space, which a line may break
at (« 1 » at the end of a line, « 232,10 € » on the next). As espace.text.number does for
the counts the build and the services print, the thousands are grouped with U+202F, in the
text, summary and title of every page and news item. Only numbers already written in groups
of three are touched: « 75342 Paris » (a postcode) or « ISO 9001 » stay as written.
"""

from __future__ import annotations

import re

from pelican import signals

from espace.text import NARROW_NBSP

# « 1 232 », « 50 400 », « 1 234 567 »: one to three digits, then groups of three, not inside a
# longer run of digits (« 2026 150 » stays: a year followed by a number).
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])")


def narrow_number_spaces(text: str) -> str:
    return GROUPED.sub(lambda m: re.sub(r"[ \u00a0]", NARROW_NBSP, m.group()), text)


def apply(instance):
    if getattr(instance, "_content", None):
        instance._content = narrow_number_spaces(instance._content)
    if "summary" in instance.metadata:
        instance.metadata["summary"] = instance._summary = narrow_number_spaces(instance.metadata["summary"])
    if isinstance(getattr(instance, "title", None), str):
        instance.title = narrow_number_spaces(instance.title)


def register():
    signals.content_object_init.connect(apply)

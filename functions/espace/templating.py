"""The Jinja2 environment of the handlers' templates (pages, letters, PDF documents), with French
typography's no-break spaces in their text.

Writers of templates type ordinary spaces (« Votre demande : », « Que faire ? », « 30 jours »),
as writers of the static pages do. ``FrenchSpacing`` applies ``espace.text.french_spacing`` to the
text the template's writer wrote (the lexer's ``data`` tokens) once, when the template is
compiled: a value printed by ``{{ … }}`` is never changed, so what a user typed is echoed as typed.
The template's text is read as one piece, each value standing as ``VALUE`` (so a tag, a ``pre``
or a ``script`` cut by a value is still seen whole), and « {{ days }} jours » keeps its number
with its unit.

Text made by Python (flash messages, form errors, hints, titles) goes through the ``french``
filter where the theme's macros show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup

from espace.text import VALUE, french_spacing

if TYPE_CHECKING:
    from jinja2 import Environment

_OTHER = "\x01"  # anything else between two pieces of text: a block tag, several tags
_GAP = re.compile(f"[{VALUE}{_OTHER}]")


def _gap(tokens: list[Token]) -> str:
    """What stands between two pieces of text: one printed value, or something else."""
    inner = tokens[1:-1]
    one_value = (bool(tokens) and tokens[0].type == "variable_begin" and tokens[-1].type == "variable_end"
                 and not any(t.type in ("variable_begin", "variable_end", "block_begin") for t in inner))
    return VALUE if one_value else _OTHER


class FrenchSpacing(Extension):
    """French no-break spaces in a template's own text (never in the values it prints)."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        tokens = list(stream)
        texts = [i for i, token in enumerate(tokens) if token.type == "data"]
        joined, previous = [], -1
        for index in texts:  # each piece after what stands before it (nothing: the template's start)
            joined += [_gap(tokens[previous + 1:index]), tokens[index].value]
            previous = index
        spaced = _GAP.split(french_spacing("".join(joined)))[1:]
        assert len(spaced) == len(texts), "french_spacing kept every value's place"
        for index, text in zip(texts, spaced, strict=True):
            tokens[index] = Token(tokens[index].lineno, "data", text)
        return TokenStream(iter(tokens), stream.name, stream.filename)


def french(value: Any) -> Any:
    """The ``french`` filter: French no-break spaces in a text made by Python (a message, a
    title, a label); markup stays markup, tags and attributes stay as they are."""
    if value is None or not isinstance(value, str):
        return value
    if isinstance(value, Markup):
        return Markup(french_spacing(str(value)))
    return french_spacing(value)


def environment(templates_dir: str, *, strict: bool = True) -> Environment:
    """The theme's environment as the handlers use it: autoescaped, blocks trimmed, the French
    spacing of the text. Strict (the default): a misspelt name fails the suite instead of
    printing nothing."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, Undefined

    env = Environment(loader=FileSystemLoader(templates_dir), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined if strict else Undefined,
                      extensions=[FrenchSpacing])
    env.filters["french"] = french
    return env

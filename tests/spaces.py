"""French no-break spaces folded for the tests' string checks.

The handlers' pages and letters print the no-break spaces of French typography (U+00A0 before
« : » and between a number and its unit, U+202F before « ; ! ? » and inside « »: espace.templating).
A test that reads a response's text compares it with sentences typed with ordinary spaces
(« Votre demande : … »); the helpers that hand a test a page's text fold those spaces first.
tests/functional/web/test_typography.py checks, on the raw output, that they are there.
"""

NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def fold_spaces(text: str) -> str:
    """« Votre demande\u00a0: » -> « Votre demande : »; nothing else changes."""
    return text.translate(NO_BREAK_SPACES)


def fold_source(source: str) -> str:
    """A browser's page source folded likewise: Chromium serialises U+00A0 as « &nbsp; »."""
    return fold_spaces(source.replace("&nbsp;", " "))

"""French text helpers shared by the site build and the handlers (no locale needed)."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")  # tzdata ships with the package where the OS has none

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# Letters NFKD leaves whole: without these, "cœur" would never meet "coeur".
_LIGATURES = {"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"}
_LIGATURE = re.compile("[œŒæÆ]")
# Runs of non-ASCII characters: French text is mostly ASCII, so only these few runs are
# looked at in Python (filtering every character costs ten times as much).
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Accents and ligatures off, case kept: "Œuvre à l'Île" -> "Oeuvre a l'Ile".

    The one accent-folding rule of the project (search terms, place names, secret
    answers, A-Z initials), so what one part folds another reads back the same."""
    if text.isascii():
        return text
    unligatured = _LIGATURE.sub(lambda m: _LIGATURES[m.group()], text)
    return _NON_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", unligatured))


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # epoch seconds
        return dt.datetime.fromtimestamp(value, PARIS).date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def french_date(value: object, weekday: bool = False) -> str:
    """``2026-12-01`` -> ``1er décembre 2026`` (or ``mardi 1er décembre 2026``)."""
    day = parse_date(value)
    if day is None:
        return str(value)
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


NARROW_NBSP = "\u202f"


def number(value: int | float) -> str:
    """A number as French writes it: ``12921`` -> ``12 921`` (a narrow no-break space, which
    never lets a line break split the number), ``1234.5`` -> ``1 234,5``."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,}".partition(".")
        return f"{whole.replace(',', NARROW_NBSP)},{decimals}"
    return f"{int(value):,}".replace(",", NARROW_NBSP)


NBSP = "\u00a0"


def of(phrase: str) -> str:
    """« de » before a phrase, contracted as French requires: « du premier jour », « des dates »,
    « de la date », « de l'inscription »."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def decimal_label(value: int) -> str:
    """Hundredths as French prints them: 1025050 -> « 10 250,50 », 180000 -> « 1 800 » (narrow
    no-break spaces between thousands)."""
    whole, rest = divmod(value, 100)
    return f"{number(whole)},{rest:02d}" if rest else number(whole)


def euros(cents: int) -> str:
    """12345678 -> « 123 456,78 € »: a narrow no-break space between thousands, a no-break space
    before « € », so a line never breaks inside an amount."""
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{number(whole)},{rest:02d}{NBSP}€"


# The spaces a writer types between two words, a line break of the source included (Markdown
# keeps it in the paragraph, where the browser may break the line there).
_SPACE = r"[ \t\n\u00a0\u202f]+"
# « 1 232 », « 50 400 », « 1 234 567 »: one to three digits, then groups of three, not inside a
# longer run of digits (« 2026 150 » stays: a year followed by a number).
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \n\u00a0]\d{3})+(?!\d)")
# A number and its unit or currency: « 30 jours », « 1 232,10 € », « 15 h 30 », « 40,4 % ».
_UNITS = r"(?:€|%|‰|h|min|ans?|mois|jours?|semaines?|heures?|minutes?|euros?|km|kg|[kKMG]o)"
# VALUE stands for a value a template prints (espace.templating): the template's own text reads
# « {{ days }} jours », whose value is a number in practice; a page's text never holds it.
VALUE = "\x00"
_NUMBER_UNIT = re.compile(rf"(?<=[\d{VALUE}]){_SPACE}(?={_UNITS}(?![\w-]))")
_HOUR_MINUTES = re.compile(rf"(?<=\d{NBSP}h){_SPACE}(?=\d\d(?!\d))")
# A space the writer typed before « ; ! ? » (narrow) or « : » (full width), and inside « ».
_BEFORE_NARROW = re.compile(rf"{_SPACE}(?=[;!?])")
_BEFORE_COLON = re.compile(rf"{_SPACE}(?=:)")
_AFTER_OPENING = re.compile(rf"«(?:{_SPACE})?")
_BEFORE_CLOSING = re.compile(rf"(?:{_SPACE})?»")
# What is not running text: tags (attributes, addresses), comments, and elements shown as typed.
_NOT_TEXT = re.compile(r"<!--.*?-->|<(pre|code|kbd|samp|script|style|textarea)\b.*?</\1\s*>|<[^>]*>",
                       re.DOTALL | re.IGNORECASE)


def narrow_number_spaces(text: str) -> str:
    """The spaces inside a grouped number become narrow no-break spaces (« 1 232,10 »)."""
    return _GROUPED.sub(lambda m: re.sub(r"[ \n\u00a0]", NARROW_NBSP, m.group()), text)


def _space_text(text: str) -> str:
    text = narrow_number_spaces(text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    text = _HOUR_MINUTES.sub(NBSP, text)
    text = _BEFORE_NARROW.sub(NARROW_NBSP, text)
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _AFTER_OPENING.sub("«" + NARROW_NBSP, text)
    return _BEFORE_CLOSING.sub(NARROW_NBSP + "»", text)


def french_spacing(page: str) -> str:
    """The no-break spaces of French typography in the text of an HTML fragment (or of plain
    text without tags): narrow before « ; ! ? » and inside « », full before « : » and between
    a number and its unit. Only spaces the writer typed are changed (« http://», « 10:30 »,
    « ?q= » have none); tags, attributes, comments and ``pre``/``code``/``kbd``/``samp`` stay
    as they are. Writers type ordinary spaces; a line break of the source counts as one."""
    parts, start = [], 0
    for match in _NOT_TEXT.finditer(page):
        parts += [_space_text(page[start:match.start()]), match.group()]
        start = match.end()
    parts.append(_space_text(page[start:]))
    return "".join(parts)


_NOT_READ = re.compile(r"<(pre|code|kbd|samp)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def read_text(page: str) -> str:
    """The words of ``page`` (HTML or plain text) as a reader meets them: no tags, comments or
    code samples, entities decoded, one space between words (the content lints read this)."""
    return " ".join(html.unescape(_TAG.sub(" ", _NOT_READ.sub(" ", page))).split())


# No-break spaces French typography relies on (« a », 12 921), and stand-ins for them.
_KEPT_SPACES = {"\u00a0": "\x01", NARROW_NBSP: "\x02"}


def strip_tags(value: object) -> str:
    """Jinja's ``striptags`` (tags out, entities decoded, blanks collapsed) without turning
    no-break spaces into breakable ones: Jinja collapses every Unicode space, so a summary
    would print « 1 500 » and « a » that a line may break. The theme's ``striptags`` is this."""
    from markupsafe import Markup

    text = str(value)
    for kept, stand_in in _KEPT_SPACES.items():
        text = text.replace(kept, stand_in)
    text = Markup(text).striptags()
    for kept, stand_in in _KEPT_SPACES.items():
        text = text.replace(stand_in, kept)
    return text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(2, "offre")`` -> ``2 offres``; French uses the singular for 0 and 1."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count)} {word}"


def clock_time(epoch: float) -> str:
    """Epoch seconds -> ``14 h 05``, in French time (what the reader's clock shows)."""
    return dt.datetime.fromtimestamp(epoch, PARIS).strftime("%H h %M")

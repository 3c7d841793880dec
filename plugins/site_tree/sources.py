"""Parse the ``Sources`` and ``Verified`` metadata of a rights page.

A page that states rules (allowances, deadlines, aids) names the official texts
it was checked against and the day it was checked::

    Sources: https://www.unedic.org/… | Unédic : Dans quel délai vais-je être indemnisé(e) ?
        https://francetravail.fr/… | France Travail : J'entre en formation
    Verified: 2026-12-06

The page then shows a « Sources » section with the links and « Vérifié le 6 décembre 2026 ».
A malformed line fails the build, like a malformed ``Downloads`` line.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
STALE_AFTER_DAYS = 365


class SourceError(ValueError):
    """A Sources or Verified value is malformed."""


def parse_sources(value) -> list[dict]:
    if not value:
        return []
    lines = value if isinstance(value, list) else str(value).splitlines()
    sources = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        url, sep, label = (part.strip() for part in line.partition(" | "))
        if not sep or not url or not label:
            raise SourceError(f"Sources line must read 'https://… | title': {line!r}")
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.netloc or " " in url:
            raise SourceError(f"Sources: {url!r} is not an https address")
        sources.append({"url": url, "label": label, "site": parts.netloc.removeprefix("www.")})
    return sources


def parse_verified(value, today: datetime.date | None = None) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
    if not ISO_DATE.fullmatch(text):
        raise SourceError(f"Verified must read YYYY-MM-DD: {text!r}")
    try:
        verified = datetime.date.fromisoformat(text)
    except ValueError as error:
        raise SourceError(f"Verified is not a real date: {text!r}") from error
    if verified > (today or datetime.date.today()):
        raise SourceError(f"Verified is in the future: {text}")
    return verified


def check_pair(sources: list[dict], verified: datetime.date | None) -> None:
    """Sources without a date, or a date without sources, is malformed too."""
    if sources and verified is None:
        raise SourceError("Sources given without a Verified date")
    if verified is not None and not sources:
        raise SourceError("Verified given without Sources")


def is_stale(verified: datetime.date, today: datetime.date | None = None) -> bool:
    return ((today or datetime.date.today()) - verified).days > STALE_AFTER_DAYS


def french_date(day: datetime.date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"

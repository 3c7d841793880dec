"""How to apply to an offer, read from the v2 JSON's ``contact`` and ``origineOffre``.

Real offers put things where the schema does not say: ``courriel`` often holds « Pour postuler,
utiliser le lien suivant : https://… » rather than an address, ``coordonnees1`` repeats
``urlPostulation`` or holds « Tél. : … ». So an e-mail is shown only when it is one, the first
web address found is the application link, and the other lines are the contact's address.
Only http(s) addresses become links (a ``javascript:`` one would run in the page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")
URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
ADDRESS_KEYS = ("coordonnees1", "coordonnees2", "coordonnees3")


@dataclass(frozen=True)
class Link:
    url: str
    site: str  # the host, so that the link names where it goes


@dataclass(frozen=True)
class HowToApply:
    name: str = ""
    email: str = ""
    telephone: str = ""
    application: Link | None = None
    address: list[str] = field(default_factory=list)
    origin: Link | None = None  # the offer on the site it comes from: the way when nothing else is given
    partners: list[tuple[str, Link]] = field(default_factory=list)

    @property
    def telephone_uri(self) -> str:
        """« tel:0386000000 »: a phone dials it from the page."""
        digits = re.sub(r"[^\d+]", "", self.telephone)
        return f"tel:{digits}" if len(digits) >= 4 else ""

    @property
    def direct(self) -> bool:
        """The recruiter said how: an e-mail, a link, a telephone or an address."""
        return bool(self.email or self.application or self.telephone or self.address)


def link(value: object) -> Link | None:
    if not isinstance(value, str):
        return None
    found = URL.search(value)
    if not found:
        return None
    url = found.group().rstrip(".,;)")
    host = urlsplit(url).hostname
    return Link(url, host) if host else None


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _object(raw: dict, key: str) -> dict:
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def how_to_apply(raw: dict) -> HowToApply:
    contact, origin = _object(raw, "contact"), _object(raw, "origineOffre")
    courriel = _text(contact.get("courriel"))
    email = EMAIL.fullmatch(courriel)
    application = link(contact.get("urlPostulation")) or link(courriel) or next(
        (found for key in ADDRESS_KEYS if (found := link(contact.get(key)))), None)
    address = [_text(contact[key]) for key in ADDRESS_KEYS
               if _text(contact.get(key)) and not URL.search(contact[key])]
    partners = [(_text(p.get("nom")) or found.site, found) for p in origin.get("partenaires") or ()
                if isinstance(p, dict) and (found := link(p.get("url")))]
    return HowToApply(name=_text(contact.get("nom")), email=email.group() if email else "",
                      telephone=_text(contact.get("telephone")), application=application, address=address,
                      origin=link(origin.get("urlOrigine")), partners=partners)

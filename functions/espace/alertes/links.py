"""The links of the alert e-mails: unsubscribe (one search, or every alert of an account to an
address) and « Prolonger », signed with the site's key (espace.web.tokens), nothing stored.

The daily job builds them with ``unsubscribe_url``, ``prolong_url`` and
``list_unsubscribe_headers`` (RFC 2369 + RFC 8058 one-click); the public routes of
espace.alertes.routes read them back. A token names the account, the address and, for one
search, its id: what the recipient of the mail already knows, nothing of anyone else.
An unsubscribe link never expires (a mail read months later must still stop the alerts);
a « Prolonger » link expires after PROLONG_MAX_AGE.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from espace.web import tokens

UNSUBSCRIBE = "alert-unsubscribe"
PROLONG = "alert-prolong"
UNSUBSCRIBE_PATH = "/alertes/desabonnement"
PROLONG_PATH = "/alertes/prolonger"
PROLONG_MAX_AGE = 180 * 24 * 3600  # a reminder's link still works well after the alerts have expired


@dataclass(frozen=True)
class Unsubscribe:
    user_id: str
    email: str
    sid: str | None  # None: every alert of the account sent to ``email``


def unsubscribe_token(key: bytes, user_id: str, email: str, sid: str | None = None) -> str:
    return tokens.make(key, UNSUBSCRIBE, user_id, email, sid or "")


def unsubscribe_url(key: bytes, site_url: str, user_id: str, email: str, sid: str | None = None) -> str:
    token = unsubscribe_token(key, user_id, email, sid)
    return f"{site_url.rstrip('/')}{UNSUBSCRIBE_PATH}?jeton={quote(token, safe='')}"


def prolong_url(key: bytes, site_url: str, user_id: str) -> str:
    token = tokens.make(key, PROLONG, user_id)
    return f"{site_url.rstrip('/')}{PROLONG_PATH}?jeton={quote(token, safe='')}"


def list_unsubscribe_headers(key: bytes, site_url: str, user_id: str, email: str) -> dict[str, str]:
    """The headers of a digest: a mail client's « Se désabonner » POSTs to the URL (RFC 8058),
    which stops every alert of the account to this address, without signing in."""
    return {"List-Unsubscribe": f"<{unsubscribe_url(key, site_url, user_id, email)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def read_unsubscribe(key: bytes, token: str | None) -> Unsubscribe:
    """Raises tokens.TokenInvalid for anything but a token made by ``unsubscribe_token``."""
    parts = tokens.read(key, UNSUBSCRIBE, token)
    if len(parts) != 3 or not parts[0] or not parts[1]:
        raise tokens.TokenInvalid()
    user_id, email, sid = parts
    return Unsubscribe(user_id, email, sid or None)


def read_prolong(key: bytes, token: str | None, now: int | None = None) -> str:
    parts = tokens.read(key, PROLONG, token, max_age=PROLONG_MAX_AGE, now=now)
    if len(parts) != 1 or not parts[0]:
        raise tokens.TokenInvalid()
    return parts[0]

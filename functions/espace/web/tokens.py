"""Signed tokens for links sent by e-mail (unsubscribe, prolong…): no record to store or expire.

    token = make(key, "unsubscribe", user_id, email)
    user_id, email = read(key, "unsubscribe", token)   # TokenInvalid when forged or edited

A token is the URL-safe base64 of its parts, a dot, and an HMAC of the purpose and the parts
under the site's signing key (espace.web.signing): a token made for one purpose is worthless
for another, and editing any part breaks the MAC. It hides nothing (the parts are readable):
put in it only what the link's owner may see. ``max_age`` (seconds) makes it expire.
"""

from __future__ import annotations

import base64
import json
import time

from espace.web.signing import sign, verify

MAX_LENGTH = 1000


class TokenInvalid(ValueError):
    """Forged, edited, truncated, of another purpose, or expired: the caller says nothing more."""


def make(key: bytes, purpose: str, *parts: str, now: int | None = None) -> str:
    issued = str(int(time.time()) if now is None else now)
    payload = base64.urlsafe_b64encode(json.dumps([issued, *parts], separators=(",", ":")).encode())
    body = payload.rstrip(b"=").decode()
    return f"{body}.{sign(key, purpose, body)}"


def read(key: bytes, purpose: str, token: str | None, *, max_age: int | None = None,
         now: int | None = None) -> list[str]:
    if not isinstance(token, str) or not token or len(token) > MAX_LENGTH or token.count(".") != 1:
        raise TokenInvalid()
    body, mac = token.split(".")
    if not verify(key, mac, purpose, body):
        raise TokenInvalid()
    try:
        issued, *parts = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, TypeError):  # cannot happen with a valid MAC, unless the key leaked
        raise TokenInvalid() from None
    current = int(time.time()) if now is None else now
    if max_age is not None and current - int(issued) > max_age:
        raise TokenInvalid()
    return [str(part) for part in parts]

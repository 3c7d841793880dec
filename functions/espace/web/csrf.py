"""CSRF protection by default: every non-GET/HEAD request needs a valid token.

A token is ``{issued}.{mac}``: an HMAC, under the site's signing key, of what it is
bound to and of its issue time. A signed-in visitor's tokens are bound to the
session's secret (a token of another session, or of a session that ended, fails);
an anonymous visitor's to a random nonce in a cookie (double-submit, signed), so
that showing a form stores nothing on the server. Tokens expire after
``MAX_AGE_SECONDS``.

The check runs in a middleware of the application (``web.app``), before any route:
a route that forgets about CSRF is protected anyway. A route opts out only with
``@csrf_exempt("what protects it instead")``. A request whose ``Origin`` (or, without
one, ``Referer``) names another site is refused too.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from espace.web.signing import sign, verify

FIELD = "csrf"
HEADER = "x-csrf-token"
# Longer than a signed-in session's idle limit (web.sessions, RGAA 13.1): a form left open
# for 20 hours still goes through while its session lasts.
MAX_AGE_SECONDS = 24 * 3600
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
F = TypeVar("F", bound=Callable[..., Any])


def csrf_exempt(reason: str) -> Callable[[F], F]:
    """Mark a route as not needing a CSRF token; ``reason`` says what protects it instead."""
    if not reason.strip():
        raise ValueError("say what protects the route instead of a CSRF token")

    def mark(func: F) -> F:
        func.csrf_exempt = reason  # type: ignore[attr-defined]
        return func

    return mark


def is_exempt(func: Callable[..., Any] | None) -> bool:
    return bool(getattr(func, "csrf_exempt", None))


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def issue(key: bytes, binding: str, now: float | None = None) -> str:
    issued = str(int(time.time() if now is None else now))
    return f"{issued}.{sign(key, 'csrf', binding, issued)}"


def valid(key: bytes, binding: str | None, token: str | None, now: float | None = None) -> bool:
    if not binding or not token or len(token) > 100:
        return False
    issued, _, mac = token.partition(".")
    if not issued.isdigit() or not mac:
        return False
    age = (time.time() if now is None else now) - int(issued)
    if not -300 <= age <= MAX_AGE_SECONDS:  # a little clock skew between Lambda containers
        return False
    return verify(key, mac, "csrf", binding, issued)


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_site(origin: str | None, referer: str | None, site_url: str, host: str | None) -> bool:
    """False when the request says it comes from another site.

    The site is the configured address (behind CloudFront, the Host header is API
    Gateway's) or, for the local gateway, the address the browser used (127.0.0.1 vs
    localhost). Neither header present: nothing to compare, the token decides.
    """
    claimed = origin if origin and origin != "null" else None
    if claimed is None and referer:
        claimed = _origin(referer)
        if claimed is None:
            return False
    elif claimed is not None:
        claimed = claimed.lower()
    if claimed is None:
        return origin != "null"  # "null": a sandboxed frame or a privacy redirect; refuse
    allowed = {_origin(site_url)}
    if host:
        allowed |= {f"http://{host}".lower(), f"https://{host}".lower()}
    return claimed in allowed

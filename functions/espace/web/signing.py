"""The site's signing key: HMAC for CSRF tokens and other signed values (e.g. links).

No configuration: the key is created at random on first use and kept in the records
store (one record, written only if absent, so concurrent cold starts agree on one key).
ESPACE_SECRET_KEY, when set, takes precedence — for deployments that keep secrets in
a secrets manager. Rotating: delete the record; every outstanding token then fails its
check and the forms say so, nothing else is lost.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import secrets
from functools import lru_cache

from espace.ports import ConditionFailedError, RecordStore

KEY_PK, KEY_SK = "CONFIG", "SIGNING-KEY"


@lru_cache(maxsize=4)
def signing_key(records: RecordStore, configured: str = "") -> bytes:
    """Cached per process and per store (tests build a new store per test)."""
    if configured:
        return hashlib.sha256(configured.encode()).digest()
    item = records.get(KEY_PK, KEY_SK)
    if item is None:
        # Another process may create it first: then use theirs.
        with contextlib.suppress(ConditionFailedError):
            records.put({"pk": KEY_PK, "sk": KEY_SK, "key": secrets.token_urlsafe(32)}, if_absent=True)
        item = records.get(KEY_PK, KEY_SK)
    assert item is not None
    return base64.urlsafe_b64decode(item["key"] + "=" * (-len(item["key"]) % 4))


def sign(key: bytes, *parts: str) -> str:
    """A URL-safe MAC of ``parts`` (128 bits are plenty for a token that expires)."""
    mac = hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def verify(key: bytes, mac: str, *parts: str) -> bool:
    return hmac.compare_digest(sign(key, *parts).encode(), mac.encode())

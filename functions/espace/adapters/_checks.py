"""Input checks shared by both adapters of a port.

Both adapters of a port must accept and refuse exactly the same inputs: a record or a
key that works on a laptop and fails only once deployed (or the reverse) is the worst
kind of bug, so the rules live here once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from typing import Any

from espace.ports import Delete, InvalidContinuationError, Put

MAX_TRANSACTION = 25
# DynamoDB numbers hold 38 significant digits; refusing larger ints here keeps the
# SQLite adapter from accepting what DynamoDB would reject.
_MAX_INT = 10**38
_KEY_FIELDS = ("pk", "sk")
# File keys: the last segment must not look like the local store's own bookkeeping files.
RESERVED_SUFFIXES = (".meta.json", ".~tmp")
# Continuation keys: a format version, a digest of the list and position, then the last sort
# key read. DynamoDB sort keys hold at most 1,024 bytes.
_CONTINUATION_VERSION = b"\x01"
_DIGEST_BYTES = 8
_MAX_SORT_KEY_BYTES = 1024
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_MAX_CONTINUATION_CHARS = -(-(len(_CONTINUATION_VERSION) + _DIGEST_BYTES + _MAX_SORT_KEY_BYTES) * 4 // 3)


def check_value(value: Any, where: str = "item") -> None:
    """Refuse what the records port does not promise to round-trip (floats, tuples, bytes…).

    Floats are refused on purpose: DynamoDB would give ``1.0`` back as ``1`` while JSON
    keeps ``1.0``, so a float would not come back the same from both adapters."""
    if value is None or isinstance(value, (str, bool)):
        return
    if isinstance(value, int):
        if abs(value) >= _MAX_INT:
            raise ValueError(f"{where}: integer too large for DynamoDB ({value})")
        return
    if isinstance(value, list):
        for index, element in enumerate(value):
            check_value(element, f"{where}[{index}]")
        return
    if isinstance(value, dict):
        for name, element in value.items():
            if not isinstance(name, str):
                raise TypeError(f"{where}: map keys must be strings, not {name!r}")
            check_value(element, f"{where}.{name}")
        return
    raise TypeError(f"{where}: {type(value).__name__} is not a record value (str, int, bool, None, list, dict)")


def check_key(pk: Any, sk: Any) -> None:
    for name, value in (("pk", pk), ("sk", sk)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty string, not {value!r}")


def check_item(item: Any) -> None:
    if not isinstance(item, dict):
        raise TypeError(f"an item is a dict, not {type(item).__name__}")
    check_key(item.get("pk"), item.get("sk"))
    expires_at = item.get("expires_at")
    # DynamoDB's TTL ignores anything but a number, so a non-int would silently never expire.
    if "expires_at" in item and (isinstance(expires_at, bool) or not isinstance(expires_at, int)):
        raise TypeError(f"expires_at must be an int (epoch seconds), not {expires_at!r}")
    check_value(item)


def check_query(pk: Any, sk_prefix: Any, limit: Any) -> None:
    check_key(pk, "-")
    if not isinstance(sk_prefix, str):
        raise TypeError("sk_prefix is a string")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a positive int, not {limit!r}")


def check_query_page(pk: Any, sk_prefix: Any, limit: Any, descending: Any, after: Any) -> str | None:
    """Check a paged query's arguments; return the sort key to start after (None: from the start)."""
    check_query(pk, sk_prefix, limit)
    if limit is None:
        raise ValueError("a paged query needs a limit")
    if not isinstance(descending, bool):
        raise TypeError(f"descending is a bool, not {descending!r}")
    if after is None:
        return None
    if not isinstance(after, str):
        raise TypeError(f"a continuation key is a string, not {type(after).__name__}")
    return decode_continuation(after, pk, sk_prefix, descending)


def _digest(pk: str, sk_prefix: str, descending: bool, last_sk: str) -> bytes:
    # Not a secret (a key may only read the partition its caller names anyway): it binds the
    # key to its list and tells an edited or truncated key from a real one. NUL separates the
    # parts: it cannot be confused with key text.
    text = f"{pk}\x00{sk_prefix}\x00{'desc' if descending else 'asc'}\x00{last_sk}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=_DIGEST_BYTES).digest()


def encode_continuation(pk: str, sk_prefix: str, descending: bool, last_sk: str) -> str:
    """The continuation key after ``last_sk`` in this list: base64url without padding."""
    raw = _CONTINUATION_VERSION + _digest(pk, sk_prefix, descending, last_sk) + last_sk.encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_continuation(key: str, pk: str, sk_prefix: str, descending: bool) -> str:
    """The sort key a continuation key of this list points after; InvalidContinuationError otherwise."""
    # Padding is never handed out, and a longer key than any real one is refused before decoding.
    if len(key) > _MAX_CONTINUATION_CHARS or not _BASE64URL.fullmatch(key):
        raise InvalidContinuationError("malformed continuation key")
    try:
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    except (binascii.Error, ValueError) as error:
        raise InvalidContinuationError("malformed continuation key") from error
    header = len(_CONTINUATION_VERSION) + _DIGEST_BYTES
    if len(raw) <= header or raw[:1] != _CONTINUATION_VERSION:
        raise InvalidContinuationError("malformed continuation key")
    try:
        sk = raw[header:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidContinuationError("malformed continuation key") from error
    if raw[1:header] != _digest(pk, sk_prefix, descending, sk):
        raise InvalidContinuationError("continuation key edited, or from another list")
    # The digest is not a signature: re-check what a forged key could carry (DynamoDB refuses a
    # start key outside the query's prefix with an error, which would otherwise be a 500).
    if not sk.startswith(sk_prefix) or len(raw) - header > _MAX_SORT_KEY_BYTES:
        raise InvalidContinuationError("continuation key outside this list")
    # Keys the encoder would never produce (e.g. extra bits in the last character) are refused
    # too, so that one position has exactly one key.
    if encode_continuation(pk, sk_prefix, descending, sk) != key:
        raise InvalidContinuationError("malformed continuation key")
    return sk


def check_increment(pk: str, sk: str, name: str, by: int, expires_at: int | None) -> None:
    check_key(pk, sk)
    if not isinstance(name, str) or not name or name in (*_KEY_FIELDS, "expires_at"):
        raise ValueError(f"cannot increment the field {name!r}")
    if isinstance(by, bool) or not isinstance(by, int):
        raise TypeError(f"by must be an int, not {by!r}")
    if expires_at is not None and (isinstance(expires_at, bool) or not isinstance(expires_at, int)):
        raise TypeError(f"expires_at must be an int (epoch seconds), not {expires_at!r}")


def check_transaction(operations: list) -> None:
    """At most 25 operations, each on a different record (DynamoDB refuses two on one item)."""
    if len(operations) > MAX_TRANSACTION:
        raise ValueError(f"a transaction holds at most {MAX_TRANSACTION} operations, not {len(operations)}")
    seen = set()
    for operation in operations:
        if isinstance(operation, Put):
            check_item(operation.item)
            key = (operation.item["pk"], operation.item["sk"])
        elif isinstance(operation, Delete):
            check_key(operation.pk, operation.sk)
            key = (operation.pk, operation.sk)
        else:
            raise TypeError(f"not a Put or Delete: {operation!r}")
        if key in seen:
            raise ValueError(f"a transaction cannot touch {key} twice")
        seen.add(key)


def check_file_key(key: Any) -> str:
    """A relative "/"-separated path that cannot leave the store's root.

    Applied by the S3 adapter too: S3 would accept ``../x``, but a key the local store
    refuses must be refused everywhere, and such a key always means a bug."""
    if not isinstance(key, str) or not key:
        raise ValueError("a file key must be a non-empty string")
    _check_characters(key)
    segments = key.split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            raise ValueError(f"unsafe file key {key!r}: empty, '.' or '..' segment")
    if segments[-1].endswith(RESERVED_SUFFIXES):
        raise ValueError(f"file key {key!r} ends with a reserved suffix {RESERVED_SUFFIXES}")
    return key


def check_file_prefix(prefix: Any, *, allow_empty: bool) -> str:
    """A prefix is a key's beginning, so it may end with "/" or stop inside a segment."""
    if not isinstance(prefix, str):
        raise TypeError("a prefix is a string")
    if not prefix:
        if allow_empty:
            return prefix
        # delete_prefix("") would erase every user's files: always a bug.
        raise ValueError("refusing an empty prefix here")
    _check_characters(prefix)
    *folders, _partial = prefix.split("/")
    for segment in folders:
        if segment in ("", ".", ".."):
            raise ValueError(f"unsafe prefix {prefix!r}")
    return prefix


def _check_characters(text: str) -> None:
    if text.startswith("/") or "\\" in text or "\x00" in text:
        raise ValueError(f"unsafe file key {text!r}: absolute, backslash or NUL")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in text):
        raise ValueError(f"file key {text!r} holds a control character")

"""Password and secret-answer hashing (Argon2id via argon2-cffi), and single-use tokens.

Argon2 parameters are OWASP's minimum recommendation for Argon2id (19 MiB,
2 iterations, 1 lane): a sign-in stays well under 100 ms on one Lambda vCPU
while each guess costs an attacker as much memory.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from espace.text import fold

HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so a sign-in for an
    unknown identifier costs the same time as one for a known identifier. Computed on
    first use, not at import: it would add a hash to every cold start."""
    return HASHER.hash(secrets.token_urlsafe(16))


def hash_secret(value: str) -> str:
    return HASHER.hash(value)


def verify_secret(stored_hash: str | None, candidate: str) -> bool:
    try:
        return HASHER.verify(stored_hash or _dummy_hash(), candidate) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return HASHER.check_needs_rehash(stored_hash)


def normalize_answer(answer: str) -> str:
    """« Médor  le Chien » and « medor le chien » are the same answer."""
    return " ".join(fold(answer).casefold().split())


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_key(token: str) -> str:
    """Tokens are stored by their hash: the table never holds a usable link."""
    return "TOKEN#" + hashlib.sha256(token.encode()).hexdigest()

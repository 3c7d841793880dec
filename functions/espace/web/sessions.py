"""Server-side sessions in the records store: who is signed in, and flash messages.

The cookie holds a random 256-bit identifier; the store keys the session by its
SHA-256, so a leaked table does not leak usable cookies. Signing in always starts
a new session (no fixation). Anonymous visitors get no session row until they need
one (a flash message after a submitted form): reading a page writes nothing.

Each signed-in session is also listed in its user's partition (``USER#{id}`` /
``SESSION#{hash}``), so account deletion removes every session and the export
lists them. A session remembers the account's ``auth_version`` at sign-in: a
password or e-mail change bumps the version and thereby ends every other session.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from espace.ports import Delete, Put, RecordStore
from espace.settings import Settings

ANONYMOUS_TTL = 2 * 3600
SESSION_SK = "SESSION"


def session_key(session_id: str) -> str:
    return "SESSION#" + hashlib.sha256(session_id.encode()).hexdigest()


@dataclass
class Session:
    id: str
    csrf: str  # the secret CSRF tokens of this session are bound to
    expires_at: int
    user_id: str | None = None
    auth_version: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False
    stored: bool = True

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


class SessionManager:
    def __init__(self, records: RecordStore, settings: Settings, clock: Callable[[], float] = time.time):
        self.records = records
        self.settings = settings
        self.clock = clock
        # Browsers only accept a __Host- cookie when it is Secure; on plain http
        # (make run on 127.0.0.1, text browsers) the same cookie drops the prefix.
        self.cookie_name = "__Host-session" if settings.secure_cookies else "session"

    def load(self, cookie_value: str | None) -> Session | None:
        if not cookie_value or len(cookie_value) > 100:
            return None
        item = self.records.get(session_key(cookie_value), SESSION_SK)
        if item is None or item["expires_at"] <= self.clock():
            return None
        return Session(cookie_value, item["csrf"], item["expires_at"], item.get("user_id"),
                       item.get("auth_version", 0), item.get("data", {}))

    def new(self, user_id: str | None = None, auth_version: int = 0) -> Session:
        """A session not stored yet: ``save`` writes it (and its entry in the user's partition)."""
        ttl = self.settings.session_hours * 3600 if user_id else ANONYMOUS_TTL
        return Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), int(self.clock()) + ttl, user_id,
                       auth_version, {}, dirty=True, stored=False)

    def save(self, session: Session) -> None:
        item = {"pk": session_key(session.id), "sk": SESSION_SK, "csrf": session.csrf, "user_id": session.user_id,
                "auth_version": session.auth_version, "data": session.data, "expires_at": session.expires_at}
        operations: list[Put | Delete] = [Put(item)]
        if session.user_id and not session.stored:
            operations.append(Put({"pk": f"USER#{session.user_id}", "sk": session_key(session.id),
                                   "kind": "session", "expires_at": session.expires_at}))
        self.records.transact(operations)
        session.dirty, session.stored = False, True

    def end(self, session: Session) -> None:
        if not session.stored:
            return
        operations: list[Put | Delete] = [Delete(session_key(session.id), SESSION_SK)]
        if session.user_id:
            operations.append(Delete(f"USER#{session.user_id}", session_key(session.id)))
        self.records.transact(operations)
        session.stored = False

    def end_all(self, user_id: str) -> None:
        """Every session of ``user_id`` (account deletion)."""
        for entry in self.records.query(f"USER#{user_id}", "SESSION#"):
            self.records.transact([Delete(entry["sk"], SESSION_SK), Delete(entry["pk"], entry["sk"])])

    def cookie(self, session: Session) -> Cookie:
        return Cookie(self.cookie_name, session.id, path="/", secure=self.settings.secure_cookies,
                      http_only=True, same_site=SameSite.LAX_MODE,
                      max_age=max(0, session.expires_at - int(self.clock())))

    def expired_cookie(self) -> Cookie:
        return Cookie(self.cookie_name, "", path="/", secure=self.settings.secure_cookies, http_only=True,
                      same_site=SameSite.LAX_MODE, max_age=0)

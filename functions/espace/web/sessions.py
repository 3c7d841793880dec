"""Server-side sessions in the records store: who is signed in, and flash messages.

The cookie holds a random 256-bit identifier; the store keys the session by its
SHA-256, so a leaked table does not leak usable cookies. Signing in always starts
a new session (no fixation). Anonymous visitors get no session row until they need
one (a flash message after a submitted form): reading a page writes nothing.

Each signed-in session is also listed in its user's partition (``USER#{id}`` /
``SESSION#{hash}``), so account deletion removes every session and the export
lists them. A session remembers the account's ``auth_version`` at sign-in: a
password or e-mail change bumps the version and thereby ends every other session.

Time limits (RGAA 13.1, WCAG 2.2.1): a signed-in session is renewed by activity. Each
request that reads it moves its end to ``session_hours`` (20 h) after that request, so
nobody is signed out while using the site, and a person who leaves a form open for a
whole day still finds their session when they send it: no warning to miss, no script
needed to extend it. The store is written at most once every ``RENEW_EVERY`` seconds
for that, and a session never outlives ``MAX_AGE`` after sign-in (a stolen cookie does
not last forever). A form sent after its session ended is refused by the CSRF check
with a page saying why and giving back what was typed (web.expired).
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
RENEW_EVERY = 5 * 60
MAX_AGE = 7 * 86400
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
    started_at: int = 0
    renewed: bool = False

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
                       item.get("auth_version", 0), item.get("data", {}),
                       started_at=item.get("started_at", item["expires_at"] - self.idle_seconds))

    @property
    def idle_seconds(self) -> int:
        return self.settings.session_hours * 3600

    def renew(self, session: Session) -> bool:
        """Activity moves a signed-in session's end to ``session_hours`` from now (not past
        ``MAX_AGE`` after sign-in); True when it did, and the cookie must be sent again."""
        now = int(self.clock())
        end = min(now + self.idle_seconds, session.started_at + MAX_AGE)
        if not session.user_id or not session.stored or end - session.expires_at < RENEW_EVERY:
            return False
        session.expires_at, session.dirty, session.renewed = end, True, True
        return True

    def new(self, user_id: str | None = None, auth_version: int = 0) -> Session:
        """A session not stored yet: ``save`` writes it (and its entry in the user's partition)."""
        ttl = self.idle_seconds if user_id else ANONYMOUS_TTL
        now = int(self.clock())
        return Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), now + ttl, user_id,
                       auth_version, {}, dirty=True, stored=False, started_at=now)

    def save(self, session: Session) -> None:
        item = {"pk": session_key(session.id), "sk": SESSION_SK, "csrf": session.csrf, "user_id": session.user_id,
                "auth_version": session.auth_version, "data": session.data, "expires_at": session.expires_at,
                "started_at": session.started_at}
        operations: list[Put | Delete] = [Put(item)]
        # The user's list of sessions expires with the session: renewed with it.
        if session.user_id and (not session.stored or session.renewed):
            operations.append(Put({"pk": f"USER#{session.user_id}", "sk": session_key(session.id),
                                   "kind": "session", "expires_at": session.expires_at}))
        self.records.transact(operations)
        session.dirty, session.stored, session.renewed = False, True, False

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
        """The session's cookie. A signed-in one lasts as long as the session can (``MAX_AGE``),
        not its current end: renewal needs no new cookie, and a form sent after the session
        ended can say so (web.expired); the store decides what is valid."""
        end = session.started_at + MAX_AGE if session.user_id else session.expires_at
        return Cookie(self.cookie_name, session.id, path="/", secure=self.settings.secure_cookies,
                      http_only=True, same_site=SameSite.LAX_MODE, max_age=max(0, end - int(self.clock())))

    def expired_cookie(self) -> Cookie:
        return Cookie(self.cookie_name, "", path="/", secure=self.settings.secure_cookies, http_only=True,
                      same_site=SameSite.LAX_MODE, max_age=0)

"""Server-side sessions in the records store, and the CSRF token they carry.

The cookie holds a random 256-bit identifier; the store keys the session by its
SHA-256, so a leaked table does not leak usable cookies. Signing in always
starts a new session (no fixation); every state-changing form carries the
session's CSRF token (synchronizer token pattern).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from espace.ports import RecordStore
from espace.settings import Settings

ANONYMOUS_TTL = 2 * 3600
CSRF_FIELD = "csrf"


def _key(session_id: str) -> str:
    return "SESSION#" + hashlib.sha256(session_id.encode()).hexdigest()


@dataclass
class Session:
    id: str
    csrf: str
    expires_at: int
    user_id: str | None = None
    data: dict = field(default_factory=dict)
    is_new: bool = False

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


class SessionManager:
    def __init__(self, records: RecordStore, settings: Settings, clock=time.time):
        self.records = records
        self.settings = settings
        self.clock = clock
        # Browsers only accept a __Host- cookie when it is Secure; on plain http
        # (make run on 127.0.0.1, text browsers) the same cookie drops the prefix.
        self.cookie_name = "__Host-session" if settings.secure_cookies else "session"

    def load(self, cookie_value: str | None) -> Session | None:
        if not cookie_value or len(cookie_value) > 100:
            return None
        item = self.records.get(_key(cookie_value), "SESSION")
        if item is None or item["expires_at"] <= self.clock():
            return None
        return Session(cookie_value, item["csrf"], item["expires_at"], item.get("user_id"), item.get("data", {}))

    def _new(self, user_id: str | None, ttl: int) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), int(self.clock()) + ttl,
                          user_id, {}, is_new=True)
        self.save(session)
        return session

    def save(self, session: Session) -> None:
        self.records.put({"pk": _key(session.id), "sk": "SESSION", "csrf": session.csrf,
                          "user_id": session.user_id, "data": session.data, "expires_at": session.expires_at})

    def ensure(self, session: Session | None) -> Session:
        """The visitor's session, or a new anonymous one (forms need a CSRF token)."""
        return session if session is not None else self._new(None, ANONYMOUS_TTL)

    def sign_in(self, old: Session | None, user_id: str) -> Session:
        """A fresh session for ``user_id``; the previous one (if any) is destroyed."""
        if old is not None:
            self.end(old)
        return self._new(user_id, self.settings.session_hours * 3600)

    def end(self, session: Session) -> None:
        self.records.delete(_key(session.id), "SESSION")

    def cookie(self, session: Session) -> Cookie:
        return Cookie(self.cookie_name, session.id, path="/", secure=self.settings.secure_cookies,
                      http_only=True, same_site=SameSite.LAX_MODE,
                      max_age=max(0, session.expires_at - int(self.clock())))

    def expired_cookie(self) -> Cookie:
        return Cookie(self.cookie_name, "", path="/", secure=self.settings.secure_cookies, http_only=True,
                      same_site=SameSite.LAX_MODE, max_age=0)

    @staticmethod
    def csrf_ok(session: Session | None, submitted: str | None) -> bool:
        if session is None or not submitted:
            return False
        return hmac.compare_digest(session.csrf.encode(), submitted.encode())

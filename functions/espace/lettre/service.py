"""Subscriptions to the « Mode d'emploi » newsletter (no account needed).

Records (single table):
- ``NEWSLETTER-TOKEN#{sha256(token)}`` / ``TOKEN`` {email, expires_at}: a pending confirmation
  link (random, stored by its hash, single use, 7 days).
- ``NEWSLETTER#{email}`` / ``SUBSCRIPTION`` {email, confirmed_at}: an active subscriber.
- ``NEWSLETTER-SUBSCRIBERS`` / ``{email}`` {email}: the index the monthly job pages through
  (a query, never a scan).

Nothing is subscribed until the mailed link is opened and its button pressed (double opt-in):
a form posted with someone else's address only sends them one confirmation mail, and the
number of such mails is capped per address and per client address.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable

from espace.lettre import mails
from espace.ports import ConditionFailedError, Delete, Mailer, Put, RecordStore
from espace.web import tokens

CONFIRM_TTL = 7 * 24 * 3600
MAIL_PER_ADDRESS = 3  # confirmation mails per address and hour
MAIL_PER_IP = 20  # per client address and hour
SUBSCRIBERS = "NEWSLETTER-SUBSCRIBERS"
UNSUBSCRIBE_PURPOSE = "newsletter-unsubscribe"


class LinkError(Exception):
    """A confirmation link that is unknown, used or expired: the page says only that."""


def subscription_key(email: str) -> tuple[str, str]:
    return f"NEWSLETTER#{email}", "SUBSCRIPTION"


def _token_pk(token: str) -> str:
    return "NEWSLETTER-TOKEN#" + hashlib.sha256(token.encode()).hexdigest()


def unsubscribe_token(key: bytes, email: str) -> str:
    """Signed, never stored, no expiry: an unsubscribe link in a mail of last year still works."""
    return tokens.make(key, UNSUBSCRIBE_PURPOSE, email)


def unsubscribe_url(site_url: str, key: bytes, email: str) -> str:
    return f"{site_url.rstrip('/')}/lettre/desabonnement?jeton={unsubscribe_token(key, email)}"


class NewsletterService:
    def __init__(self, records: RecordStore, mailer: Mailer, site_url: str, key: bytes,
                 clock: Callable[[], float] = time.time):
        self.records, self.mailer, self.key = records, mailer, key
        self.site_url = site_url.rstrip("/")
        self.clock = clock

    def now(self) -> int:
        return int(self.clock())

    # --- subscribe ------------------------------------------------------------------
    def request(self, email: str, client_ip: str) -> bool:
        """Send the confirmation link; False when the hourly caps are reached. The same mail
        whether or not the address is already subscribed: the answer reveals nothing."""
        if not self._mail_allowed(email, client_ip):
            return False
        token = secrets.token_urlsafe(32)
        self.records.put({"pk": _token_pk(token), "sk": "TOKEN", "email": email,
                          "expires_at": self.now() + CONFIRM_TTL})
        self.mailer.send(mails.confirm_subscription(email, f"{self.site_url}/lettre/confirmation?jeton={token}"))
        return True

    def check_link(self, token: str | None) -> str:
        """The address of a live confirmation link (LinkError otherwise), without using it."""
        if not isinstance(token, str) or not token or len(token) > 100:
            raise LinkError()
        item = self.records.get(_token_pk(token), "TOKEN")
        if item is None:
            raise LinkError()
        return str(item["email"])

    def confirm(self, token: str | None) -> str:
        """Activate the subscription and spend the link, in one transaction: two clicks at
        once confirm once. Confirming an address already subscribed keeps it subscribed."""
        email = self.check_link(token)
        assert token is not None
        pk, sk = subscription_key(email)
        current = self.records.get(pk, sk)
        operations: list[Put | Delete] = [Delete(_token_pk(token), "TOKEN", if_present=True)]
        if current is None:
            operations += [Put({"pk": pk, "sk": sk, "email": email, "confirmed_at": self.now()}),
                           Put({"pk": SUBSCRIBERS, "sk": email, "email": email})]
        try:
            self.records.transact(operations)
        except ConditionFailedError:  # spent by a concurrent click
            raise LinkError() from None
        return email

    # --- unsubscribe ----------------------------------------------------------------
    def read_unsubscribe(self, token: str | None) -> str:
        """The address of a genuine unsubscribe link; tokens.TokenInvalid otherwise."""
        (email,) = tokens.read(self.key, UNSUBSCRIBE_PURPOSE, token)
        return email

    def unsubscribe(self, token: str | None) -> None:
        """Idempotent: a second click, or an address no longer subscribed, changes nothing."""
        email = self.read_unsubscribe(token)
        pk, sk = subscription_key(email)
        self.records.transact([Delete(pk, sk), Delete(SUBSCRIBERS, email)])

    def is_subscribed(self, email: str) -> bool:
        return self.records.get(*subscription_key(email)) is not None

    def _mail_allowed(self, email: str, client_ip: str) -> bool:
        """Caps mails per recipient and per sender address, so the form cannot flood a mailbox
        (the same rule as the account mails, with counters of its own)."""
        hour = self.now() + 3600
        to = self.records.increment(f"THROTTLE#lettre-to#{email}", "COUNTER", "count", expires_at=hour)
        by = self.records.increment(f"THROTTLE#lettre-ip#{client_ip}", "COUNTER", "count", expires_at=hour)
        return to <= MAIL_PER_ADDRESS and by <= MAIL_PER_IP

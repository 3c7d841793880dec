"""Account use cases, written once against the ports (records, files, mail).

No response ever tells whether an address has an account: creation and
recovery always answer "check your mailbox" and the e-mail itself says what
applies, after the same work in both cases; failed sign-ins are counted per
identifier whether or not it exists.

Limits are enforced by reserving an attempt (an atomic ``increment``) BEFORE the
secret is checked: two requests at once can never both see "4 failures so far",
so no burst gets more checks than the limit, whatever its concurrency.

Every credential change (password change or reset, e-mail change) adds one to the
profile's ``auth_version``; sessions and mailed links record the version they were
issued under and are worthless once it moves on.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import quote

from espace.accounts import mails
from espace.accounts.secrets import hash_secret, needs_rehash, new_token, normalize_answer, token_key, verify_secret
from espace.accounts.validation import QUESTION_TEXT, normalize_email
from espace.dossier.model import normalize_identifier
from espace.messages.service import Mailbox
from espace.ports import ConditionFailedError, Delete, FileStore, Item, Mailer, Put, RecordStore

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
IP_MAX_FAILURES = 30  # per address and quarter hour: many people can share one address
MAIL_PER_ADDRESS = 3  # confirmation/recovery mails per recipient and hour
MAIL_PER_IP = 20
ACCOUNT_TOKEN_TTL = 24 * 3600
RESET_TOKEN_TTL = 30 * 60
MAX_ANSWER_ATTEMPTS = 3
# What a sign-up may add to the profile besides the codes d'accès: a recruiter's account
# (espace.recruteurs) is a profile with role "recruteur", its company and SIRET.
PROFILE_EXTRA = frozenset({"role", "company", "siret"})


class SignIn(Enum):
    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"
    THROTTLED = "throttled"


@dataclass
class SignInResult:
    outcome: SignIn
    user_id: str | None = None
    locked_until: int | None = None
    auth_version: int | None = None  # on OK: store it in the session, which is void once it changes


@dataclass
class Account:
    user_id: str
    email: str
    postal_code: str
    question: str
    created_at: int

    @property
    def question_text(self) -> str:
        return QUESTION_TEXT.get(self.question, "")


class TokenError(Exception):
    """The link is unknown, used, expired, or issued before a credential change."""


class AnswerError(Exception):
    """Wrong secret answer; ``remaining`` attempts left on this link."""

    def __init__(self, remaining: int):
        super().__init__(remaining)
        self.remaining = remaining


def sign_in_key(identifier: str) -> tuple[str, str]:
    """(what the failures are counted under, the record naming the account) of what was typed
    in « Identifiant »: an e-mail address (``EMAIL#``) or a definitive identifier (``IDENT#``,
    written by espace.dossier.opening when a registration is validated)."""
    if "@" in identifier:
        email = normalize_email(identifier)
        return email, f"EMAIL#{email}"
    ident = normalize_identifier(identifier)
    return ident, f"IDENT#{ident}"


def _version(profile: Item) -> int:
    """The profile's credential version; profiles written before it existed are at 0."""
    return int(profile.get("auth_version", 0))


class AccountService:
    def __init__(self, records: RecordStore, files: FileStore, mailer: Mailer, site_url: str,
                 clock: Callable[[], float] = time.time):
        self.records, self.files, self.mailer = records, files, mailer
        self.site_url = site_url.rstrip("/")
        self.clock = clock
        # Mails about an existing account are also kept in its « Mes messages ».
        self.mailbox = Mailbox(records, mailer, clock)

    def now(self) -> int:
        return int(self.clock())

    # --- reading ---------------------------------------------------------
    def get(self, user_id: str) -> Account | None:
        item = self.records.get(f"USER#{user_id}", "PROFILE")
        if item is None:
            return None
        return Account(user_id, item["email"], item["postal_code"], item["question"], item["created_at"])

    def auth_version(self, user_id: str) -> int | None:
        """The account's credential version (None: no such account). A session stored
        with another version was opened before a credential change and counts as signed out."""
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        return None if profile is None else _version(profile)

    # --- creation ----------------------------------------------------------
    def request_account(self, email: str, password: str, postal_code: str, question: str, answer: str,
                        client_ip: str, extra: Mapping[str, str] | None = None, return_to: str = "") -> bool:
        """Record a pending account and mail a confirmation link; False when mail throttled.

        If the address already has an account, the mail says so instead (and offers
        recovery): the page shown is the same in both cases, and so is the time it takes.
        ``extra``: more fields of the profile to be (a recruiter's role, company and SIRET),
        kept with the link and copied into the profile when it is confirmed. ``return_to``: a
        same-site path the link carries, where the confirmation then leads through the sign-in
        (the registration, « M'inscrire »).
        """
        extra = {k: v for k, v in (extra or {}).items() if k in PROFILE_EXTRA}
        email = normalize_email(email)
        if not self._mail_allowed(email, client_ip):
            return False
        # Both hashes before the address is looked up: an answer that came back without
        # them (two Argon2 runs, ~100 ms) would tell that the address has an account.
        password_hash, answer_hash = hash_secret(password), hash_secret(normalize_answer(answer))
        if self.records.get(f"EMAIL#{email}", "ACCOUNT") is not None:
            self.mailer.send(mails.already_registered(email, self.site_url))
            return True
        token = new_token()
        self.records.put({
            "pk": token_key(token), "sk": "TOKEN", "purpose": "create-account",
            "email": email, "password": password_hash, "postal_code": postal_code.strip(),
            "question": question, "answer": answer_hash,
            "expires_at": self.now() + ACCOUNT_TOKEN_TTL, **({"profile": extra} if extra else {}),
        })
        link = f"{self.site_url}/compte/confirmation?jeton={token}"
        if return_to:
            link += f"&retour={quote(return_to, safe='/')}"
        self.mailer.send(mails.confirm_account(email, link,
                                               company=extra.get("company", "")))
        return True

    def peek_token(self, token: str, purposes: Iterable[str]) -> str:
        """The purpose of a live link, without using it (TokenError otherwise): a GET shows
        the page with its button, and only the POST that follows applies the link."""
        item, _profile = self._live_token(token, set(purposes))
        return str(item["purpose"])

    def confirm(self, token: str) -> str:
        """Apply a mailed link (account creation or e-mail change); returns its purpose."""
        item, profile = self._live_token(token, {"create-account", "change-email"})
        notify = None
        operations: list[Put | Delete]
        if item["purpose"] == "create-account":
            user_id = uuid.uuid4().hex
            new_profile = {"pk": f"USER#{user_id}", "sk": "PROFILE", "email": item["email"],
                           "password": item["password"], "postal_code": item["postal_code"],
                           "question": item["question"], "answer": item["answer"], "created_at": self.now(),
                           **{k: v for k, v in (item.get("profile") or {}).items() if k in PROFILE_EXTRA}}
            operations = [Put({"pk": f"EMAIL#{item['email']}", "sk": "ACCOUNT", "user_id": user_id}, if_absent=True),
                          Put(new_profile, if_absent=True)]
        else:
            if profile is None:  # _live_token returns one for every link about an account
                raise TokenError()
            user_id = item["user_id"]
            if self.records.get(f"EMAIL#{item['email']}", "ACCOUNT") is not None:
                raise TokenError()  # the address was taken since the link was sent
            version = self._next_auth_version(user_id)
            profile = self.records.get(f"USER#{user_id}", "PROFILE") or profile
            old_email = profile["email"]
            operations = [Put({"pk": f"EMAIL#{item['email']}", "sk": "ACCOUNT", "user_id": user_id}, if_absent=True),
                          Delete(f"EMAIL#{old_email}", "ACCOUNT"),
                          Put({**profile, "email": item["email"], "auth_version": version})]
            notify = mails.email_changed(old_email, item["email"], self.site_url)
        try:
            # The token is deleted in the same transaction: a second click, or two
            # clicks at once, cannot create two accounts.
            self.records.transact([Delete(token_key(token), "TOKEN", if_present=True), *operations])
        except ConditionFailedError as error:
            raise TokenError() from error
        if notify is not None:
            self.mailbox.deliver(user_id, notify, "compte")
        return str(item["purpose"])

    # --- signing in ------------------------------------------------------
    def sign_in(self, identifier: str, password: str, client_ip: str) -> SignInResult:
        """Check a password, at most MAX_FAILURES times per identifier and IP_MAX_FAILURES
        per client address in a quarter of an hour, however many requests arrive at once.

        ``identifier``: the e-mail address, or the definitive identifier a validated
        registration gives (espace.dossier: seven digits and a check letter), each counted and
        locked on its own, as typed (normalized): an address has an ``@``, an identifier never."""
        login, link_key = sign_in_key(identifier)
        counter, lock_key, ip_counter = f"THROTTLE#signin#{login}", f"LOCK#{login}", f"THROTTLE#signin-ip#{client_ip}"
        if (lock := self.records.get(lock_key, "LOCK")) is not None:
            return SignInResult(SignIn.LOCKED, locked_until=lock["expires_at"])
        window = self.now() + LOCK_SECONDS
        # Reserve this attempt first, address then identifier; a refused request checks nothing.
        if self.records.increment(ip_counter, "COUNTER", "count", expires_at=window) > IP_MAX_FAILURES:
            found = self.records.get(ip_counter, "COUNTER")
            return SignInResult(SignIn.THROTTLED, locked_until=found["expires_at"] if found else window)
        attempt = self.records.increment(counter, "COUNTER", "count", expires_at=window)
        # The lock is read again after the reservation: a request that reserved on a counter
        # the locking request had just deleted still finds the lock.
        if attempt > MAX_FAILURES or (lock := self.records.get(lock_key, "LOCK")) is not None:
            return SignInResult(SignIn.LOCKED, locked_until=lock["expires_at"] if lock else window)
        link = self.records.get(link_key, "ACCOUNT")
        profile = self.records.get(f"USER#{link['user_id']}", "PROFILE") if link else None
        if link is not None and profile is not None and verify_secret(profile["password"], password):
            # A success forgets the failures, and gives back the address's slot: only
            # failures count against a shared address.
            self.records.delete(counter, "COUNTER")
            self.records.increment(ip_counter, "COUNTER", "count", -1, expires_at=window)
            if needs_rehash(profile["password"]):
                self.records.put({**profile, "password": hash_secret(password)})
            return SignInResult(SignIn.OK, user_id=link["user_id"], auth_version=_version(profile))
        if profile is None:
            verify_secret(None, password)  # same cost as a real check: no timing oracle
        if attempt >= MAX_FAILURES:
            until = self.now() + LOCK_SECONDS
            # The counter goes with the lock's arrival: once the lock expires, five new tries.
            self.records.transact([Put({"pk": lock_key, "sk": "LOCK", "expires_at": until}),
                                   Delete(counter, "COUNTER")])
            return SignInResult(SignIn.LOCKED, locked_until=until)
        return SignInResult(SignIn.INVALID)

    # --- recovery ----------------------------------------------------------
    def request_reset(self, identifier: str, client_ip: str) -> bool:
        """Mail a link to choose a new password, to the account named by what was typed in
        « Identifiant »: an e-mail address or a definitive identifier (the link goes to the
        account's address). False: too many mails this hour."""
        counted, key = sign_in_key(identifier)
        link = self.records.get(key, "ACCOUNT")
        profile = self.records.get(f"USER#{link['user_id']}", "PROFILE") if link else None
        email = str(profile["email"]) if profile else counted if "@" in counted else ""
        if not self._mail_allowed(email or counted, client_ip):
            return False
        if link is None or profile is None:
            if email:  # an unknown identifier has no address to tell
                self.mailer.send(mails.no_account(email, self.site_url))
            return True
        if not profile.get("question"):
            # A counsellor's account (espace.conseillers) has no secret question: its password is
            # set again by the administrator's command. Nothing is sent, and the page says what it
            # says to everyone, so the form does not tell which addresses are counsellors'.
            return True
        token = new_token()
        self.records.put({"pk": token_key(token), "sk": "TOKEN", "purpose": "reset-password",
                          "user_id": link["user_id"], "auth_version": _version(profile),
                          "expires_at": self.now() + RESET_TOKEN_TTL})
        self.mailer.send(mails.reset_password(email, f"{self.site_url}/compte/reinitialisation?jeton={token}"))
        return True

    def reset_question(self, token: str) -> str:
        _item, profile = self._live_token(token, {"reset-password"})
        return QUESTION_TEXT.get(profile["question"], "") if profile else ""

    def reset_password(self, token: str, answer: str, new_password: str) -> str:
        """Check the secret answer (an extra check: the link proves the mailbox) and set
        the password; three wrong answers spend the link. Returns the user id."""
        item, profile = self._live_token(token, {"reset-password"})
        if profile is None:  # _live_token returns one for every link about an account
            raise TokenError()
        key = token_key(token)
        # The attempt is counted before the answer is checked, in a counter that lives as
        # long as the link: at most MAX_ANSWER_ATTEMPTS checks, however many at once.
        attempt = self.records.increment(key, "ATTEMPTS", "count", expires_at=item["expires_at"])
        if attempt > MAX_ANSWER_ATTEMPTS:
            self.records.delete(key, "TOKEN")
            raise TokenError()
        if not verify_secret(profile["answer"], normalize_answer(answer)):
            if attempt >= MAX_ANSWER_ATTEMPTS:
                self.records.delete(key, "TOKEN")
                raise TokenError()
            raise AnswerError(MAX_ANSWER_ATTEMPTS - attempt)
        user_id, password_hash = item["user_id"], hash_secret(new_password)
        version = self._next_auth_version(user_id)
        profile = self.records.get(f"USER#{user_id}", "PROFILE") or profile
        try:
            self.records.transact([Delete(key, "TOKEN", if_present=True), Delete(key, "ATTEMPTS"),
                                   Put({**profile, "password": password_hash, "auth_version": version})])
        except ConditionFailedError as error:
            raise TokenError() from error
        # The mailbox is proven: lift a lockout, and its pending failures with it.
        self.records.transact([Delete(f"LOCK#{profile['email']}", "LOCK"),
                               Delete(f"THROTTLE#signin#{profile['email']}", "COUNTER")])
        self.mailbox.deliver(user_id, mails.password_changed(profile["email"], self.site_url), "compte")
        return str(user_id)

    # --- changes from the personal space -----------------------------------
    def check_password(self, user_id: str, password: str) -> bool:
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        return verify_secret(profile["password"] if profile else None, password)

    def change_password(self, user_id: str, new_password: str) -> int:
        """Set a new password; returns the new auth_version, under which the caller re-issues
        the session it came from (every other session and link of the account is void)."""
        password_hash = hash_secret(new_password)
        profile = self._profile(user_id)
        version = self._next_auth_version(user_id)
        profile = self.records.get(f"USER#{user_id}", "PROFILE") or profile
        self.records.put({**profile, "password": password_hash, "auth_version": version})
        self.mailbox.deliver(user_id, mails.password_changed(profile["email"], self.site_url), "compte")
        return version

    def request_email_change(self, user_id: str, new_email: str, client_ip: str) -> bool:
        new_email = normalize_email(new_email)
        profile = self._profile(user_id)
        if not self._mail_allowed(new_email, client_ip):
            return False
        # The current address hears of it too: if this is not its owner's doing, the
        # mail says how to take the account back before the link is used.
        self.mailbox.deliver(user_id, mails.email_change_requested(profile["email"], new_email, self.site_url),
                             "compte")
        if self.records.get(f"EMAIL#{new_email}", "ACCOUNT") is not None:
            self.mailer.send(mails.already_registered(new_email, self.site_url))
            return True
        token = new_token()
        self.records.put({"pk": token_key(token), "sk": "TOKEN", "purpose": "change-email", "user_id": user_id,
                          "email": new_email, "auth_version": _version(profile),
                          "expires_at": self.now() + ACCOUNT_TOKEN_TTL})
        self.mailer.send(mails.confirm_new_email(new_email, f"{self.site_url}/compte/confirmation?jeton={token}"))
        return True

    def delete_account(self, user_id: str, *, files: bool = True) -> None:
        """Every record of the account and every file under its prefix, all versions.
        ``files=False``: an account that keeps no files (a recruiter's), whose function may not
        list the bucket."""
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        if files:
            self.files.delete_prefix(f"users/{user_id}/")
        for item in self.records.query(f"USER#{user_id}"):
            self.records.delete(item["pk"], item["sk"])
        if profile is not None:
            self.records.delete(f"EMAIL#{profile['email']}", "ACCOUNT")

    def export(self, user_id: str, *, files: bool = True) -> dict[str, Any]:
        """The account's data as JSON-ready values, without password or answer hashes."""
        hidden = {"pk", "password", "answer", "auth_version"}
        records = [{k: v for k, v in item.items() if k not in hidden} for item in self.records.query(f"USER#{user_id}")]
        account = self.get(user_id)
        if account is None:
            raise LookupError(f"no account {user_id!r}")
        return {
            "format": "espace-candidat/export-v1",
            "exported_at": self.now(),
            "account": {"identifiant": account.email, "code_postal": account.postal_code,
                        "question_secrete": account.question_text, "cree_le": account.created_at},
            "records": records,
            "files": self.files.list(f"users/{user_id}/") if files else [],
        }

    # --- helpers -------------------------------------------------------------
    def _profile(self, user_id: str) -> Item:
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        if profile is None:
            raise LookupError(f"no account {user_id!r}")
        return profile

    def _next_auth_version(self, user_id: str) -> int:
        """A new credential version, unique even when two changes race (an atomic increment):
        the caller writes it with the new credential, so the two always travel together."""
        return self.records.increment(f"USER#{user_id}", "PROFILE", "auth_version")

    def _live_token(self, token: str, purposes: set[str]) -> tuple[Item, Item | None]:
        """The token's record and, for a link about an existing account, its profile.
        A link issued under another auth_version (a credential changed since) is dead."""
        if not isinstance(token, str) or not token or len(token) > 100:
            raise TokenError()
        item = self.records.get(token_key(token), "TOKEN")
        if item is None or item.get("purpose") not in purposes:
            raise TokenError()
        if "user_id" not in item:
            return item, None
        profile = self.records.get(f"USER#{item['user_id']}", "PROFILE")
        if profile is None or int(item.get("auth_version", 0)) != _version(profile):
            raise TokenError()
        return item, profile

    def _mail_allowed(self, email: str, client_ip: str) -> bool:
        """Caps mails per recipient and per sender address, so the forms cannot flood a mailbox."""
        hour = self.now() + 3600
        to = self.records.increment(f"THROTTLE#mail-to#{email}", "COUNTER", "count", expires_at=hour)
        by = self.records.increment(f"THROTTLE#mail-ip#{client_ip}", "COUNTER", "count", expires_at=hour)
        return to <= MAIL_PER_ADDRESS and by <= MAIL_PER_IP

"""Account use cases, written once against the ports (records, files, mail).

No response ever tells whether an address has an account: creation and
recovery always answer "check your mailbox" and the e-mail itself says what
applies; failed sign-ins are counted per identifier whether or not it exists.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from enum import Enum

from espace.accounts import mails
from espace.accounts.secrets import hash_secret, needs_rehash, new_token, normalize_answer, token_key, verify_secret
from espace.accounts.validation import QUESTION_TEXT, normalize_email
from espace.ports import ConditionFailedError, Delete, FileStore, Mailer, Put, RecordStore

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
IP_MAX_FAILURES = 30  # per address and quarter hour: many people can share one address
MAIL_PER_ADDRESS = 3  # confirmation/recovery mails per recipient and hour
MAIL_PER_IP = 20
ACCOUNT_TOKEN_TTL = 24 * 3600
RESET_TOKEN_TTL = 30 * 60
MAX_ANSWER_ATTEMPTS = 3


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
    """The link is unknown, used or expired."""


class AnswerError(Exception):
    """Wrong secret answer; ``remaining`` attempts left on this link."""

    def __init__(self, remaining: int):
        super().__init__(remaining)
        self.remaining = remaining


class AccountService:
    def __init__(self, records: RecordStore, files: FileStore, mailer: Mailer, site_url: str, clock=time.time):
        self.records, self.files, self.mailer = records, files, mailer
        self.site_url = site_url.rstrip("/")
        self.clock = clock

    def now(self) -> int:
        return int(self.clock())

    # --- reading ---------------------------------------------------------
    def get(self, user_id: str) -> Account | None:
        item = self.records.get(f"USER#{user_id}", "PROFILE")
        if item is None:
            return None
        return Account(user_id, item["email"], item["postal_code"], item["question"], item["created_at"])

    # --- creation ----------------------------------------------------------
    def request_account(self, email: str, password: str, postal_code: str, question: str, answer: str,
                        client_ip: str) -> bool:
        """Record a pending account and mail a confirmation link; False when mail throttled.

        If the address already has an account, the mail says so instead (and offers
        recovery): the page shown is the same in both cases.
        """
        email = normalize_email(email)
        if not self._mail_allowed(email, client_ip):
            return False
        if self.records.get(f"EMAIL#{email}", "ACCOUNT") is not None:
            self.mailer.send(mails.already_registered(email, self.site_url))
            return True
        token = new_token()
        self.records.put({
            "pk": token_key(token), "sk": "TOKEN", "purpose": "create-account",
            "email": email, "password": hash_secret(password), "postal_code": postal_code.strip(),
            "question": question, "answer": hash_secret(normalize_answer(answer)),
            "expires_at": self.now() + ACCOUNT_TOKEN_TTL,
        })
        self.mailer.send(mails.confirm_account(email, f"{self.site_url}/compte/confirmation?jeton={token}"))
        return True

    def confirm(self, token: str) -> str:
        """Apply a mailed link (account creation or e-mail change); returns its purpose."""
        item = self._token(token, {"create-account", "change-email"})
        if item["purpose"] == "create-account":
            user_id = uuid.uuid4().hex
            profile = {"pk": f"USER#{user_id}", "sk": "PROFILE", "email": item["email"],
                       "password": item["password"], "postal_code": item["postal_code"],
                       "question": item["question"], "answer": item["answer"], "created_at": self.now()}
            operations = [Put({"pk": f"EMAIL#{item['email']}", "sk": "ACCOUNT", "user_id": user_id}, if_absent=True),
                          Put(profile, if_absent=True)]
        else:
            profile = self.records.get(f"USER#{item['user_id']}", "PROFILE")
            if profile is None:
                raise TokenError()
            old_email = profile["email"]
            profile = {**profile, "email": item["email"]}
            operations = [Put({"pk": f"EMAIL#{item['email']}", "sk": "ACCOUNT", "user_id": item["user_id"]},
                              if_absent=True),
                          Delete(f"EMAIL#{old_email}", "ACCOUNT"), Put(profile)]
        try:
            # The token is deleted in the same transaction: a second click, or two
            # clicks at once, cannot create two accounts.
            self.records.transact([Delete(token_key(token), "TOKEN", if_present=True), *operations])
        except ConditionFailedError as error:
            raise TokenError() from error
        return item["purpose"]

    # --- signing in ------------------------------------------------------
    def sign_in(self, email: str, password: str, client_ip: str) -> SignInResult:
        email = normalize_email(email)
        lock = self.records.get(f"LOCK#{email}", "LOCK")
        if lock is not None:
            return SignInResult(SignIn.LOCKED, locked_until=lock["expires_at"])
        ip_failures = self.records.get(f"THROTTLE#signin-ip#{client_ip}", "COUNTER")
        if ip_failures is not None and ip_failures["count"] >= IP_MAX_FAILURES:
            return SignInResult(SignIn.THROTTLED, locked_until=ip_failures["expires_at"])
        link = self.records.get(f"EMAIL#{email}", "ACCOUNT")
        profile = self.records.get(f"USER#{link['user_id']}", "PROFILE") if link else None
        if profile is not None and verify_secret(profile["password"], password):
            self.records.delete(f"THROTTLE#signin#{email}", "COUNTER")
            if needs_rehash(profile["password"]):
                self.records.put({**profile, "password": hash_secret(password)})
            return SignInResult(SignIn.OK, user_id=link["user_id"])
        if profile is None:
            verify_secret(None, password)  # same cost as a real check: no timing oracle
        window = self.now() + LOCK_SECONDS
        self.records.increment(f"THROTTLE#signin-ip#{client_ip}", "COUNTER", "count", expires_at=window)
        failures = self.records.increment(f"THROTTLE#signin#{email}", "COUNTER", "count", expires_at=window)
        if failures >= MAX_FAILURES:
            until = self.now() + LOCK_SECONDS
            self.records.put({"pk": f"LOCK#{email}", "sk": "LOCK", "expires_at": until})
            self.records.delete(f"THROTTLE#signin#{email}", "COUNTER")
            return SignInResult(SignIn.LOCKED, locked_until=until)
        return SignInResult(SignIn.INVALID)

    # --- recovery ----------------------------------------------------------
    def request_reset(self, email: str, client_ip: str) -> bool:
        email = normalize_email(email)
        if not self._mail_allowed(email, client_ip):
            return False
        link = self.records.get(f"EMAIL#{email}", "ACCOUNT")
        if link is None:
            self.mailer.send(mails.no_account(email, self.site_url))
            return True
        token = new_token()
        self.records.put({"pk": token_key(token), "sk": "TOKEN", "purpose": "reset-password",
                          "user_id": link["user_id"], "attempts": 0, "expires_at": self.now() + RESET_TOKEN_TTL})
        self.mailer.send(mails.reset_password(email, f"{self.site_url}/compte/reinitialisation?jeton={token}"))
        return True

    def reset_question(self, token: str) -> str:
        item = self._token(token, {"reset-password"})
        account = self.get(item["user_id"])
        if account is None:
            raise TokenError()
        return account.question_text

    def reset_password(self, token: str, answer: str, new_password: str) -> str:
        """Check the secret answer (an extra check: the link proves the mailbox) and set
        the password; three wrong answers spend the link. Returns the user id."""
        item = self._token(token, {"reset-password"})
        profile = self.records.get(f"USER#{item['user_id']}", "PROFILE")
        if profile is None:
            raise TokenError()
        if not verify_secret(profile["answer"], normalize_answer(answer)):
            attempts = item.get("attempts", 0) + 1
            if attempts >= MAX_ANSWER_ATTEMPTS:
                self.records.delete(token_key(token), "TOKEN")
                raise TokenError()
            self.records.put({**item, "attempts": attempts})
            raise AnswerError(MAX_ANSWER_ATTEMPTS - attempts)
        try:
            self.records.transact([Delete(token_key(token), "TOKEN", if_present=True),
                                   Put({**profile, "password": hash_secret(new_password)})])
        except ConditionFailedError as error:
            raise TokenError() from error
        self.records.delete(f"LOCK#{profile['email']}", "LOCK")
        self.mailer.send(mails.password_changed(profile["email"], self.site_url))
        return item["user_id"]

    # --- changes from the personal space -----------------------------------
    def check_password(self, user_id: str, password: str) -> bool:
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        return verify_secret(profile["password"] if profile else None, password)

    def change_password(self, user_id: str, new_password: str) -> None:
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        self.records.put({**profile, "password": hash_secret(new_password)})
        self.mailer.send(mails.password_changed(profile["email"], self.site_url))

    def request_email_change(self, user_id: str, new_email: str, client_ip: str) -> bool:
        new_email = normalize_email(new_email)
        if not self._mail_allowed(new_email, client_ip):
            return False
        if self.records.get(f"EMAIL#{new_email}", "ACCOUNT") is not None:
            self.mailer.send(mails.already_registered(new_email, self.site_url))
            return True
        token = new_token()
        self.records.put({"pk": token_key(token), "sk": "TOKEN", "purpose": "change-email", "user_id": user_id,
                          "email": new_email, "expires_at": self.now() + ACCOUNT_TOKEN_TTL})
        self.mailer.send(mails.confirm_new_email(new_email, f"{self.site_url}/compte/confirmation?jeton={token}"))
        return True

    def delete_account(self, user_id: str) -> None:
        """Every record of the account and every file under its prefix, all versions."""
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        self.files.delete_prefix(f"users/{user_id}/")
        for item in self.records.query(f"USER#{user_id}"):
            self.records.delete(item["pk"], item["sk"])
        if profile is not None:
            self.records.delete(f"EMAIL#{profile['email']}", "ACCOUNT")

    def export(self, user_id: str) -> dict:
        """The account's data as JSON-ready values, without password or answer hashes."""
        records = []
        for item in self.records.query(f"USER#{user_id}"):
            records.append({k: v for k, v in item.items() if k not in {"pk", "password", "answer"}})
        account = self.get(user_id)
        return {
            "format": "espace-candidat/export-v1",
            "exported_at": self.now(),
            "account": {"identifiant": account.email, "code_postal": account.postal_code,
                        "question_secrete": account.question_text, "cree_le": account.created_at},
            "records": records,
            "files": self.files.list(f"users/{user_id}/"),
        }

    # --- helpers -------------------------------------------------------------
    def _token(self, token: str, purposes: set[str]) -> dict:
        if not token or len(token) > 100:
            raise TokenError()
        item = self.records.get(token_key(token), "TOKEN")
        if item is None or item.get("purpose") not in purposes:
            raise TokenError()
        return item

    def _mail_allowed(self, email: str, client_ip: str) -> bool:
        """Caps mails per recipient and per sender address, so the forms cannot flood a mailbox."""
        hour = self.now() + 3600
        to = self.records.increment(f"THROTTLE#mail-to#{email}", "COUNTER", "count", expires_at=hour)
        by = self.records.increment(f"THROTTLE#mail-ip#{client_ip}", "COUNTER", "count", expires_at=hour)
        return to <= MAIL_PER_ADDRESS and by <= MAIL_PER_IP

"""AccountService on the embedded adapters (a SQLite file, a folder, an .eml outbox): the limits
and the credential version, with concurrency made deterministic by nesting requests inside
the secret check, as a burst of simultaneous requests would interleave them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from espace.accounts import service as service_module
from espace.accounts.secrets import token_key
from espace.accounts.service import (
    MAX_ANSWER_ATTEMPTS,
    MAX_FAILURES,
    AccountService,
    AnswerError,
    SignIn,
    TokenError,
)
from espace.adapters.local_files import LocalFileStore
from espace.adapters.outbox_mail import OutboxMailer, read_outbox
from espace.adapters.sqlite_records import SqliteRecordStore
from tests.burst import Burst

PASSWORD = "une phrase de passe solide"
EMAIL = "lea@example.fr"
SITE = "http://127.0.0.1:8000"


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(tmp_path, clock) -> AccountService:
    records = SqliteRecordStore(tmp_path / "app.db", clock=clock)
    yield AccountService(records, LocalFileStore(tmp_path / "files"), OutboxMailer(tmp_path / "outbox"), SITE,
                         clock=clock)
    records.close()


def mails(tmp_path) -> list[tuple[str, str]]:
    return [(str(m["To"]), m.get_body(("plain",)).get_content()) for m in read_outbox(tmp_path / "outbox")]


def last_token(tmp_path, to: str) -> str:
    body = [text for address, text in mails(tmp_path) if address == to][-1]
    return body.split("jeton=")[1].split()[0]


def create(service: AccountService, tmp_path, email: str = EMAIL) -> str:
    assert service.request_account(email, PASSWORD, "17000", "1", "Médor", "192.0.2.1")
    assert service.confirm(last_token(tmp_path, email)) == "create-account"
    return service.records.get(f"EMAIL#{email}", "ACCOUNT")["user_id"]


# -- sign-in limits -------------------------------------------------------------------------

def test_a_success_resets_the_failure_count(service, tmp_path):
    create(service, tmp_path)
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.9").outcome is SignIn.INVALID
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.9").outcome is SignIn.OK
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.9").outcome is SignIn.INVALID
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.9").outcome is SignIn.OK
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.9").outcome is SignIn.INVALID
    assert service.sign_in(EMAIL, "faux", "192.0.2.9").outcome is SignIn.LOCKED


def test_a_burst_gets_at_most_five_checks_and_the_right_password_in_it_is_refused(service, tmp_path, monkeypatch):
    create(service, tmp_path)
    burst = Burst(monkeypatch)
    requests = [lambda n=n: service.sign_in(EMAIL, f"faux {n}", f"192.0.2.{n}") for n in range(9)]
    requests.append(lambda: service.sign_in(EMAIL, PASSWORD, "192.0.2.100"))  # sent 10th
    results = burst.run(requests)
    assert len(burst.checked) == MAX_FAILURES and PASSWORD not in burst.checked
    assert all(result.outcome is not SignIn.OK for result in results)
    assert sorted(result.outcome.value for result in results) == ["invalid"] * (MAX_FAILURES - 1) + ["locked"] * 6
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.100").outcome is SignIn.LOCKED


def test_a_request_that_read_no_lock_just_before_it_was_written_is_still_refused(service, tmp_path, monkeypatch):
    create(service, tmp_path)
    for _ in range(MAX_FAILURES):
        service.sign_in(EMAIL, "faux", "192.0.2.1")
    # This request looked for the lock a moment before the fifth failure wrote it (and
    # emptied the counter): its reservation starts a new count, the lock must still stop it.
    real_get, missed = service.records.get, []

    def get(pk, sk):
        if pk.startswith("LOCK#") and not missed:
            missed.append(pk)
            return None
        return real_get(pk, sk)

    monkeypatch.setattr(service.records, "get", get)
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.2").outcome is SignIn.LOCKED and missed


def test_the_right_password_within_the_limit_signs_in_during_a_burst(service, tmp_path, monkeypatch):
    create(service, tmp_path)
    burst = Burst(monkeypatch)
    requests = [lambda n=n: service.sign_in(EMAIL, f"faux {n}", "192.0.2.1") for n in range(3)]
    requests.append(lambda: service.sign_in(EMAIL, PASSWORD, "192.0.2.1"))
    results = burst.run(requests)
    assert [result.outcome for result in results].count(SignIn.OK) == 1
    # The success forgot the failures: five new tries before a lock.
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.1").outcome is SignIn.INVALID


def test_a_burst_from_one_address_gets_at_most_its_quota_of_checks(service, monkeypatch):
    monkeypatch.setattr(service_module, "IP_MAX_FAILURES", 6)  # the rule, with fewer Argon2 runs
    burst = Burst(monkeypatch)
    requests = [lambda n=n: service.sign_in(f"essai{n}@example.fr", "faux", "203.0.113.66") for n in range(10)]
    results = burst.run(requests)
    assert len(burst.checked) == 6
    assert [result.outcome for result in results].count(SignIn.THROTTLED) == 4
    assert service.sign_in("autre@example.fr", "faux", "198.51.100.1").outcome is SignIn.INVALID


def test_successes_do_not_use_up_a_shared_address(service, tmp_path, monkeypatch):
    monkeypatch.setattr(service_module, "IP_MAX_FAILURES", 3)
    create(service, tmp_path)
    for _ in range(5):
        assert service.sign_in(EMAIL, PASSWORD, "203.0.113.1").outcome is SignIn.OK
    for _ in range(3):
        assert service.sign_in("autre@example.fr", "faux", "203.0.113.1").outcome is SignIn.INVALID
    assert service.sign_in(EMAIL, PASSWORD, "203.0.113.1").outcome is SignIn.THROTTLED


def test_lock_expires_and_five_new_tries_follow(service, tmp_path, clock):
    create(service, tmp_path)
    for _ in range(MAX_FAILURES):
        last = service.sign_in(EMAIL, "faux", "192.0.2.1")
    assert last.outcome is SignIn.LOCKED and last.locked_until == clock.now + 15 * 60
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.LOCKED
    clock.now += 15 * 60 + 1
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.1").outcome is SignIn.INVALID
    result = service.sign_in(EMAIL, PASSWORD, "192.0.2.1")
    assert result.outcome is SignIn.OK and result.auth_version == 0


# -- secret answers ------------------------------------------------------------------------

def reset_token(service, tmp_path) -> str:
    assert service.request_reset(EMAIL, "192.0.2.1")
    return last_token(tmp_path, EMAIL)


def test_a_burst_of_answers_gets_three_checks_and_the_right_answer_in_it_is_refused(service, tmp_path,
                                                                                    monkeypatch):
    create(service, tmp_path)
    token = reset_token(service, tmp_path)
    burst = Burst(monkeypatch)

    def attempt(answer: str) -> Callable[[], object]:
        def call():
            try:
                return service.reset_password(token, answer, "un tout nouveau mot de passe")
            except (AnswerError, TokenError) as error:
                return error
        return call

    results = burst.run([attempt(f"Rex {n}") for n in range(6)] + [attempt("Médor")]
                        + [attempt(f"Rex {n}") for n in range(6, 11)])
    assert len(burst.checked) == MAX_ANSWER_ATTEMPTS and "medor" not in burst.checked
    assert not any(isinstance(result, str) for result in results)  # nobody got the user id back
    with pytest.raises(TokenError):
        service.reset_question(token)
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.OK  # password unchanged


def test_wrong_answers_count_down_then_spend_the_link(service, tmp_path):
    create(service, tmp_path)
    token = reset_token(service, tmp_path)
    for remaining in range(MAX_ANSWER_ATTEMPTS - 1, 0, -1):
        with pytest.raises(AnswerError) as error:
            service.reset_password(token, "Rex", "un tout nouveau mot de passe")
        assert error.value.remaining == remaining
    with pytest.raises(TokenError):
        service.reset_password(token, "Rex", "un tout nouveau mot de passe")
    with pytest.raises(TokenError):
        service.reset_password(token, "Médor", "un tout nouveau mot de passe")


def test_a_reset_lifts_the_lock_and_forgets_the_failures(service, tmp_path):
    create(service, tmp_path)
    for _ in range(MAX_FAILURES):
        service.sign_in(EMAIL, "faux", "192.0.2.1")
    token = reset_token(service, tmp_path)
    service.reset_password(token, "medor", "un tout nouveau mot de passe")
    assert service.records.get(token_key(token), "ATTEMPTS") is None
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.1").outcome is SignIn.INVALID
    assert service.sign_in(EMAIL, "un tout nouveau mot de passe", "192.0.2.1").outcome is SignIn.OK


# -- credential version ----------------------------------------------------------------------

def test_every_credential_change_moves_the_version_and_kills_older_links(service, tmp_path):
    user_id = create(service, tmp_path)
    assert service.auth_version(user_id) == 0
    assert service.auth_version("inconnu") is None
    old_reset = reset_token(service, tmp_path)
    assert service.change_password(user_id, "deuxieme mot de passe") == 1
    assert service.auth_version(user_id) == 1
    with pytest.raises(TokenError):
        service.reset_question(old_reset)
    assert service.sign_in(EMAIL, "deuxieme mot de passe", "192.0.2.1").auth_version == 1
    service.request_email_change(user_id, "nouvelle@example.fr", "192.0.2.1")
    assert service.confirm(last_token(tmp_path, "nouvelle@example.fr")) == "change-email"
    assert service.auth_version(user_id) == 2
    service.request_reset("nouvelle@example.fr", "192.0.2.1")
    service.reset_password(last_token(tmp_path, "nouvelle@example.fr"), "Medor", "troisieme mot de passe")
    assert service.auth_version(user_id) == 3
    assert service.export(user_id)["records"][0].keys().isdisjoint({"password", "answer", "auth_version"})


def test_peek_token_spends_nothing(service, tmp_path):
    service.request_account(EMAIL, PASSWORD, "17000", "1", "Médor", "192.0.2.1")
    token = last_token(tmp_path, EMAIL)
    for _ in range(2):
        assert service.peek_token(token, {"create-account", "change-email"}) == "create-account"
    with pytest.raises(TokenError):
        service.peek_token(token, ["reset-password"])
    assert service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT") is None
    assert service.confirm(token) == "create-account"
    with pytest.raises(TokenError):
        service.peek_token(token, {"create-account"})
    for bad in ("", "x" * 101, None):
        with pytest.raises(TokenError):
            service.peek_token(bad, {"create-account"})  # type: ignore[arg-type]

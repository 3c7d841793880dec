"""AccountService against both profiles (SQLite, folder, outbox; DynamoDB, S3, SES under moto):
credential changes end older sessions and links, limits hold when requests interleave, and
the old address hears of an e-mail change."""

from __future__ import annotations

import re
from collections.abc import Callable
from email import policy
from email.parser import BytesParser

import boto3
import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from espace.accounts.service import (
    MAX_ANSWER_ATTEMPTS,
    MAX_FAILURES,
    AccountService,
    AnswerError,
    SignIn,
    TokenError,
)
from espace.adapters.dynamodb_records import DynamoRecordStore
from espace.adapters.local_files import LocalFileStore
from espace.adapters.outbox_mail import OutboxMailer, read_outbox
from espace.adapters.s3_files import S3FileStore
from espace.adapters.ses_mail import SesMailer
from tests.aws_resources import create_bucket, create_table
from tests.burst import Burst
from tests.functional.ports.conftest import REGION, Clock, aws_env  # noqa: F401 (a fixture)

SITE = "http://127.0.0.1:8000"
SENDER = "Espace candidat <ne-pas-repondre@espace-candidat.example>"
PASSWORD = "une phrase de passe solide"
NEW = "un tout nouveau mot de passe"
EMAIL = "lea@example.fr"
LINK = re.compile(r"https?://\S+")


class Accounts:
    """The service, its clock and what it mailed, whatever the profile."""

    def __init__(self, service: AccountService, clock: Clock, read: Callable[[], list]):
        self.service, self.clock, self._read = service, clock, read

    def mails_to(self, address: str) -> list[tuple[str, str]]:
        return [(str(m["Subject"]), m.get_body(("plain",)).get_content()) for m in self._read()
                if str(m["To"]) == address]

    def last_token(self, address: str) -> str:
        return LINK.findall(self.mails_to(address)[-1][1])[0].split("jeton=")[1]

    def create(self, email: str = EMAIL) -> str:
        assert self.service.request_account(email, PASSWORD, "17000", "1", "Médor", "192.0.2.1")
        assert self.service.confirm(self.last_token(email)) == "create-account"
        return self.service.records.get(f"EMAIL#{email}", "ACCOUNT")["user_id"]

    def reset_token(self, email: str = EMAIL) -> str:
        assert self.service.request_reset(email, "192.0.2.1")
        return self.last_token(email)


@pytest.fixture(params=["embedded", "aws"])
def accounts(request, tmp_path, aws_env):  # noqa: F811 (the fixture imported above)
    clock = Clock()
    if request.param == "embedded":
        from espace.adapters.sqlite_records import SqliteRecordStore

        records = SqliteRecordStore(tmp_path / "app.db", clock=clock)
        service = AccountService(records, LocalFileStore(tmp_path / "files"),
                                 OutboxMailer(tmp_path / "outbox", SENDER), SITE, clock=clock)
        yield Accounts(service, clock, lambda: read_outbox(tmp_path / "outbox"))
        records.close()
        return
    with mock_aws():
        create_table(boto3.client("dynamodb", region_name=REGION), "espace-records")
        create_bucket(boto3.client("s3", region_name=REGION), "espace-files")
        boto3.client("sesv2", region_name=REGION).create_email_identity(EmailIdentity="espace-candidat.example")
        backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]

        def read():
            return [BytesParser(policy=policy.default).parsebytes(
                m.raw_data.encode() if isinstance(m.raw_data, str) else m.raw_data) for m in backend.sent_messages]

        service = AccountService(DynamoRecordStore("espace-records", clock=clock), S3FileStore("espace-files"),
                                 SesMailer(SENDER), SITE, clock=clock)
        yield Accounts(service, clock, read)


# -- credential version: sessions and links ----------------------------------------------------

def test_sign_in_tells_the_version_and_a_password_change_moves_it(accounts):
    service, user_id = accounts.service, accounts.create()
    result = service.sign_in(EMAIL, PASSWORD, "192.0.2.1")
    assert result.outcome is SignIn.OK and result.user_id == user_id and result.auth_version == 0
    assert service.auth_version(user_id) == 0
    new_version = service.change_password(user_id, NEW)
    # The session that changed the password is re-issued under the returned version;
    # any other (stored with 0) no longer matches the account.
    assert new_version == service.auth_version(user_id) == 1
    assert service.sign_in(EMAIL, NEW, "192.0.2.1").auth_version == 1
    assert service.auth_version("absent") is None


def test_a_reset_link_dies_with_any_password_change(accounts):
    service, user_id = accounts.service, accounts.create()
    first, second = accounts.reset_token(), accounts.reset_token()
    service.change_password(user_id, NEW)
    service.change_password(user_id, "encore un autre mot de passe")
    for token in (first, second):
        with pytest.raises(TokenError):
            service.reset_question(token)
        with pytest.raises(TokenError):
            service.reset_password(token, "Médor", "le mot de passe du voleur")
        with pytest.raises(TokenError):
            service.peek_token(token, {"reset-password"})
    assert service.sign_in(EMAIL, "encore un autre mot de passe", "192.0.2.1").outcome is SignIn.OK


def test_a_reset_link_survives_a_sign_in_but_not_another_reset(accounts):
    service, user_id = accounts.service, accounts.create()
    older, newer = accounts.reset_token(), accounts.reset_token()
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.OK  # not a credential change
    assert service.reset_question(older) == "Quel est le nom de votre premier animal de compagnie ?"
    assert service.reset_password(newer, "medor", NEW) == user_id
    assert service.auth_version(user_id) == 1
    with pytest.raises(TokenError):
        service.reset_question(older)
    with pytest.raises(TokenError):
        service.reset_password(newer, "medor", NEW)  # single use


def test_an_e_mail_change_link_dies_with_a_password_change_and_a_reset_link_with_the_e_mail_change(accounts):
    service, user_id = accounts.service, accounts.create()
    assert service.request_email_change(user_id, "piege@example.fr", "192.0.2.1")
    stale = accounts.last_token("piege@example.fr")
    reset = accounts.reset_token()
    service.change_password(user_id, NEW)
    with pytest.raises(TokenError):
        service.peek_token(stale, {"create-account", "change-email"})
    with pytest.raises(TokenError):
        service.confirm(stale)
    assert service.get(user_id).email == EMAIL
    assert service.request_email_change(user_id, "nouvelle@example.fr", "192.0.2.1")
    reset = accounts.reset_token()  # issued under the current version
    assert service.confirm(accounts.last_token("nouvelle@example.fr")) == "change-email"
    assert service.get(user_id).email == "nouvelle@example.fr" and service.auth_version(user_id) == 2
    # The reset link went to the old address: it must not open the account any more.
    with pytest.raises(TokenError):
        service.reset_question(reset)


def test_a_reset_ends_a_pending_e_mail_change(accounts):
    service, user_id = accounts.service, accounts.create()
    service.request_email_change(user_id, "voleur@example.fr", "192.0.2.1")
    pending = accounts.last_token("voleur@example.fr")
    service.reset_password(accounts.reset_token(), "Medor", NEW)
    with pytest.raises(TokenError):
        service.confirm(pending)
    assert service.records.get("EMAIL#voleur@example.fr", "ACCOUNT") is None


# -- confirmation links: looked at by GET, applied by POST ----------------------------------------

def test_peek_token_tells_the_purpose_and_spends_nothing(accounts):
    service = accounts.service
    service.request_account(EMAIL, PASSWORD, "17000", "1", "Médor", "192.0.2.1")
    token = accounts.last_token(EMAIL)
    for _ in range(3):  # a link scanner opening the link: nothing happens
        assert service.peek_token(token, {"create-account", "change-email"}) == "create-account"
    assert service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT") is None
    with pytest.raises(TokenError):
        service.peek_token(token, {"reset-password"})
    assert service.confirm(token) == "create-account"
    with pytest.raises(TokenError):
        service.peek_token(token, {"create-account", "change-email"})
    user_id = service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    service.request_email_change(user_id, "nouvelle@example.fr", "192.0.2.1")
    change = accounts.last_token("nouvelle@example.fr")
    assert service.peek_token(change, {"create-account", "change-email"}) == "change-email"
    assert service.auth_version(user_id) == 0 and service.get(user_id).email == EMAIL


# -- e-mail change: the old address is told -------------------------------------------------------

def test_the_old_address_hears_of_the_request_and_of_the_change(accounts):
    service, user_id = accounts.service, accounts.create()
    assert service.request_email_change(user_id, "nouvelle.adresse@example.fr", "192.0.2.1")
    subject, text = accounts.mails_to(EMAIL)[-1]
    assert subject.startswith("Demande de changement de votre adresse e-mail")
    assert "Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe" in text
    assert f"{SITE}/compte/mot-de-passe-oublie" in text
    assert "n…@example.fr" in text and "nouvelle.adresse" not in text
    assert "jeton=" not in text  # the link goes to the new address only
    service.confirm(accounts.last_token("nouvelle.adresse@example.fr"))
    subject, text = accounts.mails_to(EMAIL)[-1]
    assert subject.startswith("Votre adresse e-mail a été changée")
    assert "Si vous n'êtes pas à l'origine de ce changement" in text and f"{SITE}/contact.html" in text


def test_the_old_address_hears_of_a_request_for_a_taken_address(accounts):
    service, user_id = accounts.service, accounts.create()
    accounts.create("prise@example.fr")
    before = len(accounts.mails_to(EMAIL))
    assert service.request_email_change(user_id, "prise@example.fr", "192.0.2.1")
    assert len(accounts.mails_to(EMAIL)) == before + 1
    assert "Vous avez déjà un espace" in accounts.mails_to("prise@example.fr")[-1][0]


# -- limits, with the requests interleaved as a burst would interleave them ------------------------


def test_no_burst_gets_more_than_five_password_checks(accounts, monkeypatch):
    service = accounts.service
    accounts.create()
    burst = Burst(monkeypatch)
    requests = [lambda n=n: service.sign_in(EMAIL, f"faux {n}", f"192.0.2.{n}") for n in range(9)]
    results = burst.run([*requests, lambda: service.sign_in(EMAIL, PASSWORD, "192.0.2.200")])
    assert len(burst.checked) == MAX_FAILURES and PASSWORD not in burst.checked
    assert SignIn.OK not in [result.outcome for result in results]
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.200").outcome is SignIn.LOCKED


def test_no_burst_gets_more_than_three_answer_checks(accounts, monkeypatch):
    service = accounts.service
    accounts.create()
    token = accounts.reset_token()

    def answer(text: str) -> Callable[[], object]:
        def call():
            try:
                return service.reset_password(token, text, NEW)
            except (AnswerError, TokenError) as error:
                return error
        return call

    burst = Burst(monkeypatch)
    burst.run([answer(f"Rex {n}") for n in range(5)] + [answer("Médor")] + [answer(f"Rex {n}") for n in range(5, 11)])
    assert len(burst.checked) == MAX_ANSWER_ATTEMPTS and "medor" not in burst.checked
    with pytest.raises(TokenError):
        service.reset_question(token)
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.OK


def test_a_success_resets_the_failure_count(accounts):
    service = accounts.service
    accounts.create()
    for _ in range(2):
        for _ in range(MAX_FAILURES - 1):
            assert service.sign_in(EMAIL, "faux", "192.0.2.1").outcome is SignIn.INVALID
        assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.OK
    for _ in range(MAX_FAILURES - 1):
        assert service.sign_in(EMAIL, "faux", "192.0.2.1").outcome is SignIn.INVALID
    assert service.sign_in(EMAIL, "faux", "192.0.2.1").outcome is SignIn.LOCKED


def test_lockout_lasts_fifteen_minutes_from_the_fifth_failure(accounts):
    service, clock = accounts.service, accounts.clock
    accounts.create()
    for _ in range(MAX_FAILURES - 1):
        service.sign_in(EMAIL, "faux", "192.0.2.1")
        clock.advance(60)
    locked = service.sign_in(EMAIL, "faux", "192.0.2.1")
    assert locked.outcome is SignIn.LOCKED and locked.locked_until == clock.now + 15 * 60
    clock.advance(15 * 60 - 1)
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.LOCKED
    clock.advance(2)
    assert service.sign_in(EMAIL, PASSWORD, "192.0.2.1").outcome is SignIn.OK

"""Subscriptions: caps on confirmation mails, single-use links, signed unsubscribe tokens."""

from __future__ import annotations

import time

import pytest

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.lettre.service import MAIL_PER_ADDRESS, MAIL_PER_IP, LinkError, NewsletterService, unsubscribe_token
from espace.ports import Message
from espace.web.tokens import TokenInvalid

KEY = b"k" * 32


class Outbox:
    def __init__(self):
        self.sent: list[Message] = []

    def send(self, message: Message) -> str:
        self.sent.append(message)
        return f"id-{len(self.sent)}"


@pytest.fixture
def clock():
    return {"now": 1_800_000_000.0}


@pytest.fixture
def service(tmp_path, clock):
    return NewsletterService(SqliteRecordStore(tmp_path / "r.db"), Outbox(), "https://site.example/", KEY,
                             clock=lambda: clock["now"])


def link_token(service) -> str:
    return service.mailer.sent[-1].text.split("jeton=")[1].split()[0]


def test_capped_per_address_for_an_hour(service, clock):
    assert [service.request("a@example.fr", f"192.0.2.{i}") for i in range(MAIL_PER_ADDRESS + 1)] == \
        [True] * MAIL_PER_ADDRESS + [False]
    assert len(service.mailer.sent) == MAIL_PER_ADDRESS
    counter = service.records.get("THROTTLE#lettre-to#a@example.fr", "COUNTER")
    assert counter["expires_at"] == clock["now"] + 3600  # the store forgets it after the hour
    assert service.request("b@example.fr", "192.0.2.99")


def test_capped_per_client_address(service):
    results = [service.request(f"n{i}@example.fr", "192.0.2.1") for i in range(MAIL_PER_IP + 1)]
    assert results == [True] * MAIL_PER_IP + [False]
    assert service.request("autre@example.fr", "192.0.2.2")


def test_a_link_confirms_once_and_expires_after_seven_days(service, clock):
    service.request("a@example.fr", "192.0.2.1")
    token = link_token(service)
    assert service.check_link(token) == "a@example.fr"
    assert not service.is_subscribed("a@example.fr")
    assert service.confirm(token) == "a@example.fr" and service.is_subscribed("a@example.fr")
    with pytest.raises(LinkError):
        service.confirm(token)
    clock["now"] = time.time() - 7 * 24 * 3600 - 1  # a link asked for more than 7 days ago
    service.request("b@example.fr", "192.0.2.1")
    late = link_token(service)
    with pytest.raises(LinkError):
        service.check_link(late)
    for bad in (None, "", "x" * 101, "inconnu"):
        with pytest.raises(LinkError):
            service.check_link(bad)


def test_unsubscribe_tokens_are_signed_per_address(service):
    service.request("a@example.fr", "192.0.2.1")
    service.confirm(link_token(service))
    token = unsubscribe_token(KEY, "a@example.fr")
    assert service.read_unsubscribe(token) == "a@example.fr"
    body, mac = token.split(".")
    other = "B" if mac[-1] == "A" else "A"  # a different last character, always
    for forged in (unsubscribe_token(b"x" * 32, "a@example.fr"), f"{body}x.{mac}", f"{body}.{mac[:-1]}{other}", None):
        with pytest.raises(TokenInvalid):
            service.read_unsubscribe(forged)
    service.unsubscribe(token)
    service.unsubscribe(token)  # twice: nothing more
    assert not service.is_subscribed("a@example.fr")

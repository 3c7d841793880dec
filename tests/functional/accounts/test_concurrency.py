"""The account limits under bursts of simultaneous requests, through the real local gateway.

Each simulated visitor speaks HTTP over its own connection from its own loopback address
(127.x.y.z), so the per-address limits count them apart as they would count people. Accounts
and links are made by calling the service; only what is under test goes over HTTP. The
service's secret check is wrapped to count the checks made (and, in some tests, to hold
the wrong ones until the right one has been sent: the worst interleaving, made certain).
"""

from __future__ import annotations

import http.client
import itertools
import re
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import lxml.html
import pytest

from espace.accounts import service as service_module
from espace.accounts.service import IP_MAX_FAILURES, MAX_ANSWER_ATTEMPTS, MAX_FAILURES, AccountService, TokenError
from tests.caches import environment
from tests.conftest import ROOT
from tests.serving import serving

SITE = "http://127.0.0.1:8000"
PASSWORD = "une phrase de passe solide"
NEW = "un tout nouveau mot de passe"
EMAIL = "cible@example.fr"
WAIT = 30  # seconds: generous on a loaded machine, and no test hangs for ever


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Visitor:
    """A browser of sorts: one loopback source address, its cookies, forms filled as shown."""

    port: int
    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT * 2,
                                                source_address=(self.address, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result = Response(response.status, response.msg, response.read().decode("utf-8", "replace"))
        finally:
            connection.close()
        for cookie in result.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";")[0]
            if "max-age=0" in cookie.lower() or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return result

    def prepare(self, page: str, fields: dict[str, str]) -> Callable[[], Response]:
        """Open ``page`` now and return the sending of its form, filled with ``fields`` (the
        form's hidden inputs, such as its CSRF token, kept as the page gave them)."""
        shown = self.request("GET", page)
        assert shown.status == 200, (page, shown.status)
        forms = [form for form in lxml.html.document_fromstring(shown.body).forms
                 if set(fields) <= set(form.xpath(".//input/@name | .//select/@name | .//textarea/@name"))]
        assert forms, f"no form with {sorted(fields)} on {page}"
        form = forms[0]
        values = {i.get("name"): i.get("value") or "" for i in form.xpath('.//input[@type="hidden"][@name]')}
        values.update(fields)
        action = form.get("action") or page
        action = urlsplit(action)._replace(scheme="", netloc="").geturl() or page
        body = urlencode(values)
        return lambda: self.request("POST", action, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def signed_in(self) -> bool:
        return self.request("GET", "/mon-espace").status == 200


_addresses = (f"127.{b}.{c}.{d}" for b, c, d in itertools.product(range(1, 255), range(256), range(1, 255)))


@dataclass
class Gateway:
    port: int
    outbox: Path

    def visitor(self, address: str | None = None) -> Visitor:
        return Visitor(self.port, address or next(_addresses))

    def service(self) -> AccountService:
        from espace.bootstrap import get_services

        services = get_services()  # the very stores the handlers use
        return AccountService(services.records, services.files, services.mailer, SITE)

    def last_token(self, address: str) -> str:
        from espace.adapters.outbox_mail import read_outbox

        bodies = [m.get_body(("plain",)).get_content() for m in read_outbox(self.outbox) if str(m["To"]) == address]
        return re.search(r"jeton=(\S+)", bodies[-1]).group(1)

    def create(self, email: str = EMAIL) -> None:
        service = self.service()
        assert service.request_account(email, PASSWORD, "17000", "1", "Médor", "192.0.2.1")
        assert service.confirm(self.last_token(email)) == "create-account"


@pytest.fixture
def gateway(site, tmp_path):
    from espace.gateway.app import GatewayApp

    settings = {"ESPACE_PROFILE": "embedded", "ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db",
                "ESPACE_FILES_URL": f"file://{tmp_path}/files", "ESPACE_MAIL_URL": f"outbox://{tmp_path}/outbox",
                "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"), "ESPACE_SITE_URL": SITE,
                "POWERTOOLS_LOG_LEVEL": "ERROR"}
    # More server threads than held requests: a held check must not starve the others.
    with environment(settings), serving(GatewayApp(site, ROOT / "infra" / "template.yaml"), threads=48) as port:
        yield Gateway(port, tmp_path / "outbox")


class Checks:
    """Counts the service's secret checks; ``hold`` ones wait until ``release()``."""

    def __init__(self, monkeypatch, hold: Callable[[str], bool] = lambda candidate: False):
        self.candidates: list[str] = []
        self.held = 0
        self._changed = threading.Condition()
        self._released = threading.Event()
        real = service_module.verify_secret

        def verify(stored_hash, candidate):
            holding = hold(candidate)
            with self._changed:
                self.candidates.append(candidate)
                self.held += holding
                self._changed.notify_all()
            if holding:
                self._released.wait(WAIT)
            return real(stored_hash, candidate)

        monkeypatch.setattr(service_module, "verify_secret", verify)

    def wait_until_held(self, count: int) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: self.held >= count, WAIT), f"only {self.held} checks held"

    def release(self) -> None:
        self._released.set()


def burst(sends: list[Callable[[], Response]]) -> list[Response]:
    """Send every prepared request at the same moment, each from its own thread."""
    start = threading.Barrier(len(sends))

    def send(prepared):
        start.wait(WAIT)
        return prepared()

    with ThreadPoolExecutor(len(sends)) as pool:
        return list(pool.map(send, sends))


def sign_in_form(visitor: Visitor, password: str, email: str = EMAIL) -> Callable[[], Response]:
    return visitor.prepare("/connexion", {"identifiant": email, "mot_de_passe": password})


def reset_form(visitor: Visitor, token: str, answer: str) -> Callable[[], Response]:
    return visitor.prepare(f"/compte/reinitialisation?jeton={token}",
                           {"reponse": answer, "mot_de_passe": NEW, "confirmation": NEW})


# -- passwords -------------------------------------------------------------------------------

def test_twenty_simultaneous_wrong_passwords_get_five_checks(gateway, monkeypatch):
    gateway.create()
    checks = Checks(monkeypatch)
    visitors = [gateway.visitor() for _ in range(20)]
    responses = burst([sign_in_form(v, f"faux {n}") for n, v in enumerate(visitors)])
    assert len(checks.candidates) == MAX_FAILURES
    assert all(r.status in (400, 429) for r in responses), [r.status for r in responses]
    late = gateway.visitor()
    assert sign_in_form(late, PASSWORD)().status == 429
    assert not late.signed_in()


def test_the_right_password_sent_while_wrong_ones_are_checked_does_not_sign_in(gateway, monkeypatch):
    gateway.create()
    checks = Checks(monkeypatch, hold=lambda candidate: candidate.startswith("faux"))
    wrong = [sign_in_form(gateway.visitor(), f"faux {n}") for n in range(12)]
    thief = gateway.visitor()
    right = sign_in_form(thief, PASSWORD)
    with ThreadPoolExecutor(len(wrong)) as pool:
        try:
            pending = [pool.submit(send) for send in wrong]
            checks.wait_until_held(MAX_FAILURES)  # five wrong checks under way, none answered
            refused = right()
        finally:
            checks.release()
        statuses = sorted(future.result().status for future in pending)
    assert refused.status == 429 and not thief.signed_in()
    assert PASSWORD not in checks.candidates and len(checks.candidates) == MAX_FAILURES
    assert statuses == [400] * (MAX_FAILURES - 1) + [429] * (12 - MAX_FAILURES + 1)
    assert sign_in_form(gateway.visitor(), PASSWORD)().status == 429  # and the lock holds


def test_simultaneous_attempts_from_one_address_get_its_quota_of_checks(gateway, monkeypatch):
    gateway.create()
    checks = Checks(monkeypatch)
    address = next(_addresses)
    responses = burst([sign_in_form(gateway.visitor(address), "faux", f"essai{n}@example.fr")
                       for n in range(IP_MAX_FAILURES + 10)])
    assert len(checks.candidates) == IP_MAX_FAILURES
    assert [r.status for r in responses].count(429) == 10
    # Another address is not affected.
    neighbour = gateway.visitor()
    assert sign_in_form(neighbour, PASSWORD)().status == 303 and neighbour.signed_in()


# -- secret answers --------------------------------------------------------------------------

def reset_link(gateway) -> str:
    gateway.create()
    assert gateway.service().request_reset(EMAIL, "192.0.2.1")
    return gateway.last_token(EMAIL)


def assert_link_spent_and_password_kept(gateway, token: str) -> None:
    with pytest.raises(TokenError):
        gateway.service().peek_token(token, {"reset-password"})
    assert sign_in_form(gateway.visitor(), NEW)().status == 400
    assert sign_in_form(gateway.visitor(), PASSWORD)().status == 303


def test_twelve_simultaneous_wrong_answers_get_three_checks_and_spend_the_link(gateway, monkeypatch):
    token = reset_link(gateway)
    checks = Checks(monkeypatch)
    responses = burst([reset_form(gateway.visitor(), token, f"Rex {n}") for n in range(12)])
    assert len(checks.candidates) == MAX_ANSWER_ATTEMPTS
    assert not any(r.status == 303 for r in responses)
    assert_link_spent_and_password_kept(gateway, token)


def test_the_right_answer_among_wrong_ones_is_refused_once_the_link_is_spent(gateway, monkeypatch):
    token = reset_link(gateway)
    checks = Checks(monkeypatch, hold=lambda candidate: candidate.startswith("rex"))
    wrong = [reset_form(gateway.visitor(), token, f"Rex {n}") for n in range(11)]
    right = reset_form(gateway.visitor(), token, "Médor")
    with ThreadPoolExecutor(len(wrong)) as pool:
        try:
            pending = [pool.submit(send) for send in wrong]
            checks.wait_until_held(MAX_ANSWER_ATTEMPTS)
            refused = right()
        finally:
            checks.release()
        responses = [future.result() for future in pending]
    assert refused.status != 303 and "medor" not in checks.candidates
    assert len(checks.candidates) == MAX_ANSWER_ATTEMPTS
    assert not any(r.status == 303 for r in responses)
    assert_link_spent_and_password_kept(gateway, token)


# -- account creation: no timing oracle -----------------------------------------------------------

def test_creating_an_account_takes_as_long_for_a_known_address_as_for_a_new_one(gateway):
    taken = [f"prise{n}@example.fr" for n in range(8)]
    for address in taken:
        gateway.create(address)
    known = [address for address in taken for _ in range(2)][:15]  # three mails per address and hour
    fresh = [f"libre{n}@example.fr" for n in range(15)]

    def timed(email: str) -> float:
        send = gateway.visitor().prepare("/compte/creation", {
            "identifiant": email, "mot_de_passe": PASSWORD, "confirmation": PASSWORD, "code_postal": "17000",
            "question": "1", "reponse": "Médor"})
        started = time.perf_counter()
        response = send()
        elapsed = time.perf_counter() - started
        assert response.status == 200, response.body[:300]
        return elapsed

    durations: dict[str, list[float]] = {"known": [], "fresh": []}
    for known_address, fresh_address in zip(known, fresh, strict=True):  # interleaved: drift hits both alike
        durations["known"].append(timed(known_address))
        durations["fresh"].append(timed(fresh_address))
    ratio = statistics.median(durations["known"]) / statistics.median(durations["fresh"])
    assert 0.5 <= ratio <= 2, durations

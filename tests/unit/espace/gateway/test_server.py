"""The waitress settings of the gateway and its request parser, without sockets (see
tests/functional/gateway/test_limits.py for the same over loopback)."""

from __future__ import annotations

from espace.gateway import pages
from espace.gateway.events import PAYLOAD_LIMIT
from espace.gateway.server import GatewayParser, Limits, adjustments


def test_waitress_gets_the_limits():
    adj = adjustments("127.0.0.1", 8000, 8, Limits())
    assert adj.connection_limit == Limits().connections
    assert adj.channel_timeout == Limits().idle_timeout_s
    assert adj.cleanup_interval == 1  # deadlines are checked every second
    # waitress refuses Content-Length >= max_request_body_size: exactly Lambda's limit passes.
    assert adj.max_request_body_size == PAYLOAD_LIMIT + 1
    assert adj.ident == "espace-candidat"


def parse(raw: bytes) -> GatewayParser:
    parser = GatewayParser(adjustments("127.0.0.1", 8000, 1, Limits()))
    parser.received(raw)
    return parser


def test_a_body_over_the_limit_is_refused_from_its_length_without_100_continue():
    parser = parse(b"POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                   + f"Content-Length: {PAYLOAD_LIMIT + 1}\r\n\r\n".encode())
    assert parser.completed and parser.error.code == 413
    assert parser.expect_continue is False


def test_a_body_at_the_limit_is_awaited_with_100_continue():
    parser = parse(b"POST /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                   + f"Content-Length: {PAYLOAD_LIMIT}\r\n\r\n".encode())
    assert not parser.completed and parser.error is None
    assert parser.expect_continue is True


def test_protocol_errors_are_french_pages():
    status, headers, body = pages.protocol_error(431)
    assert status == "431 Request Header Fields Too Large"
    assert "En-têtes trop volumineux".encode() in body and ("Content-Type", pages.HTML) in headers
    assert pages.protocol_error(599)[0].startswith("400 ")  # unknown to the page table: a plain 400

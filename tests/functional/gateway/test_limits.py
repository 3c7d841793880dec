"""The gateway's bounds, over real sockets on loopback: slow or stuck clients cannot keep it from
answering, and a body too large for Lambda is refused from its Content-Length.

The deadlines are shortened here (seconds instead of tens of seconds) so the tests stay quick; the
connection limit and the body limit are those of `make run`.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time

import pytest

from espace.gateway.app import GatewayApp
from espace.gateway.server import Limits
from espace.web.security_headers import security_headers
from tests.serving import serving

LIMIT = Limits()  # what `make run` uses
SIX_MB = 6 * 1024 * 1024


def served(site, **changes):
    limits = Limits(**{**LIMIT.__dict__, **changes})
    return serving(GatewayApp(site, site.parent / "template.yaml"), limits=limits)


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def response(sock: socket.socket, method: str = "GET") -> http.client.HTTPResponse:
    answer = http.client.HTTPResponse(sock, method=method)
    answer.begin()
    return answer


def timed_get(port: int, path: str = "/index.html", timeout: float = 10) -> tuple[int, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, time.monotonic() - started


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@contextlib.contextmanager
def slowloris(port: int, count: int, trickle: bool):
    """`count` connections that begin a request and never finish its headers; with `trickle`, each
    sends one more byte every 0.2 s (so none is ever silent long enough to look idle)."""
    sockets = []
    stop = threading.Event()

    def dribble():
        while not stop.wait(0.2):
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.send(b"X")

    for _ in range(count):
        sock = connect(port)
        sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: ")
        sockets.append(sock)
    thread = threading.Thread(target=dribble, daemon=True)
    if trickle:
        thread.start()
    try:
        yield sockets
    finally:
        stop.set()
        if trickle:
            thread.join()
        for sock in sockets:
            sock.close()


def test_the_defaults_bound_what_the_issue_found():
    # 110 stuck connections stopped the gateway for as long as they stayed: they must be cut off
    # in seconds, while a page with its assets (a handful of connections) always fits.
    assert 16 <= LIMIT.connections < 110
    assert LIMIT.header_timeout_s <= 10 and LIMIT.idle_timeout_s <= 30 and LIMIT.request_timeout_s <= 60
    assert LIMIT.body_bytes == SIX_MB


@pytest.mark.parametrize("trickle", [True, False], ids=["trickling", "silent"])
def test_unfinished_headers_do_not_stop_a_request(site, trickle):
    # Without the header deadline, trickling connections are never idle and stay forever; silent
    # ones stay until the idle timeout (kept long here to show the header deadline acts).
    with served(site, header_timeout_s=1.0, idle_timeout_s=60) as port, \
            slowloris(port, 110, trickle) as stuck:
        status, elapsed = timed_get(port)
        assert status == 200
        assert elapsed < 5, f"answered after {elapsed:.1f} s"
        time.sleep(2.5)  # every stuck connection has had its second
        for sock in stuck:
            sock.settimeout(0.5)
        assert all(closed_by_server(sock) for sock in stuck)


def test_connections_that_send_nothing_are_closed(site):
    with served(site, idle_timeout_s=1) as port:
        idle = [connect(port) for _ in range(110)]
        try:
            status, elapsed = timed_get(port)
            assert status == 200 and elapsed < 5, f"answered after {elapsed:.1f} s"
            time.sleep(2.5)
            for sock in idle:
                sock.settimeout(0.5)
            assert all(closed_by_server(sock) for sock in idle)
        finally:
            for sock in idle:
                sock.close()


def test_a_body_that_never_ends_is_cut_off(site):
    with served(site, request_timeout_s=1.5) as port:
        sock = connect(port)
        try:
            sock.sendall(b"POST /echo/lent HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                         b"Content-Length: 1000\r\n\r\n")
            started = time.monotonic()
            while time.monotonic() - started < 6:
                try:
                    sock.sendall(b"x")
                except OSError:
                    break
                sock.settimeout(0.2)
                if closed_by_server(sock):
                    break
            elapsed = time.monotonic() - started
            assert 1.5 <= elapsed < 4, f"closed after {elapsed:.1f} s"
        finally:
            sock.close()


@pytest.mark.parametrize("expect", [False, True], ids=["plain", "expect-100-continue"])
def test_huge_content_length_is_refused_before_the_body(site, expect):
    with served(site) as port:
        sock = connect(port)
        try:
            started = time.monotonic()
            sock.sendall(b"POST /echo/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                         + (b"Expect: 100-continue\r\n" if expect else b"")
                         + f"Content-Length: {50 * 1024 * 1024}\r\n\r\n".encode())
            answer = response(sock)  # not a byte of the body was sent
            body = answer.read()
            elapsed = time.monotonic() - started
        finally:
            sock.close()
    assert answer.status == 413  # not 100 Continue first: the client is not invited to send 50 MB
    assert elapsed < 2
    assert b"Envoi trop volumineux" in body
    assert answer.getheader("Content-Type") == "text/html; charset=utf-8"
    assert answer.getheader("Connection") == "close"
    for name, value in security_headers(secure=False).items():
        assert answer.getheader(name) == value, name


def test_six_mb_exactly_reaches_the_gateway(site):
    # The refusal is for what Lambda cannot take, not one byte earlier: a 6 MB Content-Length
    # passes the server, and the gateway then checks the event as API Gateway would.
    with served(site) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/echo/x", body=b"a" * 1000, headers={"Content-Type": "text/plain"})
        assert connection.getresponse().status == 200
        connection.close()
        sock = connect(port)
        try:
            sock.sendall(b"POST /echo/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                         + f"Content-Length: {SIX_MB}\r\n\r\n".encode() + b"a" * SIX_MB)
            answer = response(sock)
            # The event (body plus headers and context) is over 6 MB: the gateway's own 413.
            assert answer.status == 413 and answer.getheader("Apigw-Requestid") is None
        finally:
            sock.close()


def test_chunked_body_is_cut_at_the_limit(site):
    def chunks():
        for _ in range(8):
            yield b"a" * (1024 * 1024)

    with served(site) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("POST", "/echo/x", body=chunks(), encode_chunked=True,
                               headers={"Content-Type": "text/plain", "Transfer-Encoding": "chunked"})
            answer = connection.getresponse()
            assert answer.status == 413
            assert b"Envoi trop volumineux" in answer.read()
        finally:
            connection.close()


def test_a_refused_browser_upload_sees_the_413_page(site):
    # Browsers send the whole body without waiting for an answer: the server drains it after the
    # 413 instead of resetting the connection, so the page is what the person sees.
    with served(site) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("POST", "/echo/x", body=b"a" * (20 * 1024 * 1024),
                               headers={"Content-Type": "multipart/form-data; boundary=x"})
            answer = connection.getresponse()
            assert answer.status == 413
            assert b"Envoi trop volumineux" in answer.read()
        finally:
            connection.close()

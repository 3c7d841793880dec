"""Unit tests open no socket: not a server, not a client, not even for a fixture.

Enforced for every test under tests/unit/ (setup, call and teardown, session fixtures
included): creating a socket raises. Tests that need the network belong in
tests/functional/.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest


class SocketInUnitTestError(AssertionError):
    """A unit test (or one of its fixtures) tried to create a socket."""


@contextlib.contextmanager
def sockets_refused() -> Iterator[None]:
    def refuse(self: socket.socket, *args: object, **kwargs: object) -> None:
        raise SocketInUnitTestError("a unit test tried to create a socket: move it to tests/functional/")

    # socket.socket is a Python class: every way of making one (socket.socket(), create_connection,
    # a class bound by "from socket import socket" before the test) goes through its __init__.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "__init__", refuse)
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with sockets_refused():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with sockets_refused():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    if nextitem is None:
        # The worker's last test also tears down the session's fixtures, which may belong to
        # other folders (a browser to quit, an OpenSearch node to leave): they may use sockets.
        return (yield)
    with sockets_refused():
        return (yield)

"""The waitress server of the local gateway, with bounds a browser never meets but a stuck or
hostile client does.

Waitress alone keeps a connection as long as bytes trickle in (its `channel_timeout` only counts
silence), accepts at most `connection_limit` connections and then stops accepting, and reads a
whole body before the application sees its `Content-Length`. So 110 connections sending their
headers a byte at a time kept `make run` from answering anyone, and a 50 MB body was read before
the 413. Here:

- a request must send its headers within `header_timeout_s` of its first byte, and its body
  within `request_timeout_s`; a connection that does not is closed (it then frees its place);
- an idle connection is closed after `idle_timeout_s` (waitress's `channel_timeout`);
- a body over Lambda's 6 MB is refused from its `Content-Length`, before a byte of it is read
  and without "100 Continue"; a chunked body is cut at the limit. The 413 is the gateway's own
  page, with the security headers, like every answer the server writes itself.
"""

from __future__ import annotations

import logging
import socket
import time
from dataclasses import dataclass
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher

from espace.web.security_headers import security_headers

from . import pages
from .events import PAYLOAD_LIMIT, printable

logger = logging.getLogger("espace.gateway")

IDENT = "espace-candidat"
THREADS = 8
# How long a refused request's connection is drained before it is closed (see GatewayChannel).
LINGER_S = 5.0


@dataclass(frozen=True)
class Limits:
    # Below the FD_SETSIZE of select() with room for the database and log files; a browser opens
    # six connections per host.
    connections: int = 100
    header_timeout_s: float = 10.0
    request_timeout_s: float = 60.0  # headers and body: 6 MB takes well under a second on loopback
    idle_timeout_s: int = 15  # a keep-alive connection between two requests
    body_bytes: int = PAYLOAD_LIMIT


class GatewayParser(HTTPRequestParser):  # waitress has no type hints: its classes are Any
    """Waitress's parser, timed from the request's first byte and without "100 Continue" for a
    request already refused (waitress would otherwise invite the client to send the body)."""

    def __init__(self, adj: Adjustments):
        super().__init__(adj)
        self.started = time.monotonic()

    def received(self, data: bytes) -> int:
        consumed: int = super().received(data)
        if self.error is not None:
            self.expect_continue = False
        return consumed


class GatewayErrorTask(ErrorTask):  # waitress has no type hints: its classes are Any
    """The errors waitress answers itself (400, 413, 431…), as the gateway's French pages with the
    security headers instead of waitress's English text."""

    def execute(self) -> None:
        error = self.request.error
        if error.code == 413:
            status, headers, body = pages.payload_too_large(PAYLOAD_LIMIT // (1024 * 1024))
        else:
            status, headers, body = pages.protocol_error(error.code)
        logger.info("%s %s %s refused by the server: %s", self.request.command or "-",
                    printable(self.request.path or "-"), error.code, error.body)
        self.channel.drain_on_close = True
        self.status = status
        self.response_headers.extend(headers)
        self.response_headers.extend(security_headers(secure=False).items())
        self.set_close_on_finish()
        self.content_length = len(body)
        if self.request.command != "HEAD":
            self.write(body)


class GatewayChannel(HTTPChannel):  # waitress has no type hints: its classes are Any
    parser_class = GatewayParser
    error_task_class = GatewayErrorTask
    drain_on_close = False
    linger_deadline: float | None = None

    def handle_close(self) -> None:
        # A client that sends its body without waiting (browsers do) would meet a TCP reset, not
        # the 413, if the socket closed with its body unread: half-close, then read and drop what
        # still comes for a few seconds (RFC 9112, section 9.6), as nginx's lingering close does.
        if self.drain_on_close and self.linger_deadline is None and self.connected and not self.total_outbufs_len:
            try:
                self.socket.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            else:
                self.linger_deadline = time.monotonic() + LINGER_S
                self.will_close = self.close_when_flushed = False
                self.request = None
                return
        super().handle_close()

    def received(self, data: bytes) -> bool:
        if self.linger_deadline is not None:
            return True  # the rest of a refused request: read to drain the socket, never parsed
        return bool(super().received(data))

    def service(self) -> None:
        super().service()
        # A request that arrived while the previous one was served starts its clock now.
        request = self.request
        if request is not None:
            request.started = time.monotonic()


class GatewayServer(TcpWSGIServer):  # waitress has no type hints: its classes are Any
    channel_class = GatewayChannel

    def __init__(self, *args: Any, limits: Limits, **kwargs: Any):
        self.limits = limits
        super().__init__(*args, **kwargs)

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle connections (channel_timeout)
        clock = time.monotonic()
        for channel in list(self.active_channels.values()):
            if channel.linger_deadline is not None:
                if clock > channel.linger_deadline:
                    channel.will_close = True
                continue
            request = channel.request
            # channel.requests: a request is being served; its connection is not read meanwhile.
            if request is None or channel.requests or channel.will_close:
                continue
            waited = clock - request.started
            if not request.headers_finished and waited > self.limits.header_timeout_s:
                reason = "headers"
            elif waited > self.limits.request_timeout_s:
                reason = "body"
            else:
                continue
            logger.warning("closed a connection from %s: %s not received after %.0f s",
                           channel.addr[0] if channel.addr else "?", reason, waited)
            channel.will_close = True


def adjustments(host: str, port: int, threads: int, limits: Limits) -> Adjustments:
    return Adjustments(
        host=host,
        port=port,
        threads=threads,
        ident=IDENT,
        connection_limit=limits.connections,
        channel_timeout=limits.idle_timeout_s,
        cleanup_interval=1,  # how often the timeouts above are checked, in seconds
        # Waitress refuses a Content-Length >= this: one byte over Lambda's limit.
        max_request_body_size=limits.body_bytes + 1,
        asyncore_use_poll=True,  # poll(): no FD_SETSIZE ceiling whatever the connection limit
    )


def create_server(app: Any, host: str, port: int, threads: int = THREADS,
                  limits: Limits = Limits()) -> GatewayServer | MultiSocketServer:
    """What waitress.create_server does for TCP, with the gateway's channel and bounds.

    "localhost" may resolve to both 127.0.0.1 and ::1: one listening socket each, one loop.
    """
    adj = adjustments(host, port, threads, limits)
    socket_map: dict[int, Any] = {}
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adj.threads)
    servers = [GatewayServer(app, socket_map, dispatcher=dispatcher, adj=adj, sockinfo=sockinfo, limits=limits)
               for sockinfo in adj.listen]
    if len(servers) == 1:
        return servers[0]
    listening = [(server.effective_host, server.effective_port) for server in servers]
    return MultiSocketServer(socket_map, adj, listening, dispatcher, servers[0].log_info)

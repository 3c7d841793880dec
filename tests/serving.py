"""Run a WSGI app on the local gateway's waitress server on loopback, in a thread, for a test."""

from __future__ import annotations

import contextlib
import threading

from waitress import wasyncore

from espace.gateway.server import Limits, create_server


@contextlib.contextmanager
def serving(app, threads: int = 4, limits: Limits | None = None):
    # The server of `make run`, with its bounds: tests meet what a developer's browser meets.
    server = create_server(app, "127.0.0.1", 0, threads=threads, limits=limits or Limits())
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server.effective_port
    finally:
        # Closing the sockets from this thread would pull them from under select(): ask the
        # server's own loop to close everything, which ends run() once its map is empty.
        with contextlib.suppress(OSError):  # the trigger already closed: the loop has ended
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()

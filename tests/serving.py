"""Run a WSGI app on a real waitress server on loopback, in a thread, for a test."""

from __future__ import annotations

import contextlib
import threading

import waitress
from waitress import wasyncore


@contextlib.contextmanager
def serving(app, threads: int = 4):
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads, ident="espace-candidat")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server.effective_port
    finally:
        # Closing the sockets from this thread would pull them from under select(): ask the
        # server's own loop to close everything, which ends run() once its map is empty.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()

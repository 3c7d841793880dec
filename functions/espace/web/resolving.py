"""One request at a time through Powertools' shared state; the routes' own work in parallel.

Powertools keeps the event being resolved in a class attribute (``BaseRouter.current_event``) and
the matched route's arguments in the app's context dict, cleared when a resolution ends. Two
threads resolving at once — the local gateway's worker threads, a test's concurrent requests —
would read each other's request. Lambda sends one request at a time per process, so there the lock
is never contended.

So a lock is held while Powertools works (``resolving``, around ``app.resolve``) and let go while an
area's route runs (``route_body``, in ``AreaRouter``): by then the route has its Context and its
arguments, and what it does (store reads and writes, rendering) may overlap another request's, as
it would on two Lambda instances — the conditional writes the areas rely on are tested that way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

_LOCK = threading.Lock()
_STATE = threading.local()  # .held: this thread holds _LOCK for a resolution


@contextmanager
def resolving() -> Iterator[None]:
    with _LOCK:
        _STATE.held = True
        try:
            yield
        finally:
            _STATE.held = False


@contextmanager
def route_body(router: BaseRouter) -> Iterator[None]:
    """Let other requests through while the route of ``router`` runs; take the lock back, and this
    request's event and routing context with it, before Powertools builds the response (or handles
    the route's exception, whose error page reads them)."""
    if not getattr(_STATE, "held", False):  # resolved without ``resolving`` (a test's own app): nothing to let go
        yield
        return
    event, context = BaseRouter.current_event, dict(router.context)
    _STATE.held = False
    _LOCK.release()
    try:
        yield
    finally:
        _LOCK.acquire()
        _STATE.held = True
        BaseRouter.current_event = event
        router.context.clear()
        router.context.update(context)

"""Concurrent requests through one handler (the local gateway's threads): each route gets its own
path arguments and its own request while the routes' bodies really overlap (espace.web.resolving),
and an error page raised after another request went through still names its own request."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from aws_lambda_powertools.event_handler import Response

from espace.web.app import create_app, make_handler
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from tests.functional.client import Client

WORKERS = 6


def slow_middleware(app, next_middleware):
    """Powertools' own steps made slow (its route middlewares run with its shared state set): two
    requests resolving at once would overlap here and read each other's arguments."""
    time.sleep(0.05)
    return next_middleware(app)


def echo_handler(barrier: threading.Barrier):
    router = AreaRouter()
    router.use(middlewares=[slow_middleware])

    @router.get("/echo/<value>")
    def echo(ctx: Context, value: str) -> Response:
        barrier.wait(timeout=10)  # every request is inside its route at once: the bodies overlap
        return Response(200, "text/plain", f"{value} {ctx.request.path}")

    @router.get("/absent/<value>")
    def absent(ctx: Context, value: str) -> Response:
        barrier.wait(timeout=10)
        raise NotFoundError(f"rien pour {value}")

    return make_handler(create_app([(router, None)]))


def test_each_request_keeps_its_arguments_while_the_routes_overlap(platform):
    handler = echo_handler(threading.Barrier(WORKERS))
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(lambda n: Client(handler).get(f"/echo/v{n}"), range(WORKERS)))
    assert [(a.status, a.body) for a in answers] == [(200, f"v{n} /echo/v{n}") for n in range(WORKERS)]


def test_an_error_page_is_about_its_own_request(platform):
    handler = echo_handler(threading.Barrier(WORKERS))
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(lambda n: Client(handler).get(f"/absent/a{n}"), range(WORKERS)))
    for n, answer in enumerate(answers):
        assert answer.status == 404 and f"rien pour a{n}" in answer.text()

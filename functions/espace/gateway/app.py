"""The gateway as a WSGI application: template routes to handlers, everything else to files.

Order of a request, as CloudFront + API Gateway would see it once deployed: a route of the
template (405 when only its method is wrong), then a file of the site, then the template's
"$default" route if any, then the site's 404 page.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from espace.web.security_headers import security_headers

from . import pages
from .events import (
    PAYLOAD_LIMIT,
    InvalidResponseError,
    PayloadTooLargeError,
    environ_to_event,
    printable,
    read_body,
    request_path,
    response_to_wsgi,
)
from .routes import MethodNotAllowedError, Route, default_route, load_routes, match
from .static import StaticSite

logger = logging.getLogger("espace.gateway")

Response = pages.Response


@dataclass
class LambdaContext:
    """What the Lambda runtime passes as `context`, enough for Powertools' Logger and Tracer."""

    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    timeout_s: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    identity: object = None
    client_context: object = None
    tenant_id: str | None = None
    _started: float = field(default_factory=time.monotonic)

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return time.strftime("%Y/%m/%d/[$LATEST]local", time.gmtime())

    def get_remaining_time_in_millis(self) -> int:
        elapsed_ms = (time.monotonic() - self._started) * 1000
        return max(0, int(self.timeout_s * 1000 - elapsed_ms))

    @classmethod
    def for_route(cls, route: Route) -> LambdaContext:
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-3"
        return cls(
            function_name=route.function_name,
            memory_limit_in_mb=route.memory_mb,
            invoked_function_arn=f"arn:aws:lambda:{region}:123456789012:function:{route.function_name}",
            timeout_s=route.timeout_s,
        )


class GatewayApp:
    """WSGI callable serving `site_dir` and the routes of `template_path`."""

    def __init__(self, site_dir: str | Path, template_path: str | Path):
        self.site = StaticSite(site_dir)
        self.template_path = Path(template_path)
        self.routes = load_routes(self.template_path)
        self.default = default_route(self.routes)
        # secure=False: the local gateway speaks plain HTTP on loopback, so no HSTS.
        self.security = security_headers(secure=False)
        self._handlers: dict[str, object] = {}
        self._import_lock = threading.Lock()

    # -- WSGI ---------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        started = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = request_path(environ)
        try:
            status, headers, body = self.dispatch(environ, method, path)
        except Exception:  # a bug of the gateway itself must not take the server down
            logger.exception("gateway error on %s %s", method, printable(path))
            status, headers, body = pages.bad_gateway()
        headers = self._with_security_headers(headers)
        headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
        headers.append(("Content-Length", str(len(body))))
        if method == "HEAD":
            body = b""  # waitress would send a HEAD body as given; HTTP forbids it
        start_response(status, headers)
        logger.info("%s %s %s %.1f ms", method, printable(path), status.split(" ", 1)[0],
                    (time.perf_counter() - started) * 1000)
        return [body]

    def _with_security_headers(self, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
        # A header the handler set wins: it knows its page (e.g. a stricter CSP).
        present = {name.lower() for name, _ in headers}
        return headers + [(name, value) for name, value in self.security.items() if name.lower() not in present]

    # -- dispatch -----------------------------------------------------------------------
    def dispatch(self, environ: dict, method: str, path: str) -> Response:
        try:
            found = match(self.routes, method, path)
        except MethodNotAllowedError as error:
            return pages.method_not_allowed(error.allowed)
        if found is not None:
            return self.invoke(environ, *found)
        response = self.site.respond(environ, path)
        if self.default is not None and response[0].startswith("404"):
            return self.invoke(environ, self.default, {})
        return response

    def invoke(self, environ: dict, route: Route, path_parameters: dict[str, str]) -> Response:
        try:
            body = read_body(environ)
            event = environ_to_event(environ, route, path_parameters, body)
            request_id = event["requestContext"]["requestId"]
            # base64 makes a binary body a third larger: what counts is the whole event.
            if len(json.dumps(event)) > PAYLOAD_LIMIT:
                raise PayloadTooLargeError("event")
        except PayloadTooLargeError:
            return pages.payload_too_large(PAYLOAD_LIMIT // (1024 * 1024))
        try:
            handler = self.load_handler(route)
            context = LambdaContext.for_route(route)
            started = time.monotonic()
            result = handler(event, context)
            elapsed = time.monotonic() - started
            if elapsed > route.timeout_s:
                logger.warning("%s took %.1f s: Lambda would have stopped it after %s s",
                               route.function_name, elapsed, route.timeout_s)
            if len(json.dumps(result, default=str)) > PAYLOAD_LIMIT:
                raise InvalidResponseError("response larger than Lambda's 6 MB limit")
            status, headers, payload = response_to_wsgi(result)
        except InvalidResponseError as error:
            logger.error("%s (%s) returned an invalid response: %s", route.function_name, route.route_key, error)
            return pages.bad_gateway()
        except Exception:
            # In AWS the invocation fails and API Gateway answers 5xx; here the traceback is
            # logged and the server keeps serving.
            logger.exception("%s (%s) raised", route.function_name, route.route_key)
            return pages.bad_gateway()
        # API Gateway tags every answer with its request id, as HTTP APIs do.
        return status, [*headers, ("Apigw-Requestid", request_id)], payload

    def load_handler(self, route: Route):
        """The handler function, imported on first use (like a Lambda cold start) then kept."""
        handler = self._handlers.get(route.handler)
        if handler is not None:
            return handler
        with self._import_lock:  # eight waitress threads may ask for it at once
            handler = self._handlers.get(route.handler)
            if handler is None:
                if route.code_dir is not None and str(route.code_dir) not in sys.path:
                    # CodeUri is what Lambda puts on the path; appended so it shadows nothing.
                    sys.path.append(str(route.code_dir))
                module_name, _, attribute = route.handler.rpartition(".")
                handler = getattr(importlib.import_module(module_name), attribute)
                self._handlers[route.handler] = handler
        return handler

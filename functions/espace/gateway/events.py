"""WSGI request → API Gateway HTTP API event (payload format 2.0), and the response back.

The aim is fidelity, not convenience: a handler that works here must work behind the real
API Gateway, so the quirks are copied on purpose (see the comments).
Reference: "Working with AWS Lambda proxy integrations for HTTP APIs" in the API Gateway
developer guide, and `sam local generate-event apigateway http-api-proxy`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
import uuid
from http import HTTPStatus
from urllib.parse import parse_qsl

from .routes import Route

# Lambda's synchronous invocation payload limit (request and response), 6 MB.
PAYLOAD_LIMIT = 6 * 1024 * 1024
ACCOUNT_ID = "123456789012"  # the placeholder account of SAM's sample events

# Bodies API Gateway passes as text. Everything else — including a missing Content-Type and,
# surprisingly, application/x-www-form-urlencoded — arrives base64-encoded: observed on live
# HTTP APIs (e.g. ministack#766); handlers must read `decoded_body`, never `body`.
TEXT_MEDIA_TYPES = frozenset({"application/json", "application/xml", "application/javascript"})

# Hop-by-hop headers belong to one connection: WSGI forbids an application to send them.
_HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "trailers", "transfer-encoding", "upgrade", "content-length",
})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PayloadTooLargeError(ValueError):
    """The request cannot fit in a Lambda invocation (API Gateway answers 413)."""


class InvalidResponseError(ValueError):
    """The handler returned something API Gateway would refuse (it answers 5xx)."""


def _wsgi_text(value: str) -> str:
    # WSGI hands over bytes as latin-1 strings (PEP 3333); clients send UTF-8.
    raw = value.encode("latin-1")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return value


def request_path(environ: dict) -> str:
    """The percent-decoded path, as API Gateway puts it in `rawPath` (HTTP APIs decode it)."""
    return _wsgi_text(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")) or "/"


def printable(text: str) -> str:
    """`text` for a log line: a decoded path may hold "\\n" or NUL, escaped so a request cannot forge lines."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def read_body(environ: dict, limit: int = PAYLOAD_LIMIT) -> bytes:
    """The whole request body, or PayloadTooLargeError past `limit` bytes."""
    length = environ.get("CONTENT_LENGTH") or ""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    if length.strip().isdigit():
        size = int(length)
        if size > limit:
            raise PayloadTooLargeError(size)
        return stream.read(size) if size else b""
    # No Content-Length (chunked): read one byte past the limit to know it was crossed.
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise PayloadTooLargeError(len(body))
    return body


def is_text_media_type(content_type: str | None) -> bool:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type.startswith("text/") or media_type in TEXT_MEDIA_TYPES


def encode_body(body: bytes, content_type: str | None) -> tuple[str, bool]:
    """(body, isBase64Encoded) the way API Gateway fills them."""
    if is_text_media_type(content_type):
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass  # invalid UTF-8 would be mangled as text: base64 keeps every byte
    return base64.b64encode(body).decode("ascii"), True


def _headers(environ: dict) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            name = key[5:].replace("_", "-").lower()
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            name = key.replace("_", "-").lower()
        else:
            continue
        # The WSGI server has already joined repeated headers with commas, as API Gateway does.
        headers[name] = _wsgi_text(value)
    # Cookies travel in the event's own `cookies` list, never in `headers`.
    headers.pop("cookie", None)
    source_ip = environ.get("REMOTE_ADDR", "127.0.0.1")
    forwarded = headers.get("x-forwarded-for")
    headers["x-forwarded-for"] = f"{forwarded}, {source_ip}" if forwarded else source_ip
    headers.setdefault("x-forwarded-proto", environ.get("wsgi.url_scheme", "http"))
    headers.setdefault("x-forwarded-port", str(environ.get("SERVER_PORT", "80")))
    return headers


def _query_parameters(raw_query: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for name, value in parse_qsl(raw_query, keep_blank_values=True):
        # Payload 2.0 has no multi-value field: repeated names are joined with commas.
        params[name] = f"{params[name]},{value}" if name in params else value
    return params


def _time(epoch: float) -> str:
    # API Gateway's format, "12/Mar/2020:19:03:58 +0000"; English months whatever the locale.
    t = time.gmtime(epoch)
    return f"{t.tm_mday:02d}/{_MONTHS[t.tm_mon - 1]}/{t.tm_year}:{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000"


def environ_to_event(environ: dict, route: Route, path_parameters: dict[str, str], body: bytes | None = None) -> dict:
    """The payload 2.0 event API Gateway would send to `route`'s function for this request.

    `body` is the already-read request body; when None it is read here (up to 6 MB).
    Keys API Gateway leaves out (cookies, queryStringParameters, pathParameters, body) are
    left out too, rather than set to null, so handlers meet the same shapes as in AWS.
    """
    if body is None:
        body = read_body(environ)
    method = environ.get("REQUEST_METHOD", "GET").upper()
    path = request_path(environ)
    raw_query = _wsgi_text(environ.get("QUERY_STRING", ""))
    headers = _headers(environ)
    host = headers.get("host", environ.get("SERVER_NAME", "localhost"))
    domain = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    now = time.time()
    event: dict = {
        "version": "2.0",
        "routeKey": route.route_key,
        "rawPath": path,
        "rawQueryString": raw_query,
    }
    cookies = [c.strip() for c in _wsgi_text(environ.get("HTTP_COOKIE", "")).split(";") if c.strip()]
    if cookies:
        event["cookies"] = cookies
    event["headers"] = headers
    query = _query_parameters(raw_query)
    if query:
        event["queryStringParameters"] = query
    event["requestContext"] = {
        "accountId": ACCOUNT_ID,
        "apiId": route.api_id.lower(),
        "domainName": domain,
        "domainPrefix": domain.split(".", 1)[0],
        "http": {
            "method": method,
            "path": path,
            "protocol": environ.get("SERVER_PROTOCOL", "HTTP/1.1"),
            "sourceIp": environ.get("REMOTE_ADDR", "127.0.0.1"),
            "userAgent": headers.get("user-agent", ""),
        },
        "requestId": str(uuid.uuid4()),
        "routeKey": route.route_key,
        "stage": "$default",
        "time": _time(now),
        "timeEpoch": int(now * 1000),
    }
    if body:
        event["body"], event["isBase64Encoded"] = encode_body(body, headers.get("content-type"))
    else:
        event["isBase64Encoded"] = False
    if path_parameters:
        event["pathParameters"] = dict(path_parameters)
    return event


def _status_line(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"{code} Unknown"


_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _header_value(name, value) -> str:
    if not isinstance(name, str) or not _TOKEN.match(name):
        raise InvalidResponseError(f"invalid header name {name!r}")
    if isinstance(value, bool):
        value = "true" if value else "false"
    if not isinstance(value, (str, int, float)):
        raise InvalidResponseError(f"header {name!r} has a {type(value).__name__} value")
    text = str(value)
    if "\r" in text or "\n" in text:
        raise InvalidResponseError(f"header {name!r} contains a line break")
    return text


def response_to_wsgi(result) -> tuple[str, list[tuple[str, str]], bytes]:
    """(status line, headers, body) for what the handler returned, as API Gateway reads it.

    A dict with "statusCode" is a full response. Anything else is the 2.0 shortcut: a string
    is the body as is, other JSON values are serialised; both as 200 application/json.
    """
    if not (isinstance(result, dict) and "statusCode" in result):
        body = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)
        return _status_line(200), [("Content-Type", "application/json")], body.encode("utf-8")

    code = result["statusCode"]
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    if isinstance(code, bool) or not isinstance(code, int) or not 100 <= code <= 599:
        raise InvalidResponseError(f"statusCode must be an HTTP status, not {result['statusCode']!r}")

    headers: list[tuple[str, str]] = []
    for name, values in (result.get("multiValueHeaders") or {}).items():
        for value in values if isinstance(values, list) else [values]:
            headers.append((name, _header_value(name, value)))
    for name, value in (result.get("headers") or {}).items():
        headers.append((name, _header_value(name, value)))
    for cookie in result.get("cookies") or []:
        # One Set-Cookie per cookie: they cannot be comma-joined like other headers.
        headers.append(("Set-Cookie", _header_value("cookies", cookie)))
    headers = [(name, value) for name, value in headers if name.lower() not in _HOP_BY_HOP]
    if not any(name.lower() == "content-type" for name, _ in headers):
        # HTTP APIs label a full response without Content-Type this way.
        headers.append(("Content-Type", "text/plain; charset=utf-8"))

    body = result.get("body")  # type: ignore[assignment]  # any JSON value; checked below
    if body is None:
        payload = b""
    elif not isinstance(body, str):
        raise InvalidResponseError(f"body must be a string, not {type(body).__name__}")
    elif result.get("isBase64Encoded"):
        try:
            payload = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError) as error:
            raise InvalidResponseError("isBase64Encoded is true but body is not base64") from error
    else:
        payload = body.encode("utf-8")
    return _status_line(code), headers, payload

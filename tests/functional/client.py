"""A test client that calls a Lambda handler with API Gateway HTTP API v2 events.

It keeps cookies like a browser, reads CSRF tokens from the returned forms, and
parses HTML so tests can look at what a user would see.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

import lxml.html

from tests.spaces import fold_spaces

SITE = "http://127.0.0.1:8000"  # the site address the functional tests run with (ESPACE_SITE_URL)


class LambdaContext:
    function_name = "AccountsFunction"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:eu-west-3:123456789012:function:AccountsFunction"
    memory_limit_in_mb = 512
    log_group_name = "/aws/lambda/AccountsFunction"
    log_stream_name = "test"

    def __init__(self):
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


@dataclass
class Result:
    status: int
    headers: dict
    cookies: list[str]
    raw: str  # the body as sent, French no-break spaces included

    @property
    def body(self) -> str:
        """The body with its no-break spaces folded (tests.spaces): what string checks read."""
        return fold_spaces(self.raw)

    @property
    def html(self):
        """The page, its text with no-break spaces folded; attributes as sent (a ``value`` echoes
        exactly what was typed, and tests check that)."""
        document = lxml.html.document_fromstring(self.raw)
        for element in document.iter():
            if element.text:
                element.text = fold_spaces(element.text)
            if element.tail:
                element.tail = fold_spaces(element.tail)
        return document

    @property
    def location(self) -> str | None:
        """The redirect's target as a path of the site (every Location is absolute)."""
        location = self.headers.get("Location") or self.headers.get("location")
        return location.removeprefix(SITE) if location else None

    def text(self) -> str:
        return " ".join(self.html.text_content().split())

    def json(self):
        return json.loads(self.raw)

    def field_error(self, field_id: str) -> str | None:
        found = self.html.xpath(f'//*[@id="{field_id}-erreur"]')
        return " ".join(found[0].text_content().split()) if found else None

    def error_summary(self) -> list[str]:
        return [" ".join(a.text_content().split()) for a in self.html.xpath("//*[@data-error-summary]//li")]


@dataclass
class Client:
    handler: object
    source_ip: str = "198.51.100.7"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, *, body: bytes | str | None = None, content_type: str | None = None,
                headers: dict | None = None, base64_body: bool = False) -> Result:
        split = urlsplit(path)
        query = split.query
        hdrs = {"host": "127.0.0.1:8000", "user-agent": "pytest", "accept": "text/html", **(headers or {})}
        if content_type:
            hdrs["content-type"] = content_type
        params = {}
        for key, value in parse_qsl(query, keep_blank_values=True):
            params[key] = f"{params[key]},{value}" if key in params else value
        now = time.time()
        event = {
            "version": "2.0", "routeKey": "$default", "rawPath": split.path, "rawQueryString": query,
            "headers": hdrs,
            "requestContext": {
                "accountId": "123456789012", "apiId": "api", "domainName": "127.0.0.1", "domainPrefix": "127",
                "http": {"method": method, "path": split.path, "protocol": "HTTP/1.1", "sourceIp": self.source_ip,
                         "userAgent": "pytest"},
                "requestId": str(uuid.uuid4()), "routeKey": "$default", "stage": "$default",
                "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)), "timeEpoch": int(now * 1000),
            },
            "isBase64Encoded": False,
        }
        if params:
            event["queryStringParameters"] = params
        if self.cookies:
            event["cookies"] = [f"{k}={v}" for k, v in self.cookies.items()]
        if body is not None:
            raw = body.encode() if isinstance(body, str) else body
            if base64_body or isinstance(body, bytes):
                event["body"], event["isBase64Encoded"] = base64.b64encode(raw).decode(), True
            else:
                event["body"] = body
        response = self.handler(event, LambdaContext())
        for cookie in response.get("cookies", []) or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in cookie or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        location = (response.get("headers") or {}).get("Location")
        # Text browsers stop on each relative redirect: every Location must be absolute.
        assert location is None or location.startswith(SITE + "/"), f"relative or foreign Location: {location}"
        raw_body = response.get("body") or ""
        if response.get("isBase64Encoded"):
            raw_body = base64.b64decode(raw_body).decode("utf-8", "replace")
        return Result(response["statusCode"], response.get("headers") or {}, response.get("cookies") or [], raw_body)

    def get(self, path: str, **kwargs) -> Result:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, csrf: bool | str = True, **kwargs) -> Result:
        """POST a form; with ``csrf=True`` the token is taken from the form page first."""
        fields = dict(data or {})
        if csrf is True:
            fields["csrf"] = self.csrf_token(path)
        elif isinstance(csrf, str):
            fields["csrf"] = csrf
        # API Gateway HTTP APIs deliver urlencoded bodies base64-encoded; so does the client.
        return self.request("POST", path, body=urlencode(fields, doseq=True),
                            content_type="application/x-www-form-urlencoded",
                            base64_body=True, **kwargs)

    def csrf_token(self, form_path: str) -> str:
        page = self.get(form_path)
        tokens = page.html.xpath('//input[@name="csrf"]/@value')
        assert tokens, f"no CSRF token on {form_path} (status {page.status})"
        return tokens[0]

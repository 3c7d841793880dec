"""WSGI request → payload 2.0 event → handler response → WSGI response, without sockets."""

from __future__ import annotations

import base64
import io
import json
import re
import time
import uuid
from pathlib import Path

import pytest

from espace.gateway.events import (
    PAYLOAD_LIMIT,
    InvalidResponseError,
    PayloadTooLargeError,
    environ_to_event,
    read_body,
    response_to_wsgi,
)
from espace.gateway.routes import Route

EVENTS = Path(__file__).resolve().parents[4] / "tests" / "events"
ROUTE = Route(method="POST", path="/compte/{etape}", handler="x.handler", function_id="AccountsFunction",
              api_id="HttpApi")
GET_ROUTE = Route(method="GET", path="/offres/recherche", handler="x.handler", function_id="OffersFunction")


def make_environ(method="GET", path="/", query="", headers=(), body=b"", chunked=False) -> dict:
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        # PEP 3333: the server decodes the path's bytes as latin-1.
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": "pytest",
    }
    if body and not chunked:
        environ["CONTENT_LENGTH"] = str(len(body))
    for name, value in headers:
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
    return environ


def post(content_type: str | None, body: bytes) -> dict:
    headers = [("Content-Type", content_type)] if content_type else []
    environ = make_environ("POST", "/compte/creation", headers=headers, body=body)
    return environ_to_event(environ, ROUTE, {"etape": "creation"})


# -- request → event -------------------------------------------------------------------

def test_get_with_repeated_query_parameters():
    query = "q=un&q=deux&vide=&lieu=%C3%89vry+Courcouronnes&motsCles=a%2Bb"
    event = environ_to_event(make_environ("GET", "/offres/recherche", query), GET_ROUTE, {})
    assert event["version"] == "2.0"
    assert event["routeKey"] == event["requestContext"]["routeKey"] == "GET /offres/recherche"
    assert event["rawPath"] == "/offres/recherche"
    assert event["rawQueryString"] == query  # raw: still percent-encoded
    # Repeated names are comma-joined, values decoded ("+" is a space, "%2B" a plus).
    assert event["queryStringParameters"] == {"q": "un,deux", "vide": "", "lieu": "Évry Courcouronnes",
                                              "motsCles": "a+b"}
    assert "pathParameters" not in event and "body" not in event and "cookies" not in event
    assert event["isBase64Encoded"] is False


def test_request_context():
    before = time.time()
    event = environ_to_event(make_environ("GET", "/offres/recherche"), GET_ROUTE, {})
    context = event["requestContext"]
    assert context["http"] == {
        "method": "GET", "path": "/offres/recherche", "protocol": "HTTP/1.1",
        "sourceIp": "127.0.0.1", "userAgent": "pytest",
    }
    assert context["stage"] == "$default"
    assert context["accountId"] == "123456789012"
    assert context["apiId"] == "serverlesshttpapi"
    assert context["domainName"] == "127.0.0.1"
    uuid.UUID(context["requestId"])
    assert re.fullmatch(r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000", context["time"])
    assert before * 1000 - 1 <= context["timeEpoch"] <= time.time() * 1000 + 1
    assert time.strftime("%d/%b/%Y:%H:%M", time.gmtime(context["timeEpoch"] / 1000)) == context["time"][:17]
    assert "queryStringParameters" not in event


def test_headers_are_lower_cased_and_cookies_set_apart():
    headers = [("Cookie", "session=abc; consentement=refuse ;vide="), ("Accept-Language", "fr-FR, en;q=0.5"),
               ("X-Custom", "un,deux")]
    event = environ_to_event(make_environ("GET", "/offres/recherche", headers=headers), GET_ROUTE, {})
    assert event["cookies"] == ["session=abc", "consentement=refuse", "vide="]
    assert "cookie" not in event["headers"]
    assert event["headers"]["accept-language"] == "fr-FR, en;q=0.5"
    assert event["headers"]["x-custom"] == "un,deux"  # already comma-joined by the WSGI server
    assert event["headers"]["host"] == "127.0.0.1:8000"
    assert event["headers"]["x-forwarded-for"] == "127.0.0.1"
    assert event["headers"]["x-forwarded-proto"] == "http"
    assert all(name == name.lower() for name in event["headers"])


def test_path_parameters_and_decoded_path():
    event = environ_to_event(make_environ("POST", "/compte/étape 2"), ROUTE, {"etape": "étape 2"})
    assert event["rawPath"] == event["requestContext"]["http"]["path"] == "/compte/étape 2"
    assert event["pathParameters"] == {"etape": "étape 2"}
    assert event["routeKey"] == "POST /compte/{etape}"


def test_utf8_form_body_is_base64_like_api_gateway():
    form = b"prenom=H%C3%A9l%C3%A8ne&nom=Dupont+Martin"
    event = post("application/x-www-form-urlencoded", form)
    # HTTP APIs base64-encode form bodies (only text/* and JSON/XML/JS arrive as text).
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == form
    assert event["headers"]["content-length"] == str(len(form))


def test_text_and_json_bodies_stay_text():
    event = post("text/plain; charset=utf-8", "Hélène écrit".encode())
    assert (event["body"], event["isBase64Encoded"]) == ("Hélène écrit", False)
    payload = json.dumps({"métier": "M1607"}, ensure_ascii=False)
    event = post("application/json", payload.encode())
    assert (event["body"], event["isBase64Encoded"]) == (payload, False)


def test_invalid_utf8_text_body_is_base64():
    raw = b'{"nom": "\xe9t\xe9"}'  # latin-1, not UTF-8
    event = post("application/json", raw)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == raw


@pytest.mark.parametrize("content_type", ["multipart/form-data; boundary=XyZ", "application/pdf", None])
def test_multipart_binary_and_untyped_bodies_are_base64(content_type):
    raw = (b"--XyZ\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n\r\n"
           b"%PDF-\x00\xff\r\n--XyZ--\r\n")
    event = post(content_type, raw)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == raw


def test_read_body_enforces_lambda_limit():
    with pytest.raises(PayloadTooLargeError):
        read_body(make_environ("POST", "/x", body=b"x" * 11), limit=10)
    assert read_body(make_environ("POST", "/x", body=b"x" * 10), limit=10) == b"x" * 10
    # Without Content-Length (chunked upload) the limit still holds.
    with pytest.raises(PayloadTooLargeError):
        read_body(make_environ("POST", "/x", body=b"x" * 11, chunked=True), limit=10)
    environ = make_environ("POST", "/x", headers=[("Content-Length", str(PAYLOAD_LIMIT + 1))])
    with pytest.raises(PayloadTooLargeError):
        read_body(environ)


def _shape(value):
    """Keys and JSON types, recursively, for dicts; the type name otherwise."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    return type(value).__name__


def _assert_same_shape(generated, sample, where="event"):
    for key, value in generated.items():
        assert key in sample, f"{where}.{key} is not in AWS's event"
        if isinstance(sample[key], dict) and key not in ("headers", "queryStringParameters", "pathParameters"):
            assert isinstance(value, dict), f"{where}.{key}"
            _assert_same_shape(value, sample[key], f"{where}.{key}")
        else:
            assert type(value) is type(sample[key]), f"{where}.{key}: {type(value)} vs {type(sample[key])}"


@pytest.mark.parametrize("sample_name", ["http-api-proxy.json", "http-api-form-post.json"])
def test_generated_event_has_the_shape_of_real_events(sample_name):
    sample = json.loads((EVENTS / sample_name).read_text(encoding="utf-8"))
    environ = make_environ("POST", "/compte/creation", "retour=%2Fmon-espace",
                           headers=[("Cookie", "session=1"), ("Content-Type", "application/x-www-form-urlencoded")],
                           body=b"nom=Dupont")
    event = environ_to_event(environ, ROUTE, {"etape": "creation"})
    _assert_same_shape(event, sample)
    # Everything AWS always sends is there (auth, mTLS and stage variables are not used here).
    optional = {"stageVariables", "cookies", "queryStringParameters", "pathParameters", "body"}
    assert set(sample) - optional <= set(event)
    assert set(sample["requestContext"]) - {"authentication", "authorizer"} == set(event["requestContext"])
    assert set(sample["requestContext"]["http"]) == set(event["requestContext"]["http"])
    for values in (event["headers"], event["queryStringParameters"], event["pathParameters"]):
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in values.items())
    assert all(isinstance(cookie, str) for cookie in event["cookies"])


def test_powertools_reads_the_event():
    """The handlers' framework sees the request the client sent."""
    from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

    app = APIGatewayHttpResolver()
    seen = {}

    @app.post("/compte/<etape>")
    def step(etape: str):
        event = app.current_event
        seen.update(etape=etape, cookies=event.cookies, body=event.decoded_body,
                    query=event.query_string_parameters, method=event.request_context.http.method)
        return {"ok": True}

    environ = make_environ("POST", "/compte/creation", "retour=%2Fmon-espace",
                           headers=[("Cookie", "session=1; theme=clair"),
                                    ("Content-Type", "application/x-www-form-urlencoded")],
                           body=b"nom=H%C3%A9l%C3%A8ne")
    response = app.resolve(environ_to_event(environ, ROUTE, {"etape": "creation"}), None)
    assert response["statusCode"] == 200
    assert seen == {"etape": "creation", "cookies": ["session=1", "theme=clair"], "body": "nom=H%C3%A9l%C3%A8ne",
                    "query": {"retour": "/mon-espace"}, "method": "POST"}


# -- handler result → response ---------------------------------------------------------

def test_full_response_with_cookies_and_headers():
    status, headers, body = response_to_wsgi({
        "statusCode": 303,
        "headers": {"Location": "/mon-espace", "Cache-Control": "no-store", "X-Count": 3},
        "multiValueHeaders": {"Link": ["</a.css>; rel=preload", "</b.css>; rel=preload"]},
        "cookies": ["session=abc; Path=/; HttpOnly; SameSite=Lax", "retour=; Max-Age=0; Path=/"],
        "body": "",
    })
    assert status == "303 See Other"
    assert [v for k, v in headers if k == "Set-Cookie"] == [
        "session=abc; Path=/; HttpOnly; SameSite=Lax", "retour=; Max-Age=0; Path=/"]
    assert [v for k, v in headers if k == "Link"] == ["</a.css>; rel=preload", "</b.css>; rel=preload"]
    assert ("Location", "/mon-espace") in headers and ("X-Count", "3") in headers
    # HTTP APIs label a response without Content-Type as UTF-8 text.
    assert ("Content-Type", "text/plain; charset=utf-8") in headers
    assert body == b""


def test_text_and_base64_bodies():
    status, headers, body = response_to_wsgi(
        {"statusCode": 200, "headers": {"content-type": "text/html; charset=utf-8"}, "body": "<p>Été</p>"})
    assert (status, body) == ("200 OK", "<p>Été</p>".encode())
    assert headers == [("content-type", "text/html; charset=utf-8")]
    pdf = b"%PDF-1.7\x00\xff\xfe"
    _, _, body = response_to_wsgi({"statusCode": 200, "isBase64Encoded": True,
                                   "headers": {"Content-Type": "application/pdf"},
                                   "body": base64.b64encode(pdf).decode()})
    assert body == pdf


@pytest.mark.parametrize(("result", "body"), [
    ("Bonjour", b"Bonjour"),
    ({"message": "Été"}, '{"message": "Été"}'.encode()),
    ([1, 2], b"[1, 2]"),
])
def test_shortcut_results_are_json_200(result, body):
    assert response_to_wsgi(result) == ("200 OK", [("Content-Type", "application/json")], body)


def test_hop_by_hop_headers_are_dropped():
    _, headers, _ = response_to_wsgi({"statusCode": 200, "headers": {
        "Connection": "close", "Transfer-Encoding": "chunked", "Content-Length": "99", "Content-Type": "text/plain"}})
    assert headers == [("Content-Type", "text/plain")]


@pytest.mark.parametrize("result", [
    {"statusCode": "abc"},
    {"statusCode": 42},
    {"statusCode": True},
    {"statusCode": 200, "body": {"not": "a string"}},
    {"statusCode": 200, "isBase64Encoded": True, "body": "pas du base64 !"},
    {"statusCode": 200, "headers": {"X-Bad": "a\r\nSet-Cookie: injected=1"}},
    {"statusCode": 200, "headers": {"Bad Name": "x"}},
    {"statusCode": 200, "headers": {"X-List": ["a"]}},
])
def test_invalid_responses_are_refused(result):
    with pytest.raises(InvalidResponseError):
        response_to_wsgi(result)

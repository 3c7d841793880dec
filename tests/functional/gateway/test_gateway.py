"""The local gateway behind a real waitress server on 127.0.0.1, driven over real HTTP."""

from __future__ import annotations

import base64
import http.client
import json
import logging
import os

import pytest

from espace.gateway.app import GatewayApp
from espace.web.security_headers import security_headers
from tests.functional.gateway.conftest import SECRET
from tests.serving import serving


@pytest.fixture(scope="module")
def port(site) -> int:
    with serving(GatewayApp(site, site.parent / "template.yaml")) as effective_port:
        yield effective_port


def fetch(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.msg, response.read()
    finally:
        connection.close()


def echo(port, method, path, body=None, headers=None):
    status, msg, data = fetch(port, method, path, body, headers)
    assert status == 200, data[:500]
    return json.loads(data), msg


def assert_security_headers(msg):
    for name, value in security_headers(secure=False).items():
        assert msg.get_all(name) == [value], name


# -- static files ----------------------------------------------------------------------

@pytest.mark.parametrize(("path", "content_type"), [
    ("/theme/css/site.css", "text/css; charset=utf-8"),
    ("/index.html", "text/html; charset=utf-8"),
    ("/logo.svg", "image/svg+xml; charset=utf-8"),
    ("/image.png", "image/png"),
])
def test_static_files_with_type_and_security_headers(port, site, path, content_type):
    status, msg, body = fetch(port, "GET", path)
    assert status == 200
    assert msg["Content-Type"] == content_type
    assert body == (site / path.lstrip("/")).read_bytes()
    assert msg["Server"] == "espace-candidat"
    assert msg["ETag"]
    assert_security_headers(msg)


def test_directory_index_and_redirect(port):
    status, msg, body = fetch(port, "GET", "/")
    assert status == 200 and "Accueil – été".encode() in body
    status, msg, _ = fetch(port, "GET", "/sub?retour=1")
    assert status == 301 and msg["Location"] == "/sub/?retour=1"
    assert_security_headers(msg)
    status, _, body = fetch(port, "GET", "/sub/")
    assert status == 200 and body == b"<h1>Sous-dossier</h1>"


@pytest.mark.parametrize("path", [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/sub/%2E%2E/%2e%2e/secret.txt",
    "/sub/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/sub%5c..%5c..%5csecret.txt",
    "/index.html%00.css",
    "/lien-secret.txt",
    "/lien-dossier/secret.txt",
    "/.%2e/secret.txt",
])
def test_path_traversal_is_refused(port, path):
    status, msg, body = fetch(port, "GET", path)
    assert status in (400, 404)
    assert SECRET not in body
    assert_security_headers(msg)


def test_missing_file_is_the_sites_404_page(port):
    status, msg, body = fetch(port, "GET", "/nulle-part.html")
    assert status == 404
    assert body == b"<h1>Page introuvable (site)</h1>"
    assert msg["Content-Type"] == "text/html; charset=utf-8"
    assert_security_headers(msg)


def test_etag_revalidation_gives_304(port):
    _, msg, _ = fetch(port, "GET", "/theme/css/site.css")
    status, msg304, body = fetch(port, "GET", "/theme/css/site.css", headers={"If-None-Match": msg["ETag"]})
    assert (status, body) == (304, b"")
    assert msg304["ETag"] == msg["ETag"]
    assert_security_headers(msg304)
    status, _, _ = fetch(port, "GET", "/theme/css/site.css", headers={"If-None-Match": '"autre"'})
    assert status == 200


def test_head_has_headers_without_body(port, site):
    status, msg, body = fetch(port, "HEAD", "/index.html")
    assert status == 200 and body == b""
    assert int(msg["Content-Length"]) == (site / "index.html").stat().st_size


def test_static_files_only_accept_get_and_head(port):
    status, msg, body = fetch(port, "POST", "/index.html", body=b"x")
    assert status == 405 and msg["Allow"] == "GET, HEAD"
    assert "Méthode non autorisée".encode() in body


# -- routed requests -------------------------------------------------------------------

def test_routed_get_sees_query_cookies_and_path_parameters(port):
    reply, msg = echo(port, "GET", "/echo/H%C3%A9l%C3%A8ne?q=un&q=deux&lieu=%C3%89vry+Courcouronnes&vide=",
                      headers={"Cookie": "session=abc; theme=clair", "User-Agent": "test-gateway"})
    event = reply["event"]
    assert event["routeKey"] == "GET /echo/{name}"
    assert event["rawPath"] == "/echo/Hélène"
    assert event["pathParameters"] == {"name": "Hélène"}
    assert event["rawQueryString"] == "q=un&q=deux&lieu=%C3%89vry+Courcouronnes&vide="
    assert event["queryStringParameters"] == {"q": "un,deux", "lieu": "Évry Courcouronnes", "vide": ""}
    assert event["cookies"] == ["session=abc", "theme=clair"]
    assert "cookie" not in event["headers"]
    assert event["requestContext"]["http"]["userAgent"] == "test-gateway"
    assert event["requestContext"]["http"]["sourceIp"] == "127.0.0.1"
    assert event["requestContext"]["apiId"] == "httpapi"
    assert "body" not in event
    context = reply["context"]
    assert context["function_name"] == "EchoFunction"
    assert context["memory_limit_in_mb"] == 512
    assert context["log_group_name"] == "/aws/lambda/EchoFunction"
    assert context["invoked_function_arn"].endswith(":function:EchoFunction")
    assert 0 < context["remaining_ms"] <= 5000
    assert msg["Apigw-Requestid"] == event["requestContext"]["requestId"]
    assert_security_headers(msg)


def test_two_cookies_give_two_set_cookie_headers(port):
    _, msg = echo(port, "GET", "/echo/x")
    assert msg.get_all("Set-Cookie") == ["echo=1; Path=/; HttpOnly; SameSite=Lax", "second=deux; Path=/"]


def test_headers_set_by_the_handler_win(port):
    _, msg = echo(port, "GET", "/echo/x?remplacer=X-Frame-Options")
    assert msg.get_all("X-Frame-Options") == ["valeur-du-handler"]
    assert msg["Content-Security-Policy"] == security_headers(secure=False)["Content-Security-Policy"]


def test_post_form_body(port):
    form = "prenom=H%C3%A9l%C3%A8ne&nom=Dupont+Martin"
    reply, _ = echo(port, "POST", "/echo/formulaire", body=form.encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    event = reply["event"]
    assert event["requestContext"]["http"]["method"] == "POST"
    assert event["headers"]["content-type"] == "application/x-www-form-urlencoded"
    # Like API Gateway: a form arrives base64-encoded, its bytes untouched.
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]).decode() == form


def test_post_json_body_stays_text(port):
    payload = json.dumps({"métier": "Boulanger"}, ensure_ascii=False)
    reply, _ = echo(port, "POST", "/echo/json", body=payload.encode(), headers={"Content-Type": "application/json"})
    assert (reply["event"]["body"], reply["event"]["isBase64Encoded"]) == (payload, False)


def test_multipart_binary_body_round_trip(port):
    data = bytes(range(256)) * 64
    body = (b"--frontiere\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\n"
            b"Content-Type: application/pdf\r\n\r\n" + data + b"\r\n--frontiere--\r\n")
    status, msg, reply = fetch(port, "POST", "/echo/binaire", body=body,
                               headers={"Content-Type": "multipart/form-data; boundary=frontiere"})
    assert status == 200
    assert msg["Content-Type"] == "application/octet-stream"
    assert reply == body


def test_greedy_route_with_any_method(port):
    reply, _ = echo(port, "DELETE", "/fichiers/cv/2024/mon%20cv.pdf")
    assert reply["event"]["routeKey"] == "ANY /fichiers/{proxy+}"
    assert reply["event"]["pathParameters"] == {"proxy": "cv/2024/mon cv.pdf"}


def test_shortcut_response(port):
    status, msg, body = fetch(port, "GET", "/echo/raccourci")
    assert status == 200 and msg["Content-Type"] == "application/json"
    assert json.loads(body) == {"message": "réponse sans statusCode"}


def test_wrong_method_on_a_route_is_405_with_allow(port):
    status, msg, body = fetch(port, "PUT", "/echo/x", body=b"")
    assert status == 405
    assert msg["Allow"] == "GET, HEAD, POST"
    assert "Méthode non autorisée".encode() in body
    assert msg["Content-Type"] == "text/html; charset=utf-8"
    assert_security_headers(msg)


def test_body_over_6_mb_is_413(port):
    status, msg, body = fetch(port, "POST", "/echo/x", body=b"a" * (6 * 1024 * 1024 + 1),
                              headers={"Content-Type": "text/plain"})
    assert status == 413
    assert b"Envoi trop volumineux" in body
    assert_security_headers(msg)


def test_binary_body_too_large_once_base64_encoded_is_413(port):
    # 5 MB of binary becomes ~6.7 MB of base64 in the event: Lambda would refuse it.
    status, _, _ = fetch(port, "POST", "/echo/x", body=os.urandom(5 * 1024 * 1024),
                         headers={"Content-Type": "application/octet-stream"})
    assert status == 413


def test_crashing_handler_is_502_and_the_server_lives_on(port, caplog):
    caplog.set_level(logging.INFO, logger="espace.gateway")
    status, msg, body = fetch(port, "GET", "/panne")
    assert status == 502
    assert "Le service est momentanément indisponible".encode() in body
    assert_security_headers(msg)
    assert "RuntimeError: panne volontaire" in caplog.text  # logged with its traceback
    assert fetch(port, "GET", "/index.html")[0] == 200


def test_one_log_line_per_request(port, caplog):
    caplog.set_level(logging.INFO, logger="espace.gateway")
    fetch(port, "GET", "/theme/css/site.css")
    lines = [r.getMessage() for r in caplog.records if r.name == "espace.gateway"]
    assert len(lines) == 1
    method, path, status, ms, unit = lines[0].split(" ")
    assert (method, path, status, unit) == ("GET", "/theme/css/site.css", "200", "ms")
    float(ms)


def test_log_lines_cannot_be_forged(port, caplog):
    caplog.set_level(logging.INFO, logger="espace.gateway")
    fetch(port, "GET", "/a%0AGET%20/faux%20200")
    [line] = [r.getMessage() for r in caplog.records if r.name == "espace.gateway"]
    assert "\n" not in line and "\\n" in line

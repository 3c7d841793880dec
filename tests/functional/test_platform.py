"""The handler platform: bad input is a clear 4xx, errors are pages, headers everywhere."""

import pytest

from tests.functional.client import LambdaContext


@pytest.mark.parametrize("path", ["/connexion", "/compte/creation", "/compte/mot-de-passe-oublie"])
def test_malformed_bodies_are_400_with_a_message(platform, path):
    client = platform.client()
    cases = [
        dict(body=b"\xff\xfe\x00identifiant=x", content_type="application/x-www-form-urlencoded"),
        dict(body="identifiant=%E9t%E9", content_type="application/x-www-form-urlencoded"),  # Latin-1 escapes
        dict(body='{"identifiant": "x"}', content_type="application/json"),
        dict(body="--x\r\n", content_type="multipart/form-data"),  # no boundary
        dict(body="a=1", content_type=None),
    ]
    for case in cases:
        response = client.request("POST", path, **case)
        assert 400 <= response.status < 500, (case, response.status)
        assert ("<h1>" in response.body and "Requête incorrecte" in response.body) or response.status == 413
    # Well-formed bodies with fields the form does not have, or twice the same field: the
    # form reads what it knows (the first value), the visitor gets the form back, no 500.
    token = client.csrf_token(path)
    # A value past the kit's cap (5,000 characters) is cut: the form's own rule answers.
    for body in (f"champ_inconnu=1&csrf={token}", f"identifiant=a&identifiant=b&csrf={token}",
                 f"identifiant={'x' * 6000}&csrf={token}"):
        response = client.request("POST", path, body=body, content_type="application/x-www-form-urlencoded")
        assert response.status == 400 and response.error_summary(), (body, response.status)


def test_invalid_base64_body(platform):
    client = platform.client()
    event = {"version": "2.0", "routeKey": "$default", "rawPath": "/connexion", "rawQueryString": "",
             "headers": {"content-type": "application/x-www-form-urlencoded"}, "body": "%%% pas du base64 %%%",
             "isBase64Encoded": True,
             "requestContext": {"http": {"method": "POST", "path": "/connexion", "protocol": "HTTP/1.1",
                                         "sourceIp": "192.0.2.9", "userAgent": "t"}, "requestId": "x",
                                "routeKey": "$default", "stage": "$default"}}
    response = client.handler(event, LambdaContext())
    assert response["statusCode"] == 400 and "illisible" in response["body"]


def test_unknown_route_is_a_themed_404(platform):
    page = platform.client().get("/compte/inexistant")
    assert page.status == 404 and "Page introuvable" in page.text()
    api = platform.client().get("/api/inexistant")
    assert api.status == 404 and api.json()["code"] == 404


def test_security_headers_on_every_response(platform):
    client = platform.client()
    for response in (client.get("/connexion"), client.get("/inexistant"), client.get("/api/sante"),
                     client.post("/connexion", {}, csrf=False)):
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"]
    # HSTS is the AWS profile's (HTTPS) business only.
    assert ("Strict-Transport-Security" in client.get("/connexion").headers) == (platform.profile == "aws")


def test_health_and_openapi(platform):
    client = platform.client()
    assert client.get("/api/sante").json() == {"status": "ok", "profile": platform.profile}
    document = client.get("/api/openapi.json").json()
    assert "/api/sante" in document["paths"] and document["openapi"].startswith("3.")

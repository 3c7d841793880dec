"""The project's own template and handlers behind the gateway, over loopback: what `make run`
serves. HEAD on every GET route, the France Travail API's 404 shape, and the security headers on
static and dynamic answers alike."""

from __future__ import annotations

import http.client
import json
import re

import pytest

from espace.gateway.app import GatewayApp
from espace.gateway.routes import load_routes
from espace.web.security_headers import PERMISSIONS_POLICY, security_headers
from tests.caches import environment
from tests.functional.gateway.conftest import ROOT
from tests.serving import serving

TEMPLATE = ROOT / "infra" / "template.yaml"
GET_ROUTES = sorted({route.path for route in load_routes(TEMPLATE) if route.method == "GET"})


@pytest.fixture(scope="module")
def port(site, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    variables = {"ESPACE_PROFILE": "embedded", "ESPACE_RECORDS_URL": f"sqlite:///{var}/app.db",
                 "ESPACE_FILES_URL": f"file://{var}/files", "ESPACE_MAIL_URL": f"outbox://{var}/outbox",
                 "ESPACE_SEARCH_URL": f"sqlite:///{var}/offers.db",
                 "ESPACE_NAVIGATION_FILE": str(site / "absent.json"),
                 "ESPACE_SEARCH_INDEX_FILE": str(site / "absent.json"), "POWERTOOLS_LOG_LEVEL": "ERROR"}
    with environment(variables), serving(GatewayApp(site, TEMPLATE)) as effective_port:
        yield effective_port


def fetch(port: int, method: str, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.msg, response.read()
    finally:
        connection.close()


def sample(path: str) -> str:
    # A value for each path parameter that the handlers read as absent or malformed: the status
    # may be 200, 400 or 404, what matters is that HEAD gets the very same one.
    return re.sub(r"\{[^}/]+\}", "ZZZ9999", path)


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_like_get_without_a_body(port, path):
    get_status, get_headers, get_body = fetch(port, "GET", sample(path))
    head_status, head_headers, head_body = fetch(port, "HEAD", sample(path))
    assert head_status == get_status != 405
    assert head_body == b""
    assert get_body or get_status in (204, 303, 304)
    for name in ("Content-Type", "Location", "Cache-Control", "Content-Range"):
        assert head_headers[name] == get_headers[name], name
    for name, value in security_headers(secure=False).items():
        assert head_headers[name] == value, name


def test_head_on_a_static_page_keeps_its_length(port, site):
    status, headers, body = fetch(port, "HEAD", "/index.html")
    assert (status, body) == (200, b"")
    assert int(headers["Content-Length"]) == (site / "index.html").stat().st_size


def france_travail_404(status: int, content_type: str, body: bytes | str) -> bool:
    document = json.loads(body)
    return (status, content_type) == (404, "application/json") and set(document) == {"codeHttp", "message"} \
        and document["codeHttp"] == 404 and bool(document["message"])


def test_api_404s_have_the_france_travail_shape(port):
    # An id the route takes but the offer handler's router does not: its not_found answers.
    status, headers, body = fetch(port, "GET", "/api/offresdemploi/v2/offres/%22x%22")
    assert france_travail_404(status, headers["Content-Type"], body), body
    status, headers, body = fetch(port, "GET", "/partenaire/offresdemploi/v2/offres/%22x%22")  # the real prefix
    assert france_travail_404(status, headers["Content-Type"], body), body
    status, _, body = fetch(port, "GET", "/api/offresdemploi/v2/offres/ZZZ9999")  # no such offer: the real 204
    assert (status, body) == (204, b"")


@pytest.mark.parametrize("path", ["/api/offresdemploi/v2/inconnu", "/api/offresdemploi/v1/offres/search",
                                  "/api/offresdemploi/", "/partenaire/offresdemploi/v2/inconnu"])
def test_unrouted_api_paths_have_the_france_travail_shape_in_the_handler(port, path):
    # Deployed, "HEAD /api/offresdemploi/{proxy+}" brings any such path to the handler.
    from espace.handlers.offers import handler
    from tests.functional.client import Client

    result = Client(handler).get(path, headers={"accept": "application/json"})
    assert france_travail_404(result.status, result.headers["Content-Type"], result.body), result.body


def test_site_404s_keep_the_site_shape(port):
    from espace.handlers.accounts import handler
    from tests.functional.client import Client

    result = Client(handler).get("/api/inconnu")
    assert result.status == 404 and result.json()["code"] == 404


@pytest.mark.parametrize("path", ["/index.html", "/nulle-part", "/connexion", "/api/sante"])
def test_permissions_policy_on_static_and_dynamic_answers(port, path):
    _, headers, _ = fetch(port, "GET", path)
    assert headers.get_all("Permissions-Policy") == [PERMISSIONS_POLICY]


def test_handlers_send_the_permissions_policy_themselves(port):
    # On the API's own address there is no CloudFront to add it.
    from espace.handlers.accounts import handler
    from tests.functional.client import Client

    for path in ("/connexion", "/api/sante", "/inexistant"):
        assert Client(handler).get(path).headers["Permissions-Policy"] == PERMISSIONS_POLICY, path

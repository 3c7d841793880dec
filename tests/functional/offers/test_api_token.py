"""The OAuth2 client-credentials token endpoint of the "Offres d'emploi v2" API, and the API's
reading of ``Authorization`` (espace.offers.api_token)."""

from __future__ import annotations

import base64
import time
from urllib.parse import urlencode

import pytest

TOKEN = "/connexion/oauth2/access_token?realm=/partenaire"
FORM = {"grant_type": "client_credentials", "client_id": "PAR_monappli_0123", "client_secret": "s3cret",
        "scope": "api_offresdemploiv2 o2dsoffre"}
SEARCH = "/partenaire/offresdemploi/v2/offres/search"


@pytest.fixture(scope="module")
def client(empty_api_client):
    return empty_api_client


def post_token(client, fields: dict, path: str = TOKEN, headers: dict | None = None):
    return client.request("POST", path, body=urlencode(fields),
                          headers={"content-type": "application/x-www-form-urlencoded", **(headers or {})})


def bearer(token: str) -> dict:
    return {"authorization": f"Bearer {token}"}


def test_client_credentials_get_a_token_in_the_real_shape(client):
    result = post_token(client, FORM)
    assert result.status == 200
    assert (result.headers["Cache-Control"], result.headers["Pragma"]) == ("no-store", "no-cache")
    body = result.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert (body["token_type"], body["expires_in"], body["scope"]) == ("Bearer", 1499, FORM["scope"])
    assert client.get(SEARCH, headers=bearer(body["access_token"])).status in (200, 204, 206)
    assert post_token(client, FORM).json()["access_token"] != body["access_token"]  # each token its own


def test_credentials_in_a_basic_header_and_the_default_scope(client):
    # RFC 6749 §2.3.1: OAuth libraries send the client's credentials this way by default.
    basic = base64.b64encode(b"PAR_monappli_0123:s3cret").decode()
    result = post_token(client, {"grant_type": "client_credentials"}, headers={"authorization": f"Basic {basic}"})
    assert result.status == 200
    assert result.json()["scope"] == "api_offresdemploiv2 o2dsoffre"
    with_application = post_token(client, {**FORM, "scope": "application_PAR_monappli_0123 api_offresdemploiv2"})
    assert with_application.json()["scope"] == "application_PAR_monappli_0123 api_offresdemploiv2"


def test_a_form_from_another_site_needs_no_csrf_token(client):
    # No cookie, no session: the client credentials are the proof (the route is CSRF-exempt).
    result = post_token(client, FORM, headers={"origin": "https://autre.example"})
    assert result.status == 200


@pytest.mark.parametrize(("fields", "path", "error"), [
    ({**FORM, "client_secret": ""}, TOKEN, "invalid_client"),
    ({key: value for key, value in FORM.items() if key != "client_id"}, TOKEN, "invalid_client"),
    ({**FORM, "grant_type": "password"}, TOKEN, "unsupported_grant_type"),
    ({key: value for key, value in FORM.items() if key != "grant_type"}, TOKEN, "unsupported_grant_type"),
    ({**FORM, "scope": "api_offresdemploiv2 api_labonneboitev1"}, TOKEN, "invalid_scope"),
    (FORM, "/connexion/oauth2/access_token?realm=/individu", "invalid_request"),
    (FORM, "/connexion/oauth2/access_token", "invalid_request"),
])
def test_refusals_in_the_oauth_shape(client, fields, path, error):
    result = post_token(client, fields, path)
    assert result.status == 400
    assert result.headers["Cache-Control"] == "no-store"
    assert result.json()["error"] == error and result.json()["error_description"]


def test_an_unreadable_body_is_an_oauth_invalid_request(client):
    result = client.request("POST", TOKEN, body='{"grant_type": "client_credentials"}',
                            headers={"content-type": "application/json"})
    assert (result.status, result.json()["error"]) == (400, "invalid_request")


def test_the_api_answers_without_a_token(client):
    for headers in ({}, {"authorization": "Bearer "}):  # the real document's default header value
        assert client.get(SEARCH, headers=headers).status in (200, 204, 206)
        assert client.get("/partenaire/offresdemploi/v2/referentiel/regions", headers=headers).status == 200


@pytest.mark.parametrize("path", [SEARCH, "/api/offresdemploi/v2/offres/ZZZ9999",
                                  "/partenaire/offresdemploi/v2/referentiel/pays"])
def test_a_bad_token_is_a_401_as_on_the_real_api(client, path):
    from espace.offers import api_token

    valid = post_token(client, FORM).json()["access_token"]
    expires, nonce, mac = valid.split(".")
    expired = api_token.issue(now=time.time() - api_token.EXPIRES_IN - 1)
    forged = f"{expires}.{nonce}.{mac[::-1]}"
    extended = f"{int(expires) + 60}.{nonce}.{mac}"  # a later expiry under the same signature
    for headers in (bearer(expired), bearer(forged), bearer(extended), bearer("pas-un-jeton"),
                    {"authorization": "Basic UEFSOnNlY3JldA=="}):
        result = client.get(path, headers=headers)
        assert result.status == 401, headers
        assert result.headers["WWW-Authenticate"] == 'Bearer realm="/partenaire", error="invalid_token"'
        assert result.json()["codeHttp"] == 401 and "Authorization" in result.json()["message"]
    assert client.get(path, headers=bearer(valid)).status in (200, 204)


def test_only_the_api_reads_the_authorization_header(client):
    # The check is on the API's routes only: a page of the site, or the token endpoint itself, is
    # not refused for a header meant for something else (Powertools would make a router's
    # middleware the whole application's).
    assert client.get("/offres/recherche?motsCles=ma%C3%A7on", headers=bearer("pas-un-jeton")).status != 401
    assert post_token(client, FORM, headers=bearer("pas-un-jeton")).status == 200

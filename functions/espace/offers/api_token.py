"""OAuth2 client credentials for the "Offres d'emploi v2" API, as France Travail's authentication
server issues them, so that a client written for the real API needs only its host changed.

- POST /connexion/oauth2/access_token?realm=/partenaire, a form with grant_type=client_credentials,
  client_id, client_secret and scope (the credentials may come in an HTTP Basic header instead,
  RFC 6749 §2.3.1, as OAuth libraries send them by default). 200
  {"access_token", "token_type": "Bearer", "expires_in": 1499, "scope"} as the real server;
  400 {"error", "error_description"} for a wrong realm, grant type, scope or missing credentials.
- Which clients: the offers are public, so there is no client to register. Any client_id with a
  non-empty client_secret gets a token; the secret is not checked against anything and must not
  be a real France Travail secret (nothing is stored or logged). Scopes: those of the real API,
  api_offresdemploiv2 and o2dsoffre, and application_<client id> that older clients send; no
  scope means both.
- Tokens: ``{expires}.{nonce}.{mac}``, an HMAC under the site's signing key
  (espace.web.signing), valid EXPIRES_IN seconds; nothing is stored, so a token cannot be revoked
  before it expires (it opens nothing that is not public anyway).
- The API (espace.offers.api, api_referentiel) answers without a token, the data being public.
  With an ``Authorization: Bearer`` token it checks it as the real API would: an expired,
  forged or malformed token is a 401 (``WWW-Authenticate: Bearer error="invalid_token"``), so a
  client's token renewal is exercised here as it will be against France Travail, instead of
  hiding a bug that production would reveal. ``Bearer`` with nothing after it (the real
  document's default header value) counts as no token.

The token route is a form POST without cookies: it is exempt from the site's CSRF check, the
client credentials in the body being what a CSRF token would prove (and it changes nothing).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.web.csrf import csrf_exempt
from espace.web.errors import HttpError
from espace.web.request import Request
from espace.web.signing import sign, signing_key, verify

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]  # Powertools leaves __init__ untyped
PATH = "/connexion/oauth2/access_token"
REALM = "/partenaire"
EXPIRES_IN = 1499  # seconds, as the real server
SCOPES = ("api_offresdemploiv2", "o2dsoffre")
PURPOSE = "offres-api-token"
_APPLICATION_SCOPE = re.compile(r"^application_[A-Za-z0-9_.-]{1,200}$")
_TOKEN = re.compile(r"^([0-9]{1,12})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{16,64})$")
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}  # RFC 6749 §5.1


class OAuthError(Exception):
    def __init__(self, error: str, description: str):
        super().__init__(description)
        self.error, self.description = error, description


def _key() -> bytes:
    from espace.bootstrap import get_services
    from espace.settings import get_settings

    return signing_key(get_services().records, get_settings().secret_key)  # type: ignore[arg-type]  # by identity


def issue(now: float | None = None, key: bytes | None = None) -> str:
    expires = str(int(time.time() if now is None else now) + EXPIRES_IN)
    nonce = secrets.token_urlsafe(16)
    return f"{expires}.{nonce}.{sign(key or _key(), PURPOSE, expires, nonce)}"


def valid(token: str, now: float | None = None, key: bytes | None = None) -> bool:
    found = _TOKEN.fullmatch(token)
    if found is None:
        return False
    expires, nonce, mac = found.groups()
    if int(expires) <= (time.time() if now is None else now):
        return False
    return verify(key or _key(), mac, PURPOSE, expires, nonce)


def _json(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> Response[str]:
    return Response(status_code=status, content_type="application/json",
                    body=json.dumps(payload, ensure_ascii=False), headers={**NO_STORE, **(headers or {})})


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or header[:6].lower() != "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError) as error:
        raise OAuthError("invalid_client", "En-tête Authorization Basic illisible.") from error
    client_id, separator, secret = decoded.partition(":")
    if not separator:
        raise OAuthError("invalid_client", "En-tête Authorization Basic illisible.")
    return client_id, secret


def _granted_scope(requested: str) -> str:
    scopes = requested.split()
    if not scopes:
        return " ".join(SCOPES)
    unknown = [s for s in scopes if s not in SCOPES and not _APPLICATION_SCOPE.match(s)]
    if unknown:
        raise OAuthError("invalid_scope", f"Scope(s) inconnu(s) : [{', '.join(s[:40] for s in unknown[:5])}]. "
                                          f"Scopes de cette API : {' '.join(SCOPES)}.")
    return " ".join(dict.fromkeys(scopes))


def grant(realm: str | None, form: Callable[[str], str], authorization: str | None) -> dict[str, Any]:
    """The token response for a request, or OAuthError."""
    if realm != REALM:
        raise OAuthError("invalid_request", f"Le paramètre realm doit valoir {REALM} (dans l'adresse).")
    if form("grant_type") != "client_credentials":
        raise OAuthError("unsupported_grant_type",
                         f"Type d'autorisation non pris en charge : « {form('grant_type')[:40]} ». "
                         "Seul client_credentials l'est.")
    client_id, secret = _basic_credentials(authorization) or (form("client_id"), form("client_secret"))
    if not client_id.strip() or not secret or len(client_id) > 200:
        raise OAuthError("invalid_client", "Identifiant client (client_id) et clé secrète (client_secret) "
                                           "non vides sont nécessaires ; toute valeur convient ici.")
    scope = _granted_scope(form("scope"))
    return {"scope": scope, "expires_in": EXPIRES_IN, "token_type": "Bearer", "access_token": issue()}


@router.post(PATH, include_in_schema=False)
@csrf_exempt("OAuth2 token endpoint: no cookies, client credentials in the body")
def access_token() -> Response[str]:
    request = Request(router.current_event)
    try:
        form = request.form_data()
        return _json(200, grant(request.query("realm", "") or None, form.get, request.header("authorization")))
    except OAuthError as error:
        return _json(400, {"error": error.error, "error_description": error.description})
    except HttpError as error:  # an unreadable or oversized body
        return _json(400, {"error": "invalid_request", "error_description": error.message})


def unauthorized(message: str) -> Response[str]:
    return _json(401, {"codeHttp": 401, "message": message},
                 {"WWW-Authenticate": f'Bearer realm="{REALM}", error="invalid_token"'})


def bearer_check(app: Any, next_middleware: Callable[[Any], Response[str]]) -> Response[str]:
    """Router middleware of the API: no token is fine (public data), a bad one is a 401."""
    header = (app.current_event.headers or {}).get("authorization", "").strip()
    if not header:
        return next_middleware(app)
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return unauthorized("Seul un jeton « Bearer » est accepté dans l'en-tête Authorization (ou aucun : "
                            "les offres sont publiques).")
    token = token.strip()
    if token and not valid(token):
        return unauthorized(f"Jeton d'accès invalide ou expiré : demandez-en un nouveau ({PATH}?realm={REALM}), "
                            "ou n'envoyez pas d'en-tête Authorization (les offres sont publiques).")
    return next_middleware(app)


# The middlewares of each API route (``@router.get(…, middlewares=ON_API_ROUTES)``): a router's
# ``use()`` would not do, Powertools makes router middlewares those of the whole application.
ON_API_ROUTES = [bearer_check]

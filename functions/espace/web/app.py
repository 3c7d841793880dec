"""The application factory every handler uses: routers, error pages, headers, logging.

One exception handler turns every error into an accessible HTML page (or JSON
for JSON routes); input a user can type or send is always a 4xx, never a 500.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.router import Router
from aws_lambda_powertools.logging import correlation_paths

from espace.ports import StoreError
from espace.settings import get_settings
from espace.web import csrf, expired
from espace.web.auth import CURRENT
from espace.web.context import Context
from espace.web.errors import ForbiddenError, HttpError, NotFoundError
from espace.web.pages import renderer_for
from espace.web.resolving import resolving
from espace.web.security_headers import security_headers

logger = Logger(service="espace-candidat")
JSON = "application/json"
# The "Offres d'emploi v2" API, under the site's prefix and France Travail's own (espace.handlers.offers).
FRANCE_TRAVAIL_API = ("/api/offresdemploi/", "/partenaire/offresdemploi/")


def wants_json(app: APIGatewayHttpResolver) -> bool:
    event = app.current_event
    path = event.raw_path or ""
    accept = (event.headers or {}).get("accept", "")
    return path.startswith(("/api/", "/partenaire/")) or path.endswith(".json") or (
        "application/json" in accept and "text/html" not in accept
    )


def error_response(app: APIGatewayHttpResolver, status: int, title: str, message: str,
                   headers: dict | None = None, extra: dict | None = None) -> Response:
    if wants_json(app):
        body = json.dumps({"code": status, "message": message}, ensure_ascii=False)
        return Response(status_code=status, content_type=JSON, body=body, headers=headers or {})
    renderer = renderer_for(get_settings())
    page = renderer.page(app.current_event.raw_path or "/", title)
    # The request's Context, kept in the app's per-request context: Powertools runs exception
    # handlers outside the middleware, where CURRENT has been reset already.
    ctx = app.context.get("espace_context")
    return renderer.render("error.html", page=page, status=status, message=message, headers=headers,
                           space_link=ctx.known_space_link() if ctx is not None else None, **(extra or {}))


CSRF_REFUSED = ("Ce formulaire a expiré ou a été envoyé depuis un autre site : rien n'a été enregistré. "
                "Revenez à la page du formulaire, rechargez-la, puis envoyez-le à nouveau.")
def request_context(app: APIGatewayHttpResolver, next_middleware: Callable) -> Response:
    """Every request: build its Context, refuse cross-site or tokenless writes, then
    write the session and cookies the route changed.

    The CSRF check is here, before any route, so that no route can forget it; a route
    opts out only with ``@csrf_exempt(reason)``."""
    ctx = Context(app.current_event)
    token = CURRENT.set(ctx)
    app.append_context(espace_context=ctx)
    try:
        if ctx.request.method not in csrf.SAFE_METHODS:
            route = app.context.get("_route")
            if not csrf.is_exempt(route.func if route is not None else None):
                if not ctx.same_site():
                    raise ForbiddenError("Cette demande vient d'un autre site : elle a été refusée et rien n'a été "
                                         "enregistré.", title="Demande refusée")
                if not ctx.csrf_ok():
                    if expired.session_ended(ctx):  # RGAA 13.1: say why, give back what was typed
                        raise ForbiddenError(expired.SESSION_ENDED, title="Formulaire expiré", context={
                            "kept": expired.kept_values(ctx), "sign_in": expired.sign_in_again(ctx)})
                    raise ForbiddenError(CSRF_REFUSED, title="Formulaire expiré")
        return ctx.finish(next_middleware(app))
    finally:
        CURRENT.reset(token)


def create_app(routers: list[tuple[Router, str | None]]) -> APIGatewayHttpResolver:
    # No Powertools validation: forms are parsed and checked by the routes themselves,
    # and leaving it off keeps pydantic out of the cold start (the OpenAPI document
    # is still generated, lazily, when /api/openapi.json is asked for).
    app = APIGatewayHttpResolver()
    app.use(middlewares=[request_context])
    for router, prefix in routers:
        app.include_router(router, prefix=prefix)

    @app.exception_handler(HttpError)
    def http_error(error: HttpError):
        return error_response(app, error.status, error.title, error.message, error.headers, error.context)

    # Powertools itself raises these on malformed bodies (non-UTF-8 base64, multipart
    # without boundary): they are the sender's fault, so 400, not 500.
    @app.exception_handler([UnicodeDecodeError, binascii.Error, json.JSONDecodeError])
    def undecodable(error: Exception):
        return error_response(app, 400, "Requête incorrecte", "Le contenu envoyé est illisible (encodage incorrect).")

    @app.exception_handler(StoreError)
    def store_unavailable(error: StoreError):
        logger.exception("storage back end failed")
        return error_response(app, 503, "Service momentanément indisponible",
                              "Le service ne peut pas répondre pour le moment. Vos données n'ont pas été "
                              "modifiées ; réessayez dans quelques minutes.", headers={"Retry-After": "60"})

    @app.exception_handler(ValueError)
    def bad_value(error: ValueError):
        # Powertools raises ValueError for multipart bodies without a boundary. Other
        # ValueErrors would be bugs: the traceback is logged so that they are not missed.
        logger.warning("request rejected: %s", error, exc_info=True)
        return error_response(app, 400, "Requête incorrecte", "La requête envoyée n'a pas pu être lue.")

    @app.not_found
    def not_found(error):
        path = app.current_event.raw_path or ""
        if path.startswith(FRANCE_TRAVAIL_API):
            # A France Travail client reads that API's shape (espace.offers.api), not the site's.
            body = json.dumps({"codeHttp": 404, "message": f"Aucune ressource de l'API Offres d'emploi v2 à "
                                                           f"l'adresse « {path[:200]} »."}, ensure_ascii=False)
            return Response(status_code=404, content_type=JSON, body=body, headers={"Cache-Control": "no-store"})
        return error_response(app, 404, NotFoundError.title,
                              "L'adresse demandée ne correspond à aucune page d'Espace candidat.")

    return app


def make_handler(app: APIGatewayHttpResolver) -> Callable:
    """The Lambda entry point: logs with the request's correlation id, and adds the
    security headers to every response (CloudFront adds them too in AWS)."""

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP, clear_state=True)
    def handler(event: dict, context) -> dict:
        # HEAD is GET without the body (RFC 9110): the same route, status and headers.
        head = event.get("requestContext", {}).get("http", {}).get("method", "").upper() == "HEAD"
        if head:
            http = {**event["requestContext"]["http"], "method": "GET"}
            event = {**event, "requestContext": {**event["requestContext"], "http": http}}
        try:
            with resolving():  # Powertools' state is shared by threads (espace.web.resolving)
                result = app.resolve(event, context)
        except Exception:  # a bug: logged with the traceback, answered with a page, not a crash
            logger.exception("unhandled error")
            result = {"statusCode": 500, "headers": {"Content-Type": "text/html; charset=utf-8"},
                      "body": "<!doctype html><html lang=fr><title>Erreur – Espace candidat</title>"
                              "<h1>Erreur</h1><p>Une erreur inattendue s'est produite. Réessayez plus tard.</p>",
                      "isBase64Encoded": False}
        headers = result.setdefault("headers", {})
        for name, value in security_headers(get_settings().secure_cookies).items():
            headers.setdefault(name, value)
        if head:
            result.update(body="", isBase64Encoded=False)
        return result

    return handler

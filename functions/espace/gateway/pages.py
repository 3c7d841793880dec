"""The gateway's own short pages (errors it answers itself), in French.

They replace API Gateway's bare JSON errors ({"message":"Not Found"}): a person browsing
the local site should read a sentence, not JSON. The title begins with the h1, like every
page of the site, and the site's stylesheet is linked when it exists.
"""

from __future__ import annotations

from html import escape
from http import HTTPStatus

Response = tuple[str, list[tuple[str, str]], bytes]

HTML = "text/html; charset=utf-8"

_PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Espace candidat</title>
<link rel="stylesheet" href="/theme/css/site.css">
</head>
<body>
<main id="contenu" class="wrap">
<h1>{title}</h1>
<p>{message}</p>
<p><a href="/">Retour à l'accueil</a></p>
</main>
</body>
</html>
"""


def page(code: int, title: str, message: str, headers: list[tuple[str, str]] | None = None) -> Response:
    body = _PAGE.format(title=escape(title), message=escape(message)).encode("utf-8")
    headers = [("Content-Type", HTML), ("Cache-Control", "no-store"), *(headers or [])]
    return f"{code} {HTTPStatus(code).phrase}", headers, body


def bad_request() -> Response:
    return page(400, "Adresse invalide", "L'adresse demandée contient des caractères non autorisés.")


def not_found() -> Response:
    return page(404, "Page introuvable", "L'adresse demandée ne correspond à aucune page d'Espace candidat.")


def method_not_allowed(allowed: list[str]) -> Response:
    return page(
        405,
        "Méthode non autorisée",
        f"Cette adresse n'accepte pas cette méthode HTTP (méthodes acceptées : {', '.join(allowed)}).",
        [("Allow", ", ".join(allowed))],
    )


def payload_too_large(limit_mb: int) -> Response:
    return page(
        413,
        "Envoi trop volumineux",
        f"Les données envoyées dépassent la taille maximale acceptée ({limit_mb} Mo). "
        "Réduisez la taille du fichier ou envoyez-le en plusieurs fois.",
    )


# What waitress itself refuses, before the gateway sees the request (GatewayErrorTask).
_PROTOCOL_ERRORS = {
    400: ("Requête incorrecte", "La requête envoyée n'est pas une requête HTTP valide."),
    408: ("Délai dépassé", "La requête n'a pas été reçue entièrement à temps. Veuillez réessayer."),
    431: ("En-têtes trop volumineux", "Les en-têtes de la requête dépassent la taille acceptée."),
    501: ("Requête non prise en charge", "Le serveur ne prend pas en charge cette forme de requête."),
}


def protocol_error(code: int) -> Response:
    title, message = _PROTOCOL_ERRORS.get(code, ("Erreur", "La requête n'a pas pu être traitée."))
    return page(code if code in _PROTOCOL_ERRORS else 400, title, message)


def bad_gateway() -> Response:
    return page(
        502,
        "Le service est momentanément indisponible",
        "Le service n'a pas pu traiter votre demande. Veuillez réessayer dans quelques instants.",
    )

"""HTTP errors raised by routes; one exception handler renders them (HTML or JSON)."""

from __future__ import annotations


class HttpError(Exception):
    status = 500
    title = "Erreur"

    def __init__(self, message: str, *, title: str | None = None, headers: dict[str, str] | None = None,
                 context: dict[str, object] | None = None):
        super().__init__(message)
        self.message = message
        self.title = title or self.title
        self.headers = headers or {}
        self.context = context or {}  # more for the error page (web.expired: what was typed)


class BadRequestError(HttpError):
    status = 400
    title = "Requête incorrecte"


class UnauthorizedError(HttpError):
    status = 401
    title = "Connexion nécessaire"


class ForbiddenError(HttpError):
    status = 403
    title = "Accès refusé"


class NotFoundError(HttpError):
    status = 404
    title = "Page introuvable"


class PayloadTooLargeError(HttpError):
    status = 413
    title = "Envoi trop volumineux"


class TooManyRequestsError(HttpError):
    status = 429
    title = "Trop de tentatives"

"""The sign-in guard: one router per area says which roles its routes admit.

    router = AreaRouter(roles={"candidat"})      # every route needs a candidate
    public = AreaRouter()                          # anyone

    @router.get("/classeur")
    def classeur(ctx: Context): ...

The router hands each route the request's ``Context`` and checks, before the route
runs, that the visitor is signed in to an account that still exists, whose
credentials have not changed since the session began, and whose role is admitted.
Not signed in: HTML routes redirect to the sign-in page (and back afterwards), JSON
routes answer 401. Signed in with another role: 403.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.web.context import Context
from espace.web.errors import ForbiddenError, UnauthorizedError
from espace.web.resolving import route_body

# The request's Context, set by the application's middleware. A context variable rather
# than the router's state: a router may be included in several applications (tests compose
# their own), and the local gateway serves requests from several threads.
CURRENT: ContextVar[Context | None] = ContextVar("espace_request_context", default=None)
ROLES = frozenset({"candidat", "recruteur", "conseiller"})
ROLE_NAMES = {"candidat": "aux candidats", "recruteur": "aux recruteurs", "conseiller": "aux conseillers"}


def current_context() -> Context:
    """The Context the application's middleware built for this request."""
    ctx = CURRENT.get()
    if ctx is None:
        raise RuntimeError("no request context: build the application with espace.web.app.create_app")
    return ctx


def check_access(ctx: Context, roles: frozenset[str], *, json: bool = False) -> Any:
    """None when the visitor may go on; otherwise the response (or error) that stops them."""
    if ctx.account() is None:
        if json:
            raise UnauthorizedError("Connectez-vous à votre espace pour accéder à cette ressource.")
        return ctx.sign_in_redirect()
    if ctx.role not in roles:
        names = " et ".join(ROLE_NAMES[role] for role in sorted(roles))
        raise ForbiddenError(f"Cette page est réservée {names}. Vous êtes connecté avec un espace d'un autre type.")
    return None


class AreaRouter(APIGatewayHttpRouter):
    """A Powertools router whose routes receive the Context first and pass the guard."""

    def __init__(self, roles: Iterable[str] | None = None, *, json: bool = False):
        super().__init__()  # type: ignore[no-untyped-call]  # Powertools' Router.__init__ is untyped
        self.roles = None if roles is None else frozenset(roles)
        unknown = (self.roles or frozenset()) - ROLES
        if unknown or self.roles == frozenset():
            raise ValueError(f"unknown or empty roles: {sorted(unknown)}")
        self.json = json

    def route(self, rule: str, method: Any, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        register = super().route(rule, method, *args, **kwargs)

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(func)
            def view(**path_arguments: Any) -> Any:
                ctx = current_context()
                with route_body(self):  # other requests may go through Powertools meanwhile (web.resolving)
                    if self.roles is not None and (stop := check_access(ctx, self.roles, json=self.json)) is not None:
                        return stop
                    return func(ctx, **path_arguments)

            # What Powertools (OpenAPI, validation) sees: the path parameters, not the Context.
            signature = inspect.signature(func, eval_str=True)
            view.__signature__ = signature.replace(  # type: ignore[attr-defined]
                parameters=list(signature.parameters.values())[1:], return_annotation=inspect.Signature.empty)
            register(view)
            return func

        return decorator

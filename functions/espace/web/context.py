"""Everything a route needs for one request: services, session, renderer, cookies."""

from __future__ import annotations

import re
from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response

from espace.bootstrap import get_services
from espace.web.errors import BadRequestError
from espace.web.pages import ServicePage, renderer_for
from espace.web.request import Request
from espace.web.sessions import CSRF_FIELD, Session, SessionManager

SAFE_RETURN = re.compile(r"^/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$")
CSRF_MESSAGE = ("Ce formulaire a expiré ou a été envoyé depuis un autre site. Vérifiez les informations "
                "ci-dessous et envoyez-le à nouveau.")


def safe_return_path(value: str | None, default: str = "/mon-espace") -> str:
    """Only same-site paths: "/mon-espace" yes; "//evil.example", "https://…", "/\\evil" no."""
    if value and len(value) <= 500 and SAFE_RETURN.match(value):
        return value
    return default


class Context:
    def __init__(self, event):
        self.request = Request(event)
        self.services = get_services()
        self.settings = self.services.settings
        self.renderer = renderer_for(self.settings)
        self.sessions = SessionManager(self.services.records, self.settings)
        self.session: Session | None = self.sessions.load(self.request.cookie(self.sessions.cookie_name))
        self.cookies = []

    # --- sessions -----------------------------------------------------------
    def form_session(self) -> Session:
        """The session whose CSRF token the next form carries (created if needed)."""
        session = self.sessions.ensure(self.session)
        if session.is_new:
            self.cookies.append(self.sessions.cookie(session))
            session.is_new = False
        self.session = session
        return session

    def sign_in(self, user_id: str) -> None:
        self.session = self.sessions.sign_in(self.session, user_id)
        self.cookies.append(self.sessions.cookie(self.session))

    def sign_out(self) -> None:
        if self.session is not None:
            self.sessions.end(self.session)
        self.session = None
        self.cookies.append(self.sessions.expired_cookie())

    def form(self, allowed: set[str]) -> tuple[dict[str, str], bool]:
        """The POSTed fields (4xx on anything malformed) and whether the CSRF token is valid."""
        fields = self.request.form(allowed | {CSRF_FIELD})
        return fields, SessionManager.csrf_ok(self.session, fields.pop(CSRF_FIELD, None))

    def user_id(self) -> str | None:
        return self.session.user_id if self.session is not None else None

    # --- responses ------------------------------------------------------------
    def page(self, url: str, title: str, trail: tuple = ()) -> ServicePage:
        return self.renderer.page(url, title, trail)

    def render(self, template: str, page: ServicePage, *, status: int = 200, errors=None, **context) -> Response:
        """Render a page; ``errors`` maps field ids to messages (summary + inline)."""
        errors = errors or {}
        session = self.form_session()
        return self.renderer.render(template, page=page, status=status, cookies=self.cookies, errors=errors,
                                    error_list=list(errors.items()), csrf_field=CSRF_FIELD, csrf=session.csrf,
                                    **context)

    def redirect(self, location: str, status: int = 303) -> Response:
        return Response(status_code=status, headers={"Location": location, "Cache-Control": "no-store"},
                        cookies=self.cookies, body="")

    def require_sign_in(self) -> Response | None:
        """None when signed in, else the redirect to the sign-in page (then back here)."""
        if self.user_id() is not None and self.services.records.get(f"USER#{self.user_id()}", "PROFILE"):
            return None
        target = self.request.path
        query = self.request.event.raw_query_string
        if query:
            target += "?" + query
        return self.redirect("/connexion?retour=" + quote(target, safe="/"))

    def require_value(self, value: str | None, what: str) -> str:
        if not value:
            raise BadRequestError(f"Le lien est incomplet : {what} manquant.")
        return value

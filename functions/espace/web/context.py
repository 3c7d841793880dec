"""Everything a route needs for one request: services, session, account, forms, responses.

A ``Context`` is built by the application's middleware (``web.app``) for every
request and handed to the route by its ``AreaRouter``. It is lazy: a JSON route that
reads no session never touches the records store (the offers function has no table).
What a route changes (session, flash messages, cookies) is written once, after it,
by ``finish``.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from espace.settings import Settings, get_settings
from espace.web import csrf
from espace.web.errors import BadRequestError
from espace.web.pages import Renderer, ServicePage, renderer_for
from espace.web.request import FormData, Request
from espace.web.sessions import Session, SessionManager
from espace.web.signing import signing_key

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.web.forms import KitForm

FormT = TypeVar("FormT", bound="KitForm")
SAFE_RETURN = re.compile(r"^/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$")
DEFAULT_ROLE = "candidat"
# What a visitor's session hands on to the session that signing in starts.
CARRIED_ON_SIGN_IN = ("flash", "pending")


def safe_return_path(value: str | None, default: str = "/mon-espace") -> str:
    """Only same-site paths: "/mon-espace" yes; "//evil.example", "https://…", "/\\evil" no."""
    if value and len(value) <= 500 and SAFE_RETURN.match(value):
        return value
    return default


class Context:
    def __init__(self, event: Any):
        self.request = Request(event)
        self.cookies: list[Cookie] = []
        self._account: dict[str, Any] | None = None
        self._account_loaded = False
        # The candidate's visit to « Mon espace » before this one (epoch s), set by the
        # dashboard for the panels' « what changed since » (web.panels); None elsewhere.
        self.previous_visit: int | None = None

    # --- services, lazily ----------------------------------------------------------
    @cached_property
    def settings(self) -> Settings:
        return get_settings()

    @cached_property
    def services(self) -> Services:
        from espace.bootstrap import get_services

        return get_services()

    @cached_property
    def renderer(self) -> Renderer:
        return renderer_for(self.settings)

    @cached_property
    def sessions(self) -> SessionManager:
        return SessionManager(self.services.records, self.settings)

    @cached_property
    def session(self) -> Session | None:
        return self.sessions.load(self.request.cookie(self.sessions.cookie_name))

    @cached_property
    def key(self) -> bytes:
        return signing_key(self.services.records, self.settings.secret_key)  # type: ignore[arg-type]  # by identity

    # --- who is signed in ------------------------------------------------------------
    def account(self) -> dict[str, Any] | None:
        """The signed-in account's profile record, or None.

        A session counts only while its account exists and its credentials have not
        changed since it began (``auth_version``): deleting an account or changing its
        password ends every other session at once."""
        if not self._account_loaded:
            session, profile = self.session, None
            if session is not None and session.user_id:
                profile = self.services.records.get(f"USER#{session.user_id}", "PROFILE")
                if profile is not None and profile.get("auth_version", 0) != session.auth_version:
                    profile = None
            self._account, self._account_loaded = profile, True
        return self._account

    @property
    def user_id(self) -> str | None:
        account = self.account()
        return account["pk"].removeprefix("USER#") if account else None

    @property
    def role(self) -> str | None:
        account = self.account()
        return account.get("role", DEFAULT_ROLE) if account else None

    def sign_in(self, user_id: str, auth_version: int = 0) -> None:
        """A fresh session (new id: no fixation) that keeps the visitor's pending flash messages
        and pending actions (web.pending: what they asked for before being sent to sign in)."""
        carried = {name: self.session.data[name] for name in CARRIED_ON_SIGN_IN
                   if self.session is not None and self.session.data.get(name)}
        if self.session is not None:
            self.sessions.end(self.session)
        session = self.sessions.new(user_id, auth_version)
        session.data["flash"] = carried.pop("flash", [])
        session.data.update(carried)
        self.session = session
        self._account_loaded = False
        self.cookies.append(self.sessions.cookie(session))

    def sign_out(self) -> None:
        if self.session is not None:
            self.sessions.end(self.session)
        self.session = None
        self._account, self._account_loaded = None, True
        self.cookies.append(self.sessions.expired_cookie())

    # --- flash messages ---------------------------------------------------------------
    def flash(self, message: str, kind: str = "success") -> None:
        """A notice shown once, on the next page rendered for this visitor."""
        if self.session is None:
            self.session = self.sessions.new()
            self.cookies.append(self.sessions.cookie(self.session))
        self.session.data.setdefault("flash", []).append({"message": message, "kind": kind})
        self.session.dirty = True

    def pop_flashes(self) -> list[dict[str, str]]:
        if self.session is None or not self.session.data.get("flash"):
            return []
        flashes = self.session.data.pop("flash")
        self.session.dirty = True
        return list(flashes)

    # --- CSRF -----------------------------------------------------------------------------
    @property
    def _nonce_cookie_name(self) -> str:
        return "__Host-csrf" if self.settings.secure_cookies else "csrf"

    def csrf_token(self) -> str:
        """The token the next form carries: bound to the session, or for an anonymous
        visitor to a nonce cookie (no server storage for a visitor who only reads)."""
        if self.session is not None:
            return csrf.issue(self.key, self.session.csrf)
        return self.visitor_csrf_token()

    def visitor_csrf_token(self) -> str:
        """A token bound to the visitor's nonce cookie, without reading the session: for pages of a
        function with no table access (the offers function) whose forms post to another function.
        ``csrf_ok`` accepts it whether or not the visitor is signed in."""
        nonce = self.request.cookie(self._nonce_cookie_name)
        if not nonce or len(nonce) > 64:
            nonce = csrf.new_nonce()
            self.cookies.append(Cookie(self._nonce_cookie_name, nonce, path="/", secure=self.settings.secure_cookies,
                                       http_only=True, same_site=SameSite.LAX_MODE, max_age=csrf.MAX_AGE_SECONDS))
            # Later forms of this same response use the same nonce.
            self.request.event.raw_event.setdefault("cookies", []).append(f"{self._nonce_cookie_name}={nonce}")
        return csrf.issue(self.key, nonce)

    def csrf_ok(self) -> bool:
        token = self.request.header(csrf.HEADER) or self.form_data().get(csrf.FIELD)
        bindings = [self.session.csrf if self.session else None, self.request.cookie(self._nonce_cookie_name)]
        return any(csrf.valid(self.key, binding, token) for binding in bindings if binding)

    def same_site(self) -> bool:
        return csrf.same_site(self.request.header("origin"), self.request.header("referer"),
                              self.settings.site_url, self.request.header("host"))

    # --- forms ------------------------------------------------------------------------------
    @property
    def submitted(self) -> bool:
        return self.request.method == "POST"

    def form_data(self) -> FormData:
        return self.request.form_data() if self.submitted else FormData()

    def bind(self, form_class: type[FormT], **kwargs: Any) -> FormT:
        """The form filled from the POSTed body, or empty (with ``kwargs`` as initial data) on GET."""
        formdata = self.request.form_data() if self.submitted else None
        return form_class(formdata, **kwargs)

    # --- responses ----------------------------------------------------------------------------
    def page(self, url: str, title: str, trail: tuple[tuple[str, str], ...] = (), caption: str = "") -> ServicePage:
        return self.renderer.page(url, title, trail, caption)

    def render(self, template: str, page: ServicePage, *, status: int | None = None, form: KitForm | None = None,
               errors: dict[str, str] | None = None, **context: Any) -> Response:
        """Render a page of the theme. A form's errors (or ``errors``: field id → message)
        feed the error summary, the « Erreur : » of the title and each field; a submitted
        form with errors answers 400."""
        error_list = form.error_list() if form is not None else list((errors or {}).items())
        if status is None:
            status = 400 if error_list and self.submitted else 200
        return self.renderer.render(template, page=page, status=status, form=form, errors=dict(error_list),
                                    error_list=error_list, csrf_field=csrf.FIELD, csrf=self.csrf_token(),
                                    flashes=self.pop_flashes(), space_link=self.space_link(), **context)

    def known_space_link(self) -> tuple[str, str] | None:
        """The signed-in visitor's space link if the account is already read (an error page reads
        nothing more: the store may be what failed); None otherwise."""
        if not self._account_loaded or self._account is None:
            return None
        return self.space_link()

    def space_link(self) -> tuple[str, str]:
        """The header's link to the visitor's space: a signed-in recruiter's is /recruteur."""
        if self.session is not None and self.session.user_id and self.role == "recruteur":
            return "/recruteur", "Mon espace recruteur"
        if self.session is not None and self.session.user_id and self.role == "conseiller":
            return "/conseiller", "Mon espace conseiller"
        return "/mon-espace", "Mon espace"

    def absolute(self, location: str) -> str:
        """Absolute URLs in Location (text browsers stop on each relative redirect).

        Deployed, the site's address (API Gateway's Host is not the visitor's); locally,
        the host the browser used, so that 127.0.0.1 and localhost both keep their cookies."""
        if urlsplit(location).scheme:
            return location
        host = self.request.header("host")
        base = self.settings.site_url.rstrip("/")
        if self.settings.profile == "embedded" and host and re.fullmatch(r"[A-Za-z0-9.:\[\]-]{1,100}", host):
            base = f"{urlsplit(base).scheme or 'http'}://{host}"
        return base + location

    def redirect(self, location: str, status: int = 303) -> Response:
        return Response(status_code=status, headers={"Location": self.absolute(location), "Cache-Control": "no-store"},
                        body="")

    def sign_in_redirect(self) -> Response:
        return self.redirect("/connexion?retour=" + quote(self.request.path_with_query, safe="/"))

    def require_value(self, value: str | None, what: str) -> str:
        if not value:
            raise BadRequestError(f"Le lien est incomplet : {what} manquant.")
        return value

    # --- after the route ------------------------------------------------------------------------
    def finish(self, response: Response) -> Response:
        """Renew a signed-in session (activity), write the session if it changed and attach this
        request's cookies."""
        session = self.__dict__.get("session")
        if session is not None:
            self.sessions.renew(session)  # activity: RGAA 13.1
        if session is not None and session.dirty:
            self.sessions.save(session)
        response.cookies = [*(response.cookies or []), *self.cookies]
        return response

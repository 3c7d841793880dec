"""Actions that survive the detour through sign-in.

A visitor who is not signed in presses « Ajouter au classeur »: the area stores what was asked
(``defer``) in the visitor's session and sends them to sign in. ``Context.sign_in`` carries the
pending actions into the new session; the sign-in form comes back to ``REPLAY_PATH``, which
performs them once (they are removed from the session before they run) and goes back to the
page the visitor came from. When the visitor takes a longer way (create a space, confirm it by
mail, then sign in without the return address), the dashboard replays them instead (``replay``
is called by the areas' panel builders), so nothing is lost and nothing runs twice.

    @pending.action("classeur.add")
    def add_later(ctx, args, retour) -> None: ...   # flashes what it did (pending.flash_for)

    return pending.defer(ctx, "classeur.add", {"offre": "1234567"}, retour="/offres/1234567",
                         why="Connectez-vous pour ajouter cette offre à votre classeur.")
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.shared.cookies import Cookie, SameSite

from espace.web import tokens
from espace.web.auth import AreaRouter
from espace.web.context import Context, safe_return_path

log = logging.getLogger(__name__)
REPLAY_PATH = "/mon-espace/reprise"
SESSION_KEY = "pending"
# A visitor can press several buttons before signing in; a session never grows beyond this.
MAX_PENDING = 10

# Pages rendered by a function that reads no session (the offers function): a notice for them
# travels in a short-lived signed cookie instead of the session's flash messages.
SESSIONLESS_PREFIXES = ("/offres/",)
NOTICE_PURPOSE = "notice"
NOTICE_MAX_AGE = 300

Action = Callable[[Context, dict[str, str], str], None]
_ACTIONS: dict[str, Action] = {}


def action(name: str) -> Callable[[Action], Action]:
    """Register what to do, once signed in, for the pending actions named ``name``."""

    def register(fn: Action) -> Action:
        existing = _ACTIONS.get(name)
        if existing is not None and existing.__qualname__ != fn.__qualname__:
            raise ValueError(f"two pending actions named {name!r}")
        _ACTIONS[name] = fn
        return fn

    return register


def defer(ctx: Context, name: str, args: dict[str, str], *, retour: str, why: str) -> Response:
    """Keep the action in the visitor's session and send them to sign in, telling them ``why``."""
    if name not in _ACTIONS:
        raise ValueError(f"no pending action named {name!r}")
    if ctx.session is None:
        ctx.session = ctx.sessions.new()
        ctx.cookies.append(ctx.sessions.cookie(ctx.session))
    entry = {"name": name, "args": args, "retour": safe_return_path(retour)}
    queue = [item for item in ctx.session.data.get(SESSION_KEY, []) if item != entry]  # pressed twice: once
    ctx.session.data[SESSION_KEY] = [*queue, entry][-MAX_PENDING:]
    ctx.session.dirty = True
    ctx.flash(why, kind="info")
    return ctx.redirect("/connexion?retour=" + quote(REPLAY_PATH, safe="/"))


def replay(ctx: Context, *, landing: str | None = None) -> str | None:
    """Perform the session's pending actions, each once; the return address of the last, if any.
    ``landing``: the page being shown instead of the actions' return addresses (their notices go
    there).

    The queue leaves the session before any action runs, so a reload, a second tab or an action
    that fails never performs one twice."""
    if ctx.session is None or not ctx.user_id:
        return None
    queue: list[dict[str, Any]] = ctx.session.data.pop(SESSION_KEY, None) or []
    if not queue:
        return None
    ctx.session.dirty = True
    ctx.sessions.save(ctx.session)  # removed from the store before acting
    retour = None
    for entry in queue:
        fn = _ACTIONS.get(str(entry.get("name")))
        if fn is None:  # an area no longer in this function: dropped
            log.warning("pending action %r dropped: not registered", entry.get("name"))
            continue
        retour = safe_return_path(entry.get("retour"))
        fn(ctx, {str(k): str(v) for k, v in dict(entry.get("args") or {}).items()}, landing or retour)
    return retour


# --- notices for the page the visitor goes back to ----------------------------------------
def _notice_cookie_name(ctx: Context) -> str:
    return "__Host-notice" if ctx.settings.secure_cookies else "notice"


def flash_for(ctx: Context, retour: str, message: str, kind: str = "success") -> None:
    """A flash message shown on the page at ``retour``, whichever function renders it."""
    if not retour.startswith(SESSIONLESS_PREFIXES):
        ctx.flash(message, kind)
        return
    previous = take_notices(ctx, expire=False)
    value = tokens.make(ctx.key, NOTICE_PURPOSE, *(item for n in [*previous, {"message": message, "kind": kind}]
                                                    for item in (n["message"], n["kind"])))
    ctx.cookies = [c for c in ctx.cookies if c.name != _notice_cookie_name(ctx)]
    ctx.cookies.append(Cookie(_notice_cookie_name(ctx), value, path="/", secure=ctx.settings.secure_cookies,
                              http_only=True, same_site=SameSite.LAX_MODE, max_age=NOTICE_MAX_AGE))


def take_notices(ctx: Context, *, expire: bool = True) -> list[dict[str, str]]:
    """The notices the visitor's cookie carries (signed: nobody else can put words on our pages),
    and the cookie expired so that they are shown once."""
    raw = ctx.request.cookie(_notice_cookie_name(ctx))
    if not raw:
        return []
    if expire:
        ctx.cookies.append(Cookie(_notice_cookie_name(ctx), "", path="/", secure=ctx.settings.secure_cookies,
                                  http_only=True, same_site=SameSite.LAX_MODE, max_age=0))
    try:
        parts = tokens.read(ctx.key, NOTICE_PURPOSE, raw, max_age=NOTICE_MAX_AGE)
    except tokens.TokenInvalid:
        return []
    return [{"message": message, "kind": kind} for message, kind in zip(parts[::2], parts[1::2], strict=False)]


router = AreaRouter(roles={"candidat"})


@router.get("/reprise")
def replay_after_sign_in(ctx: Context) -> Response:
    """Where the sign-in form returns after a deferred action: do it, go back where it was asked."""
    return ctx.redirect(replay(ctx) or "/mon-espace")

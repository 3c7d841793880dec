"""What the counsellors' pages share: who the counsellor is, their agency's requests, the trail,
and the markers that make an action happen once whatever the clicks.

A counsellor sees only their agency: a request of another agency answers 404, as one that never
was (the reference in the URL names a candidate's account, so telling « not yours » apart from
« not there » would already say too much).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import time

from espace.agences.model import Agency
from espace.conseillers.model import Counsellor, counsellor
from espace.inscription.model import Registration, parse_reference
from espace.inscription.service import RegistrationDesk
from espace.ports import Put
from espace.text import PARIS
from espace.web.context import Context
from espace.web.errors import ForbiddenError, NotFoundError

SPACE = "/conseiller"
TRAIL = (("Mon espace conseiller", SPACE),)
REQUESTS = f"{SPACE}/demandes"
REQUESTS_TRAIL = (*TRAIL, ("Demandes d'inscription", REQUESTS))
KEY = re.compile(r"[0-9a-f]{32}")
MARKER_DAYS = 7  # how long a done-once marker outlives its action (a retried request comes within seconds)


def me(ctx: Context) -> Counsellor:
    """The signed-in counsellor (the router's guard has checked the role)."""
    found = counsellor(ctx.services.records, ctx.user_id or "")
    if found is None:
        raise ForbiddenError("Ce compte de conseiller n'est rattaché à aucune agence.")
    return found


def agency_of(ctx: Context, who: Counsellor) -> Agency:
    agency = ctx.services.agencies.get(who.agency_id)
    if agency is None:
        raise ForbiddenError("L'agence de ce compte de conseiller n'existe plus : voyez-le avec l'administrateur.")
    return agency


def request_or_404(ctx: Context, who: Counsellor, reference: str) -> Registration:
    """The request named by ``reference`` if it is one of the counsellor's agency."""
    parsed = parse_reference(reference)
    registration = RegistrationDesk(ctx.services.records).get(*parsed) if parsed else None
    if registration is None or registration.agency_id != who.agency_id:
        raise NotFoundError("Cette demande d'inscription n'existe pas, ou n'est pas suivie par votre agence.")
    return registration


def request_url(registration: Registration) -> str:
    return f"{REQUESTS}/{registration.reference}"


def request_trail(registration: Registration) -> tuple[tuple[str, str], ...]:
    return (*REQUESTS_TRAIL, (f"Demande de {registration.name}", request_url(registration)))


def new_key() -> str:
    """The key a form carries from the moment it is shown: its action is done once under it."""
    return secrets.token_hex(16)


def form_key(value: str | None) -> str:
    """The form's key as posted; a fresh one for a missing or edited key (that request is then
    simply not protected against its own repetition: it cannot hit anyone else's action)."""
    return value if isinstance(value, str) and KEY.fullmatch(value) else new_key()


def once(candidate_id: str, what: str) -> Put:
    """``USER#{cid}`` / ``ONCE#conseiller#{what}``: written only if absent in the transaction of
    the action it stands for, so the same action (the same form's key, the same request's
    validation, the same day's consultation) is done once; it expires by itself afterwards."""
    now = int(time.time())
    return Put({"pk": f"USER#{candidate_id}", "sk": f"ONCE#conseiller#{what}", "kind": "once", "at": now,
                "expires_at": now + MARKER_DAYS * 86400}, if_absent=True)


def today() -> dt.date:
    return dt.datetime.now(PARIS).date()


def local_time(epoch: int | float) -> str:
    """« 8 h 30 », as the agency's clock shows it."""
    moment = dt.datetime.fromtimestamp(epoch, PARIS)
    return f"{moment.hour} h {moment.minute:02d}"


def parse_day(raw: str | None) -> dt.date | None:
    """A day in a URL (``2026-12-07``); None for anything else (made-up values, huge strings)."""
    if not raw or len(raw) > 10:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None

"""A form refused because its session ended (RGAA 13.1): the page says why and gives back what was
typed, so that nothing has to be remembered or typed again from nothing.

The browser's « Précédent » cannot do it: the form's page is not cached (``no-store``) and asks
for a session that no longer exists. So the refusal page lists the fields that were filled, by
their name made readable, never a secret (passwords, the secret answer) nor a technical field,
and offers to sign in again and come back to the form."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from espace.web import csrf
from espace.web.context import Context, safe_return_path

SESSION_ENDED = ("Ce formulaire a expiré : votre session a pris fin, après 20 heures sans activité ou une "
                 "déconnexion, et rien n'a été enregistré. Ce que vous aviez saisi est recopié ci-dessous : "
                 "reconnectez-vous, revenez au formulaire et saisissez-le à nouveau.")
SECRET = re.compile(r"mot_de_passe|password|confirmation|actuel|reponse|secret", re.IGNORECASE)
TECHNICAL = frozenset({csrf.FIELD, "jeton", "retour", "action", "bouton", "confirmer"})
MAX_SHOWN = 60


def session_ended(ctx: Context) -> bool:
    """The request carried a session cookie whose session no longer exists (the cookie outlives it)."""
    return bool(ctx.request.cookie(ctx.sessions.cookie_name)) and ctx.session is None


def kept_values(ctx: Context) -> list[tuple[str, str]]:
    """(readable name, value) of each filled field of the refused form, secrets left out."""
    data = ctx.form_data()
    kept = []
    for name, values in data.fields.items():
        if name in TECHNICAL or SECRET.search(name):
            continue
        readable = re.sub(r"[-_]+", " ", name).strip().capitalize()
        kept += [(readable, value) for value in values if value.strip()]
    return kept[:MAX_SHOWN]


def sign_in_again(ctx: Context) -> str:
    """The sign-in page, coming back to the form's page when it was on this site."""
    referer = urlsplit(ctx.request.header("referer") or "")
    back = safe_return_path(referer.path + (f"?{referer.query}" if referer.query else ""), "")
    return "/connexion" + (f"?retour={quote(back, safe='/')}" if back else "")

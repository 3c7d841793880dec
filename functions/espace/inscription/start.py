"""Registration: the public page « M'inscrire ou me réinscrire », GET /inscription.

What to prepare (the seed's « Carte vitale – RIB – CV »), how long it takes, that each step is
kept as a draft, then the way in: a visitor chooses access codes (the account creation, which
brings them back here through its confirmation and the sign-in: ``RETURN``) or signs in; a
signed-in candidate starts or resumes the request, or is sent to the request already made.
"""

from __future__ import annotations

from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response

from espace.dossier.model import REGISTERED, Dossier
from espace.inscription.flow import BASE, DRAFT_DAYS, FLOW
from espace.inscription.service import RegistrationDesk
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.steps import DONE, Drafts, status_of

router = AreaRouter()  # public: what to prepare is worth reading before having an account

RETURN = BASE  # where the access codes lead back to: the request's page, whatever its state
CREATE_URL = f"/compte/creation?retour={quote(RETURN, safe='/')}"
SIGN_IN_URL = f"/connexion?retour={quote(RETURN, safe='/')}"
DOCUMENTS = (("Votre carte Vitale", "pour votre numéro de sécurité sociale (15 chiffres)."),
             ("Votre RIB", "un relevé d'identité bancaire à votre nom, pour le versement de vos allocations."),
             ("Votre CV", "pour vos expériences, vos formations et vos langues."),
             ("Votre titre de séjour", "si vous n'êtes pas ressortissant de l'Union européenne, de l'Espace "
                                       "économique européen ou de la Suisse."))


def _candidate_state(ctx: Context) -> dict[str, object]:
    """Where the signed-in candidate stands: a request sent, a draft (and how far), or nothing."""
    user_id = ctx.user_id or ""
    records = ctx.services.records
    dossier = records.get(f"USER#{user_id}", "DDE")
    if dossier is not None and Dossier.of(dossier).state == REGISTERED:
        return {"state": "registered", "identifier": Dossier.of(dossier).identifier}
    current = RegistrationDesk(records).current(user_id)
    if current is not None and current.pending:
        return {"state": "sent", "registration": current}
    steps = Drafts(ctx.services.records, FLOW, user_id).load()
    if steps:
        done = sum(1 for step in FLOW.steps if status_of(steps, step.slug) == DONE)
        return {"state": "draft", "done": done, "again": dossier is not None}
    return {"state": "none", "again": dossier is not None}


@router.get("/inscription")
def start(ctx: Context) -> Response:
    page = ctx.page("/inscription", "M'inscrire ou me réinscrire")
    role = ctx.role
    standing = _candidate_state(ctx) if role == "candidat" else {}
    return ctx.render("services/inscription/start.html", page, role=role, standing=standing, flow=FLOW,
                      draft_days=DRAFT_DAYS, documents=DOCUMENTS, create_url=CREATE_URL, sign_in_url=SIGN_IN_URL,
                      tasks_url=FLOW.base, first_step_url=f"{FLOW.base}/{FLOW.steps[0].slug}", request_url=BASE)

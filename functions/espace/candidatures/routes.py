"""« Mes candidatures » (/mon-espace/candidatures): every application, its state history, withdrawal, the archive.

An application is found by its offer (one per candidate and offer): ``/mon-espace/candidatures/
<offre>``. Another account's application is as unknown as one that never was (404). The history
shows each state with its date and, for a refusal, the recruiter's reason only when they chose to
share it (``Transition.for_candidate``).
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.candidatures import panel as _panel  # noqa: F401  (registers the dashboard's panel)
from espace.candidatures.model import CANDIDATE, LABELS, RECRUITER, SYSTEM, WITHDRAWN, Application
from espace.candidatures.opening import OFFER_ID
from espace.candidatures.service import ApplicationDesk, ConflictError
from espace.ports import FileMissingError
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"candidat"})

PATH = "/mon-espace/candidatures"
TRAIL = (("Mon espace", "/mon-espace"),)
NOT_FOUND = "Cette candidature n'existe pas : vous n'avez pas postulé à cette offre depuis votre espace."
RETENTION = ("Une candidature sans activité depuis six mois passe dans les archives ; elle est supprimée deux ans "
             "après sa dernière activité, avec le CV envoyé.")
ACTORS = {CANDIDATE: "Vous", RECRUITER: "Le recruteur", SYSTEM: "L'Espace candidat"}


def desk(ctx: Context) -> ApplicationDesk:
    return ApplicationDesk(ctx.services)


def application_or_404(ctx: Context, offre: str) -> Application:
    offer_id = (offre or "").upper()
    application = desk(ctx).get(ctx.user_id or "", offer_id) if OFFER_ID.fullmatch(offer_id) else None
    if application is None:
        raise NotFoundError(NOT_FOUND, title="Candidature introuvable")
    return application


def detail_trail() -> tuple[tuple[str, str], ...]:
    return (*TRAIL, ("Mes candidatures", PATH))


@router.get("/candidatures")
def applications(ctx: Context) -> Response:
    every = desk(ctx).of_candidate(ctx.user_id or "")
    current = [a for a in every if not a.in_archive]
    archived = [a for a in every if a.in_archive]
    page = ctx.page(PATH, "Mes candidatures", TRAIL)
    return ctx.render("services/candidatures/list.html", page, current=current, archived=archived,
                      retention=RETENTION, labels=LABELS)


@router.get("/candidatures/<offre>")
def application_page(ctx: Context, offre: str) -> Response:
    application = application_or_404(ctx, offre)
    history = [line.for_candidate() for line in application.history]
    page = ctx.page(f"{PATH}/{application.offer_id}", f"Ma candidature : {application.offer_title}",
                    detail_trail())
    return ctx.render("services/candidatures/detail.html", page, application=application, history=history,
                      labels=LABELS, actors=ACTORS, retention=RETENTION)


@router.get("/candidatures/<offre>/cv")
def application_cv(ctx: Context, offre: str) -> Response:
    application = application_or_404(ctx, offre)
    try:
        stored = ctx.services.files.get(application.cv.file_key)
    except FileMissingError:
        raise NotFoundError("Le CV envoyé avec cette candidature n'est plus conservé.",
                            title="CV introuvable") from None
    return Response(status_code=200, content_type=application.cv.content_type, body=stored.data,
                    headers={"Content-Disposition": f'attachment; filename="{application.cv.filename}"',
                             "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


@router.route("/candidatures/<offre>/retrait", ["GET", "POST"])
def withdraw(ctx: Context, offre: str) -> Response:
    application = application_or_404(ctx, offre)
    url = f"{PATH}/{application.offer_id}"
    trail = (*detail_trail(), (application.offer_title, url))
    if not application.pending:
        page = ctx.page(f"{url}/retrait", "Cette candidature ne peut pas être retirée", trail)
        return ctx.render("services/candidatures/not_withdrawable.html", page, application=application,
                          status=409 if ctx.submitted else 200)
    if ctx.submitted:
        try:
            done = desk(ctx).move(application, WITHDRAWN, CANDIDATE, ctx.user_id or "")
        except ConflictError:
            ctx.flash("Le recruteur a modifié votre candidature au même moment : elle n'a pas été retirée. "
                      "Voyez son nouvel état ci-dessous et retirez-la à nouveau si vous le souhaitez.", "important")
            return ctx.redirect(url)
        ctx.flash(f"Votre candidature à l'offre « {done.offer_title} » est retirée.")
        return ctx.redirect(url)
    page = ctx.page(f"{url}/retrait", "Retirer ma candidature", trail)
    return ctx.render("services/candidatures/withdraw.html", page, application=application)

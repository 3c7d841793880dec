"""The applications inbox (/recruteur/offres/<offre>/candidatures…): read, download the CV, move through states.

Only the recruiter who published an offer reaches its inbox: the offer must be in their own
partition (``USER#{rid}/OFFER#{id}``) and its owner record, when there is one, must name them;
anything else answers 404, as an offer that never was (a 403 would tell that it exists).

Moves are POSTs of a form that carries the number of log lines it was shown with: the desk's
conditional log line makes two moves decided at the same instant one move and one
``ConflictError``, and the form's number catches a page shown before another move. Both answer a
« déjà modifiée » page (409) showing the state as it is now; a retried request whose move is
already done leads to the application's page as if it had just been done.

Opening a new application (« Nouvelle ») moves it to « En cours d'examen », the way the candidate's
label (« Reçue, pas encore consultée ») promises; the page says so, and the candidate is told.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from aws_lambda_powertools.event_handler import Response

from espace.candidatures.model import (
    APPLICATION_ID,
    NEW,
    RECRUITER,
    RECRUITER_LABELS,
    REVIEWING,
    Application,
)
from espace.candidatures.service import ApplicationDesk, ConflictError, TransitionError
from espace.ports import FileMissingError
from espace.recruteurs import inbox_view
from espace.recruteurs.inbox_forms import YES, FilterForm, MoveForm
from espace.recruteurs.model import OFFER_STATE_LABELS, SiteOffer, owner_of
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.paging import linker, offset_page

router = AreaRouter(roles={"recruteur"})

OFFERS_PATH = "/recruteur/offres"
OFFER_ID = re.compile(r"[A-Za-z0-9]{1,20}")
PER_PAGE = 50
NO_OFFER = "Cette offre n'existe pas ou ne fait pas partie de vos offres."
NO_APPLICATION = "Cette candidature n'existe pas ou ne concerne pas une de vos offres."


@dataclass(frozen=True)
class InboxOffer:
    id: str
    title: str
    state: str

    @property
    def state_label(self) -> str:
        return OFFER_STATE_LABELS.get(self.state, self.state)

    @property
    def inbox_url(self) -> str:
        return f"{OFFERS_PATH}/{self.id}/candidatures"


def offer_or_404(ctx: Context, offer_id: str) -> InboxOffer:
    """The signed-in recruiter's offer ``offer_id``; another's (or none) is a 404."""
    user_id = ctx.user_id or ""
    item = ctx.services.records.get(f"USER#{user_id}", f"OFFER#{offer_id}") if OFFER_ID.fullmatch(offer_id) else None
    owner = owner_of(ctx.services.records, offer_id) if item is not None else None
    if item is None or (owner is not None and owner.recruiter_id != user_id):
        raise NotFoundError(NO_OFFER, title="Offre introuvable")
    offer = SiteOffer.from_item(item)
    return InboxOffer(offer.id, offer.title or (owner.title if owner else "") or f"Offre n° {offer.id}", offer.state)


def application_or_404(ctx: Context, offer: InboxOffer, application_id: str) -> Application:
    entry = None
    if APPLICATION_ID.fullmatch(application_id):
        entry = ApplicationDesk(ctx.services).inbox_entry(ctx.user_id or "", offer.id, application_id)
    if entry is None:
        raise NotFoundError(NO_APPLICATION, title="Candidature introuvable")
    return entry


def trail(offer: InboxOffer) -> tuple[tuple[str, str], ...]:
    return (("Mon espace recruteur", "/recruteur"), ("Mes offres", OFFERS_PATH),
            (offer.title, f"{OFFERS_PATH}/{offer.id}"))


def application_url(offer: InboxOffer, application: Application, sub: str = "") -> str:
    return f"{offer.inbox_url}/{application.id}" + (f"/{sub}" if sub else "")


# --- the list ------------------------------------------------------------------------------------
@router.get("/recruteur/offres/<offer_id>/candidatures")
def inbox(ctx: Context, offer_id: str) -> Response:
    offer = offer_or_404(ctx, offer_id)
    applications = ApplicationDesk(ctx.services).inbox(ctx.user_id or "", offer.id)
    counts = Counter(application.state for application in applications)
    form = FilterForm.from_query(ctx.request.query("etat"), counts)
    valid = form.validate()
    kept = [application for application in applications if valid and form.keeps(application.state)]
    link = linker(offer.inbox_url, {"etat": form.etat.data if valid else None})

    def fetch(offset: int, limit: int) -> tuple[list[Application], int]:
        return kept[offset:offset + limit], len(kept)

    shown, pagination = offset_page(ctx.request.query("page"), per_page=PER_PAGE, fetch=fetch, link=link)
    page = ctx.page(offer.inbox_url, f"Candidatures à l'offre « {offer.title} »", trail(offer))
    return ctx.render("services/recruteurs/inbox/list.html", page, form=form, status=200 if valid else 400,
                      offer=offer, applications=shown, total=len(applications), labels=RECRUITER_LABELS,
                      kept=len(kept), pagination=pagination, title_detail=pagination.title_detail,
                      filter_label=inbox_view.filter_label(form), when=inbox_view.when,
                      candidate=inbox_view.candidate_name)


# --- one application -----------------------------------------------------------------------------
@router.get("/recruteur/offres/<offer_id>/candidatures/<application_id>")
def application_page(ctx: Context, offer_id: str, application_id: str) -> Response:
    offer = offer_or_404(ctx, offer_id)
    application = application_or_404(ctx, offer, application_id)
    opened = False
    if application.state == NEW:
        application, opened = _open(ctx, application)
    form = MoveForm(state=application.state, data={"version": str(len(application.history))})
    return _render(ctx, offer, application, form, opened=opened)


def _open(ctx: Context, application: Application) -> tuple[Application, bool]:
    """The first opening of a new application: « En cours d'examen », the candidate told. Two
    openings at once make one move; the other reads the application as it now is."""
    desk = ApplicationDesk(ctx.services)
    try:
        return desk.move(application, REVIEWING, RECRUITER, ctx.user_id or ""), True
    except (ConflictError, TransitionError):
        again = desk.inbox_entry(application.recruiter_id, application.offer_id, application.id)
        return again or application, False


def _render(ctx: Context, offer: InboxOffer, application: Application, form: MoveForm, *, opened: bool = False,
            status: int | None = None) -> Response:
    page = ctx.page(application_url(offer, application), inbox_view.application_title(application),
                    (*trail(offer), ("Candidatures", offer.inbox_url)))
    notice = inbox_view.opened_notice(application) if opened else None
    return ctx.render("services/recruteurs/inbox/application.html", page, form=form, status=status, offer=offer,
                      application=application, notice=notice, labels=RECRUITER_LABELS,
                      history=inbox_view.history(application, ctx.user_id or ""), when=inbox_view.when,
                      candidate=inbox_view.candidate_name, url=application_url(offer, application))


@router.get("/recruteur/offres/<offer_id>/candidatures/<application_id>/cv")
def cv_file(ctx: Context, offer_id: str, application_id: str) -> Response:
    offer = offer_or_404(ctx, offer_id)
    application = application_or_404(ctx, offer, application_id)
    gone = NotFoundError("Le candidat a supprimé son espace : son CV n'est plus disponible.", title="CV supprimé")
    if application.anonymised or not application.cv.file_key:
        raise gone
    try:
        stored = ctx.services.files.get(application.cv.file_key)
    except FileMissingError:
        raise gone from None
    return Response(status_code=200, content_type=application.cv.content_type or stored.content_type,
                    body=stored.data, headers={
                        "Content-Disposition": f'attachment; filename="{inbox_view.safe_filename(application)}"',
                        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


# --- the move --------------------------------------------------------------------------------------
@router.post("/recruteur/offres/<offer_id>/candidatures/<application_id>/etat")
def move(ctx: Context, offer_id: str, application_id: str) -> Response:
    offer = offer_or_404(ctx, offer_id)
    application = application_or_404(ctx, offer, application_id)
    form = ctx.bind(MoveForm, state=application.state)
    shown = form.shown_version
    if shown is not None and shown != len(application.history):
        return _already_moved(ctx, offer, application, form, shown)
    if not form.allowed:
        return _conflict(ctx, offer, application, closed=True)
    if not form.validate():
        return _render(ctx, offer, application, form)
    reason = form.motif.data or ""
    try:
        moved = ApplicationDesk(ctx.services).move(application, form.etat.data, RECRUITER, ctx.user_id or "",
                                                   reason=reason, reason_shared=form.partage.data == YES)
    except (ConflictError, TransitionError):
        fresh = ApplicationDesk(ctx.services).inbox_entry(ctx.user_id or "", offer.id, application.id)
        return _conflict(ctx, offer, fresh or application)
    ctx.flash(inbox_view.moved_notice(moved))
    return ctx.redirect(application_url(offer, moved))


def _already_moved(ctx: Context, offer: InboxOffer, application: Application, form: MoveForm,
                   shown: int) -> Response:
    """A form shown before the latest move. If that move is this very form's (a double click, a
    retried request), its result is the answer; otherwise the recruiter decides again."""
    later = application.history[shown:] if shown < len(application.history) else []
    if (len(later) == 1 and later[0].actor == RECRUITER and later[0].actor_id == ctx.user_id
            and later[0].state == (form.etat.data or "") and later[0].reason == (form.motif.data or "")):
        return ctx.redirect(application_url(offer, application))
    return _conflict(ctx, offer, application)


def _conflict(ctx: Context, offer: InboxOffer, application: Application, *, closed: bool = False) -> Response:
    title = "Candidature close" if closed else "Candidature déjà modifiée"
    page = ctx.page(application_url(offer, application, "etat"), title,
                    (*trail(offer), ("Candidatures", offer.inbox_url)))
    return ctx.render("services/recruteurs/inbox/conflict.html", page, status=409, offer=offer,
                      application=application, closed=closed, labels=RECRUITER_LABELS, when=inbox_view.when,
                      of_candidate=inbox_view.of_candidate, url=application_url(offer, application),
                      last=inbox_view.history(application, ctx.user_id or "")[-1])

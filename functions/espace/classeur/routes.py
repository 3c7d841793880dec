"""The classeur's routes (accounts function): add (from the offer pages), list, remove, its panel.

« Ajouter au classeur » is shown to every visitor (the offers function cannot know who is signed
in): this route decides. Signed in, the offer is added; otherwise the action waits in the
visitor's session (web.pending) and is performed right after sign-in.
"""

from __future__ import annotations

import re

from aws_lambda_powertools.event_handler import Response

from espace.classeur.service import MAX_OFFERS, Classeur, ClasseurFullError, Entry
from espace.offers.search_form import CONTRACTS
from espace.text import plural
from espace.web import pending
from espace.web.auth import AreaRouter
from espace.web.context import Context, safe_return_path
from espace.web.errors import NotFoundError
from espace.web.paging import linker, offset_page
from espace.web.panels import PanelView, panel

PATH = "/mon-espace/classeur"
TRAIL = (("Mon espace", "/mon-espace"),)
PER_PAGE = 20
OFFER_ID = re.compile(r"[0-9A-Z]{7}")
CONTRACT_LABELS = dict(CONTRACTS)
GONE_MESSAGE = ("Cette offre n'existe pas ou n'est plus disponible : elle a peut-être été pourvue ou retirée par "
                "le recruteur. Elle n'a pas été ajoutée à votre classeur.")
FULL_MESSAGE = (f"Votre classeur contient déjà {MAX_OFFERS} offres, le maximum. Retirez-en une pour en ajouter "
                "une nouvelle.")

public_router = AreaRouter()  # adding: the route itself sends a visitor to sign in, keeping the action
router = AreaRouter(roles={"candidat"})


def classeur(ctx: Context) -> Classeur:
    return Classeur(ctx.services.records, ctx.services.offers)


def _offer_id(ctx: Context) -> str:
    return str(ctx.form_data().get("offre") or "").strip().upper()[:20]


class FullPage(Exception):
    """The classeur is full: the add route answers with the page saying so, a replay flashes it."""


def _add(ctx: Context, offer_id: str, retour: str) -> None:
    """Add the offer for the signed-in candidate and tell it on the page at ``retour``."""
    offer = classeur(ctx).offers.get(offer_id) if OFFER_ID.fullmatch(offer_id) else None
    if offer is None:
        raise NotFoundError(GONE_MESSAGE, title="Offre introuvable")
    label = CONTRACT_LABELS.get(offer.contract_type) or str(offer.raw.get("typeContratLibelle") or
                                                           offer.contract_type)
    try:
        added = classeur(ctx).add(ctx.user_id or "", offer, label)
    except ClasseurFullError:
        raise FullPage from None
    if added:
        pending.flash_for(ctx, retour, f"L'offre « {offer.title} » est ajoutée à votre classeur.")
    else:
        pending.flash_for(ctx, retour, f"L'offre « {offer.title} » est déjà dans votre classeur.")


@pending.action("classeur.add")
def _add_after_sign_in(ctx: Context, args: dict[str, str], retour: str) -> None:
    try:
        _add(ctx, args.get("offre", ""), retour)
    except NotFoundError:
        pending.flash_for(ctx, retour, GONE_MESSAGE, kind="error")
    except FullPage:
        pending.flash_for(ctx, retour, FULL_MESSAGE, kind="error")


def _full(ctx: Context) -> Response:
    page = ctx.page(f"{PATH}/ajout", "Votre classeur est plein", TRAIL)
    return ctx.render("services/classeur/full.html", page, status=409, message=FULL_MESSAGE)


@public_router.post("/classeur/ajout")
def add(ctx: Context) -> Response:
    offer_id = _offer_id(ctx)
    retour = safe_return_path(str(ctx.form_data().get("retour") or ""), f"/offres/{offer_id}")
    if not ctx.user_id or ctx.role != "candidat":
        # Nothing stored for an offer that is not there.
        if not OFFER_ID.fullmatch(offer_id) or classeur(ctx).offers.get(offer_id) is None:
            raise NotFoundError(GONE_MESSAGE, title="Offre introuvable")
        return pending.defer(ctx, "classeur.add", {"offre": offer_id}, retour=retour,
                             why="Connectez-vous pour ajouter cette offre à votre classeur : elle y sera ajoutée "
                                 "dès votre connexion, et vous reviendrez sur la page que vous consultiez.")
    try:
        _add(ctx, offer_id, retour)
    except FullPage:
        return _full(ctx)
    return ctx.redirect(retour)


def gone_notice(gone: list[Entry]) -> str:
    verb = "ont été pourvues ou retirées" if len(gone) > 1 else "a été pourvue ou retirée"
    titles = " ; ".join(entry.title for entry in gone)
    return f"{plural(len(gone), 'offre')} de votre classeur {verb} par le recruteur : {titles}."


@router.get("/classeur")
def show(ctx: Context) -> Response:
    service = classeur(ctx)
    gone = service.prune(ctx.user_id or "")
    entries = service.entries(ctx.user_id or "")
    link = linker(PATH, {})

    def fetch(offset: int, limit: int) -> tuple[list[Entry], int]:
        return entries[offset:offset + limit], len(entries)

    shown, pagination = offset_page(ctx.request.query("page"), per_page=PER_PAGE, fetch=fetch, link=link)
    page = ctx.page(PATH, "Mon classeur d'offres", TRAIL)
    return ctx.render("services/classeur/classeur.html", page, entries=shown, pagination=pagination,
                      total=len(entries), maximum=MAX_OFFERS, gone=gone_notice(gone) if gone else "",
                      title_detail=pagination.title_detail)


@router.post("/classeur/retrait")
def remove(ctx: Context) -> Response:
    offer_id = _offer_id(ctx)
    removed = classeur(ctx).remove(ctx.user_id or "", offer_id) if OFFER_ID.fullmatch(offer_id) else None
    if removed is None:
        raise NotFoundError("Cette offre n'est pas dans votre classeur.", title="Offre absente du classeur")
    ctx.flash(f"L'offre « {removed.title} » est retirée de votre classeur.")
    return ctx.redirect(PATH)


@panel("classeur", "Mon classeur d'offres", order=20)
def classeur_panel(ctx: Context) -> PanelView:
    pending.replay(ctx, landing="/mon-espace")  # actions kept through a longer way to sign in (creation, confirmation)
    service = classeur(ctx)
    gone = service.prune(ctx.user_id or "")
    count = service.count(ctx.user_id or "")
    lines = [gone_notice(gone)] if gone else []
    if count:
        lines.append(f"{plural(count, 'offre')} dans votre classeur (au plus {MAX_OFFERS}).")
    else:
        lines.append("Votre classeur est vide : ajoutez-y des offres depuis les résultats d'une recherche ou la "
                     "page d'une offre.")
    return PanelView(lines=lines, links=[("Voir mon classeur d'offres", PATH),
                                         ("Rechercher des offres", "/offres/recherche")])

"""Propositions (/recruteur/propositions…): propose an open offer to a CV's candidate, follow the answers.

The form carries a key drawn when it is shown (``cle``): sent twice, it makes one proposition and
both answers lead to the list. One proposition per offer and candidate (the offers already
proposed to that candidate are not offered again), ``MAX_PER_DAY`` a day (a page of its own, 409).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.recruteurs.cvtheque import PATH as BANK_PATH
from espace.recruteurs.cvtheque import bank_cv
from espace.recruteurs.model import recruiter
from espace.recruteurs.proposals import MAX_MESSAGE, MAX_PER_DAY, Proposal, ProposalDesk, Sent, new_id, valid_id
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import HiddenField, KitForm, RadioField, TextAreaField, length, required

router = AreaRouter(roles={"recruteur"})

PATH = "/recruteur/propositions"
TRAIL = (("Mon espace recruteur", "/recruteur"),)
LIMIT_MESSAGE = (f"Vous avez déjà envoyé {MAX_PER_DAY} propositions aujourd'hui, le maximum par jour : envoyez "
                 "celle-ci demain. Ce plafond protège les candidats des envois en nombre.")


class ProposalForm(KitForm):
    offre = RadioField("L'offre que vous proposez", choices=[], validate_choice=False,
                       validators=[required("Choisissez l'offre que vous proposez au candidat.")],
                       description="Une de vos offres en ligne.")
    message = TextAreaField("Votre message au candidat",
                            [required("Écrivez un message au candidat : dites-lui pourquoi son profil vous "
                                      "intéresse."), length(MAX_MESSAGE, "Le message")],
                            description="Dites au candidat pourquoi son profil vous intéresse. Il ne connaît "
                                        "pas encore votre entreprise : présentez-la en quelques mots.")
    cle = HiddenField()


@router.route(f"{BANK_PATH}/<cv_id>/proposition", ["GET", "POST"])
def propose(ctx: Context, cv_id: str) -> Response:
    bank = bank_cv(ctx, cv_id)
    desk, recruiter_id = ProposalDesk(ctx.services), ctx.user_id or ""
    proposed = desk.sent_to(recruiter_id, bank.user_id)
    online = desk.online_offers(recruiter_id)
    offers = [offer for offer in online if offer.id not in proposed]
    form = ctx.bind(ProposalForm, cle=new_id())
    form.offre.choices = [(offer.id, f"{offer.title} (offre n° {offer.id})") for offer in offers]
    page = ctx.page(f"{BANK_PATH}/{bank.id}/proposition", "Proposer une offre au candidat",
                    (*TRAIL, ("Rechercher des CV", BANK_PATH), (bank.title, f"{BANK_PATH}/{bank.id}")))
    render: dict[str, Any] = {"bank": bank, "max_message": MAX_MESSAGE, "proposed": len(proposed),
              "left_today": max(0, MAX_PER_DAY - desk.sent_today(recruiter_id)), "max_per_day": MAX_PER_DAY}
    if ctx.submitted and not valid_id(form.cle.data or ""):
        form.cle.data = new_id()  # an edited key: a fresh one, the rest of the form kept
    if not (ctx.submitted and form.validate()):
        if not offers and not ctx.submitted:
            return ctx.render("services/recruteurs/proposition_no_offer.html", page, **render)
        return ctx.render("services/recruteurs/proposition.html", page, form=form, **render)
    # Among every online offer: the same form sent twice finds its own proposition (ALREADY).
    chosen = next((offer for offer in online if offer.id == form.offre.data), None)
    if chosen is None:
        form.add_error("offre", "Cette offre n'est plus en ligne ou a déjà été proposée à ce candidat : choisissez "
                                "une autre de vos offres.")
        return ctx.render("services/recruteurs/proposition.html", page, form=form, **render)
    me = recruiter(ctx.services.records, recruiter_id)
    proposal = Proposal(id=form.cle.data or new_id(), recruiter_id=recruiter_id, company=me.company if me else "",
                        offer_id=chosen.id, offer_title=chosen.title, candidate_id=bank.user_id, cv_id=bank.id,
                        cv_title=bank.title, cv_mode=bank.mode, message=(form.message.data or "").strip())
    outcome, stored = desk.propose(proposal)
    if outcome is Sent.LIMIT:
        return ctx.render("services/recruteurs/proposition_limit.html",
                          ctx.page(f"{BANK_PATH}/{bank.id}/proposition", "Limite de propositions atteinte", TRAIL),
                          status=409, message=LIMIT_MESSAGE)
    if outcome in (Sent.TAKEN, Sent.OFFER_CLOSED):
        form.add_error("offre", "Cette offre n'est plus en ligne ou a déjà été proposée à ce candidat : choisissez "
                                "une autre de vos offres.")
        return ctx.render("services/recruteurs/proposition.html", page, form=form, **render)
    if outcome is Sent.CREATED:
        ctx.flash(f"Votre proposition de l'offre « {stored.offer_title} » est envoyée au candidat.")
    else:
        ctx.flash(f"Votre proposition de l'offre « {stored.offer_title} » était déjà envoyée.")
    return ctx.redirect(PATH)


@router.get(PATH)
def sent(ctx: Context) -> Response:
    desk, recruiter_id = ProposalDesk(ctx.services), ctx.user_id or ""
    proposals = desk.sent(recruiter_id)
    page = ctx.page(PATH, "Mes propositions envoyées", TRAIL)
    return ctx.render("services/recruteurs/propositions.html", page, proposals=proposals,
                      left_today=max(0, MAX_PER_DAY - desk.sent_today(recruiter_id)), max_per_day=MAX_PER_DAY)

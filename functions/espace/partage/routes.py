"""« Envoyer cette offre par e-mail » (/offres/{id}/envoyer), served by the accounts function:
it needs the mailer and the records (limits), which the offers function has no access to."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.accounts.validation import normalize_email
from espace.partage.forms import TO_FRIEND, ShareForm
from espace.partage.service import PER_ACCOUNT, PER_IP, PER_RECIPIENT, SharedOffer, Sharing
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter()  # public: anyone may send an offer to themselves
OFFER_ID = re.compile(r"[0-9A-Z]{1,20}", re.ASCII)
TOO_MANY = (f"Vous avez atteint la limite d'envoi d'offres par e-mail pour aujourd'hui ({PER_RECIPIENT} par "
            f"adresse, {PER_ACCOUNT} par compte, {PER_IP} par réseau). Réessayez demain.")


def shared_offer(ctx: Context, offer_id: str) -> SharedOffer:
    offer_id = offer_id.upper()
    offer = ctx.services.offers.get(offer_id) if OFFER_ID.fullmatch(offer_id) else None
    if offer is None:
        raise NotFoundError("Cette offre n'existe pas ou n'est plus disponible : elle a peut-être été pourvue ou "
                            "retirée par le recruteur.", title="Offre introuvable")
    raw = offer.raw or {}
    place = (raw.get("lieuTravail") or {}).get("libelle") or offer.place_label
    return SharedOffer(offer.id, raw.get("intitule") or offer.title, place,
                       raw.get("typeContratLibelle") or offer.contract_type)


@router.route("/offres/<offer_id>/envoyer", ["GET", "POST"])
def share(ctx: Context, offer_id: str) -> Response:
    offer = shared_offer(ctx, offer_id)
    account = ctx.account()
    own = {"adresse": account["email"], "confirmation": account["email"]} if account else {}
    form = ctx.bind(ShareForm, **own)  # signed in, « to me » is filled in with the account's address
    if account is None:
        # Only a signed-in candidate may write to someone else: the mail names its sender.
        del form.destinataire
        del form.message
    url = f"/offres/{offer.id}/envoyer"
    trail = (("Offres", "/recherche"), (offer.title, f"/offres/{offer.id}"))
    page = ctx.page(url, "Envoyer cette offre par e-mail", trail)
    render: dict[str, Any] = {"offer": offer, "signed_in": account is not None}
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/partage/share.html", page, form=form, **render)
    to = normalize_email(form.adresse.data)
    own_address = account["email"] if account else None
    to_friend = own_address is not None and form.destinataire.data == TO_FRIEND
    sent = Sharing(ctx.services.records, ctx.services.mailer, ctx.settings.site_url).send(
        offer, to, ctx.request.client_ip, user_id=ctx.user_id, sender=own_address if to_friend else None,
        note=(form.message.data or "") if to_friend else "", own_address=own_address)
    if not sent:
        form.add_error("adresse", TOO_MANY)
        return ctx.render("services/partage/share.html", page, form=form, status=429, **render)
    page = ctx.page(url, "L'offre est envoyée", trail)
    return ctx.render("services/partage/sent.html", page, to=to, **render)

"""Publishing offers (/recruteur/offres…): publish, edit, suspend, resume, close as filled or not.

Another recruiter's offer, an imported offer and an unknown number all answer 404: the page of
an offer one does not own says nothing of whether it exists.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.candidatures.model import RECRUITER_LABELS
from espace.contract_types import LABELS as CONTRACT_LABELS
from espace.recruteurs.model import CLOSED, FILLED, OFFER_STATE_LABELS, ONLINE, SUSPENDED, SiteOffer, recruiter
from espace.recruteurs.offer_forms import EXPERIENCES, PERIODS, TIMES, OfferForm, initial, values_of
from espace.recruteurs.offers import OfferConflictError, OfferDesk, OfferStateError
from espace.text import decimal_label
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, RadioField, choices, required

router = AreaRouter(roles={"recruteur"})
PATH = "/recruteur/offres"
TRAIL = (("Mon espace recruteur", "/recruteur"), ("Mes offres", PATH))
NOT_FOUND = "Cette offre n'existe pas ou n'est pas l'une de vos offres."
CHANGED = ("L'offre a changé entre-temps, peut-être dans un autre onglet : vérifiez son état ci-dessous et "
           "recommencez si besoin.")
CLOSINGS = (("pourvue", "Oui, l'offre est pourvue"), ("non-pourvue", "Non, je la retire sans l'avoir pourvue"))


class CloseForm(KitForm):
    issue = RadioField("Avez-vous trouvé la personne à recruter ?", choices=choices(CLOSINGS),
                       validators=[required("Dites si l'offre est pourvue ou si vous la retirez sans l'avoir "
                                            "pourvue.")])


def _desk(ctx: Context) -> OfferDesk:
    me = recruiter(ctx.services.records, ctx.user_id or "")
    if me is None:  # the guard admitted the role, so the profile is there; never trust it blindly
        raise NotFoundError(NOT_FOUND, title="Offre introuvable")
    return OfferDesk(ctx.services, me)


def _offer_or_404(ctx: Context, offer_id: str) -> tuple[OfferDesk, SiteOffer]:
    desk = _desk(ctx)
    offer = desk.get(offer_id)
    if offer is None:
        raise NotFoundError(NOT_FOUND, title="Offre introuvable")
    return desk, offer


def offer_url(offer: SiteOffer, sub: str = "") -> str:
    return f"{PATH}/{offer.id}" + (f"/{sub}" if sub else "")


def _trail(offer: SiteOffer) -> tuple[tuple[str, str], ...]:
    return (*TRAIL, (offer.title, offer_url(offer)))


# --- the list -----------------------------------------------------------------------------------
@router.get(PATH)
def offers(ctx: Context) -> Response:
    desk = _desk(ctx)
    rows = []
    for offer in desk.all():
        applications = desk.applications(offer.id)
        rows.append({"offer": offer, "state": OFFER_STATE_LABELS.get(offer.state, offer.state),
                     "count": len(applications), "new": sum(1 for a in applications if a.state == "nouvelle")})
    return ctx.render("services/recruteurs/offres/list.html", ctx.page(PATH, "Mes offres", TRAIL[:1]), rows=rows,
                      company=desk.recruiter.company)


# --- publishing ---------------------------------------------------------------------------------
def _form_page(ctx: Context, form: OfferForm, url: str, title: str, trail: tuple[tuple[str, str], ...],
               status: int | None = None, **context: Any) -> Response:
    return ctx.render("services/recruteurs/offres/form.html", ctx.page(url, title, trail), form=form, action=url,
                      status=status, **context)


@router.route(f"{PATH}/nouvelle", ["GET", "POST"])
def publish(ctx: Context) -> Response:
    desk = _desk(ctx)
    url = f"{PATH}/nouvelle"
    if not ctx.submitted:
        form = OfferForm(None, cle=desk.draw_id(), duree_unite="mois", salaire_periode="mensuel")
        return _form_page(ctx, form, url, "Publier une offre", TRAIL, company=desk.recruiter.company)
    form = ctx.bind(OfferForm)
    form.validate()
    values = values_of(form, ctx.services.rome, ctx.services.places)
    if values is None:
        return _form_page(ctx, form, url, "Publier une offre", TRAIL, company=desk.recruiter.company)
    created, offer = desk.publish(form.cle.data or "", values)
    if created:
        ctx.flash(f"Votre offre « {offer.title} » est en ligne sous le numéro {offer.id} : les candidats peuvent la "
                  "trouver et y postuler.")
    else:
        ctx.flash(f"Votre offre « {offer.title} » était déjà publiée : la voici.", "important")
    return ctx.redirect(offer_url(offer))


# --- an offer -----------------------------------------------------------------------------------
def _rows(offer: SiteOffer) -> list[dict[str, Any]]:
    values = offer.values
    contract = CONTRACT_LABELS.get(values.get("contrat", ""), values.get("contrat", ""))
    if values.get("duree"):
        contract += f", {values['duree']} {values.get('duree_unite') or 'mois'}"
    time_label = dict(TIMES).get(values.get("temps", ""), "")
    if values.get("heures_minutes"):
        hours, minutes = divmod(values["heures_minutes"], 60)
        time_label += f", {hours} h {minutes:02d} par semaine" if minutes else f", {hours} heures par semaine"
    salary = "Selon profil"
    if values.get("salaire_min") is not None:
        salary = f"{decimal_label(values['salaire_min'])}\u00a0€"
        if values.get("salaire_max") is not None and values["salaire_max"] != values["salaire_min"]:
            salary = f"De {salary} à {decimal_label(values['salaire_max'])}\u00a0€"
        salary += f" brut {dict(PERIODS).get(values.get('salaire_periode', ''), '').lower()}"
    experience = dict(EXPERIENCES).get(values.get("experience", ""), "")
    if values.get("experience_annees"):
        experience += f" : {values['experience_annees']} an{'s' if values['experience_annees'] > 1 else ''}"
    job = values.get("appellation_label") or values.get("rome_label", "")
    return [
        {"key": "Numéro de l'offre", "value": offer.id},
        {"key": "Intitulé", "value": offer.title},
        {"key": "Métier", "value": f"{job} (code ROME {values.get('rome_code', '')})"},
        {"key": "Lieu de travail", "value": values.get("lieu_label", "")},
        {"key": "Contrat", "value": contract},
        {"key": "Temps de travail", "value": time_label},
        {"key": "Salaire", "value": salary},
        {"key": "Expérience", "value": experience},
        {"key": "Description", "value": str(values.get("description", "")).splitlines()},
        {"key": "Compétences", "value": values.get("competences") or []},
    ]


@router.get(f"{PATH}/<offer_id>")
def offer_page(ctx: Context, offer_id: str) -> Response:
    desk, offer = _offer_or_404(ctx, offer_id)
    applications = desk.applications(offer.id)
    counts: dict[str, int] = {}
    for application in applications:
        counts[application.state] = counts.get(application.state, 0) + 1
    return ctx.render("services/recruteurs/offres/offer.html",
                      ctx.page(offer_url(offer), offer.title, TRAIL), offer=offer, rows=_rows(offer),
                      state=OFFER_STATE_LABELS.get(offer.state, offer.state), count=len(applications),
                      counts=[(RECRUITER_LABELS.get(s, s), n) for s, n in counts.items()],
                      online=offer.state == ONLINE, suspended=offer.state == SUSPENDED,
                      closed=offer.state in (FILLED, CLOSED), public_url=f"/offres/{offer.id}")


@router.route(f"{PATH}/<offer_id>/modification", ["GET", "POST"])
def edit(ctx: Context, offer_id: str) -> Response:
    desk, offer = _offer_or_404(ctx, offer_id)
    url, title, trail = offer_url(offer, "modification"), "Modifier l'offre", _trail(offer)
    if offer.state in (FILLED, CLOSED):
        return ctx.render("services/recruteurs/offres/closed.html", ctx.page(url, title, trail), status=409,
                          offer=offer, state=OFFER_STATE_LABELS[offer.state], what="modifier")
    if not ctx.submitted:
        return _form_page(ctx, OfferForm(None, **initial(offer.values)), url, title, trail, offer=offer)
    form = ctx.bind(OfferForm)
    form.validate()
    values = values_of(form, ctx.services.rome, ctx.services.places)
    if values is None:
        return _form_page(ctx, form, url, title, trail, offer=offer)
    try:
        desk.edit(offer, values)
    except (OfferConflictError, OfferStateError):
        # Changed (or closed) between this request's read and its write: keep what was typed.
        current = desk.get(offer.id) or offer
        if not current.open and current.state != SUSPENDED:
            return ctx.render("services/recruteurs/offres/closed.html", ctx.page(url, title, trail), status=409,
                              offer=current, state=OFFER_STATE_LABELS[current.state], what="modifier")
        return _form_page(ctx, form, url, title, trail, offer=current, status=409,
                          notice="L'offre a changé entre-temps, peut-être dans un autre onglet : vos saisies sont "
                                 "ci-dessous, enregistrez-les à nouveau pour les appliquer.")
    ctx.flash("Vos modifications sont enregistrées." + (" L'offre en ligne est à jour." if offer.open else ""))
    return ctx.redirect(offer_url(offer))


@router.post(f"{PATH}/<offer_id>/suspension")
def suspend(ctx: Context, offer_id: str) -> Response:
    desk, offer = _offer_or_404(ctx, offer_id)
    try:
        desk.suspend(offer)
    except OfferConflictError:
        ctx.flash(CHANGED, "important")
    except OfferStateError:
        ctx.flash(f"Cette offre est {OFFER_STATE_LABELS[offer.state].lower()} : elle ne peut plus être suspendue.",
                  "important")
    else:
        ctx.flash("L'offre est suspendue : elle n'apparaît plus dans la recherche d'offres et les candidats ne "
                  "peuvent plus y postuler. Vous pouvez la remettre en ligne quand vous voulez.")
    return ctx.redirect(offer_url(offer))


@router.post(f"{PATH}/<offer_id>/remise-en-ligne")
def resume(ctx: Context, offer_id: str) -> Response:
    desk, offer = _offer_or_404(ctx, offer_id)
    try:
        desk.resume(offer)
    except OfferConflictError:
        ctx.flash(CHANGED, "important")
    except OfferStateError:
        ctx.flash(f"Cette offre est {OFFER_STATE_LABELS[offer.state].lower()} : elle ne peut pas être remise en "
                  "ligne. Publiez une nouvelle offre.", "important")
    else:
        ctx.flash("L'offre est de nouveau en ligne : les candidats peuvent la trouver et y postuler.")
    return ctx.redirect(offer_url(offer))


@router.route(f"{PATH}/<offer_id>/cloture", ["GET", "POST"])
def close(ctx: Context, offer_id: str) -> Response:
    desk, offer = _offer_or_404(ctx, offer_id)
    url, title, trail = offer_url(offer, "cloture"), "Clôturer l'offre", _trail(offer)
    if offer.state in (FILLED, CLOSED) and not ctx.submitted:
        return ctx.render("services/recruteurs/offres/closed.html", ctx.page(url, title, trail), offer=offer,
                          state=OFFER_STATE_LABELS[offer.state], what="clôturer")
    form = ctx.bind(CloseForm)
    pending = sum(1 for a in desk.applications(offer.id) if a.pending)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/recruteurs/offres/close.html", ctx.page(url, title, trail), form=form,
                          offer=offer, pending=pending)
    already = offer.state in (FILLED, CLOSED)
    try:
        closed, moved = desk.close(offer, form.issue.data == "pourvue")
    except OfferConflictError:
        ctx.flash(CHANGED, "important")
        return ctx.redirect(offer_url(offer))
    if already:
        ctx.flash(f"Cette offre était déjà {OFFER_STATE_LABELS[closed.state].lower()}.", "important")
    else:
        told = (f" {moved} candidat{'s' if moved > 1 else ''} en attente de réponse {'ont' if moved > 1 else 'a'} été "
                "prévenu" + ("s." if moved > 1 else ".")) if moved else ""
        ctx.flash(f"L'offre est clôturée ({OFFER_STATE_LABELS[closed.state].lower()}) : elle n'est plus en ligne."
                  + told)
    return ctx.redirect(offer_url(offer))

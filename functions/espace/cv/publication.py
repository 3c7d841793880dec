"""Étape 4 sur 4, « Mise en ligne » (the seed's étape 3): consents, the gauge's « Compléter / Ignorer » page, the
confirmation with the offers matching the CV.

The two consents are asked as questions with « Oui » and « Non », neither chosen beforehand:
putting the CV in the bank, and letting counsellors pass it to employers with the contact
details. Validating a draft whose gauge is low goes first through a page of its own (the
seed's pop-in, without a pop-in): « Compléter votre CV » or « Ignorer et continuer », the
choices travelling in that page's address and its button's form, so nothing half-done is
stored. Later, the same page changes the consents; « Non » to the first takes the CV out of
the bank at once (``CvBook`` keeps the index in step).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler import Response

from espace.contract_types import LABELS as CONTRACT_LABELS
from espace.cv import bank_consent, common
from espace.cv.gauge import gauge
from espace.cv.model import DRAFT, SUSPENDED, Consent, Cv
from espace.cv.service import CvBook, NotReadyError
from espace.cv.target import missing
from espace.offers.model import Hit, SearchQuery
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import KitForm, RadioField, choices, required
from espace.web.request import FormData

router = AreaRouter(roles={"candidat"})
SLUG = "mise-en-ligne"
OFFERS_SHOWN = 5
logger = logging.getLogger(__name__)
YES_NO_PUBLISH = (("oui", "Oui, les employeurs et les conseillers pourront trouver mon CV, sans mes coordonnées"),
                  ("non", "Non, je garde mon CV pour moi : je pourrai l'envoyer moi-même par courriel"))
YES_NO_DETAILS = (("oui", "Oui, les conseillers peuvent transmettre mon CV avec mes coordonnées"),
                  ("non", "Non, mon CV est transmis sans mes coordonnées"))


class ConsentForm(KitForm):
    publier = RadioField("Mettre mon CV en ligne dans la banque de CV ?", choices=choices(YES_NO_PUBLISH),
                         description="Les employeurs y cherchent des candidats et peuvent vous proposer une offre. "
                                     "Ils voient votre CV sans vos coordonnées personnelles.",
                         validators=[required("Indiquez si vous mettez votre CV en ligne dans la banque de CV : "
                                              "oui ou non.")])
    coordonnees = RadioField("Les conseillers peuvent-ils transmettre votre CV aux employeurs avec vos coordonnées "
                             "personnelles ?", choices=choices(YES_NO_DETAILS),
                             description="Un conseiller qui pense à vous pour une offre peut envoyer votre CV à "
                                         "l'employeur ; vos coordonnées lui permettent de vous contacter directement.",
                             validators=[required("Indiquez si les conseillers peuvent transmettre votre CV avec vos "
                                                  "coordonnées : oui ou non.")])

    def consent(self) -> Consent:
        return Consent(publish=self.publier.data == "oui", share_details=self.coordonnees.data == "oui")


def _answers(consent: Consent) -> dict[str, str]:
    return {"publier": "oui" if consent.publish else "non", "coordonnees": "oui" if consent.share_details else "non"}


def _page(ctx: Context, cv: Cv, template: str, title: str, sub: str = "", status: int | None = None,
          form: KitForm | None = None, **context: Any) -> Response:
    page = common.step_page(ctx, cv, SLUG, title, sub)
    return ctx.render(f"services/cv/publication/{template}.html", page, status=status, form=form, cv=cv,
                      step=common.step_context(cv, SLUG), gauge=gauge(cv), here=common.cv_url(cv, SLUG),
                      bank_explanation=bank_consent.EXPLANATION,
                      bank_notice=bank_consent.notice(ctx.services.records, ctx.user_id or ""), **context)


def _consent_given(ctx: Context, consent: Consent) -> str:
    """« Oui » to the bank is the consent « Partager mon CV avec les employeurs » (bank_consent):
    recorded, dated, when it was not given; the sentence that says so, else ""."""
    if consent.publish and bank_consent.record_given(ctx.services.records, ctx.user_id or ""):
        return f" Votre accord « {bank_consent.LABEL} » est donné à la date d'aujourd'hui (page Le consentement)."
    return ""


# --- the consents ------------------------------------------------------------------------------
@router.route("/cv/<cv>/mise-en-ligne", ["GET", "POST"])
def consents(ctx: Context, cv: str) -> Response:
    cvs, found = common.cv_or_404(ctx, cv)
    if not found.target.complete:
        # A stale tab may still post: nothing changes, the page says what is missing.
        return _page(ctx, found, "consents", "Mise en ligne", status=409 if ctx.submitted else None,
                     missing=missing(found))
    form = ctx.bind(ConsentForm, **({} if found.state == DRAFT else _answers(found.consent)))
    if not (ctx.submitted and form.validate()):
        return _page(ctx, found, "consents", "Mise en ligne", form=form, missing=[])
    consent = form.consent()
    if found.state == DRAFT:
        if gauge(found).low:
            return ctx.redirect(common.cv_url(found, "taux") + "?" + urlencode(_answers(consent)))
        return _publish(ctx, cvs, found, consent)
    return _change(ctx, cvs, found, consent)


def _publish(ctx: Context, cvs: CvBook, cv: Cv, consent: Consent) -> Response:
    if told := _consent_given(ctx, consent).strip():
        ctx.flash(told)
    try:
        cvs.publish(cv, consent)
    except NotReadyError:
        ctx.flash("Votre cible professionnelle n'est plus complète : complétez-la avant la mise en ligne.",
                  "important")
        return ctx.redirect(common.cv_url(cv, SLUG))
    return ctx.redirect(common.cv_url(cv, "confirmation"))


def _change(ctx: Context, cvs: CvBook, cv: Cv, consent: Consent) -> Response:
    """New answers for a CV already validated: in or out of the bank at once."""
    was_in_bank = cv.indexable
    told = _consent_given(ctx, consent)
    if cv.state == SUSPENDED:
        cv.consent = consent  # suspended stays suspended: resuming is its own action
        cvs.save(cv)
        ctx.flash(("Vos choix sont enregistrés. Votre CV reste suspendu : remettez-le en ligne depuis sa page pour "
                   "qu'il revienne dans la banque de CV." if consent.publish else
                   "Vos choix sont enregistrés : votre CV ne sera pas dans la banque de CV, même remis en ligne.")
                  + told)
        return ctx.redirect(common.cv_url(cv, SLUG))
    cvs.publish(cv, consent)
    if was_in_bank and not consent.publish:
        ctx.flash("Votre CV n'est plus dans la banque de CV : les recruteurs ne le trouvent plus. Vous pouvez toujours "
                  "l'envoyer vous-même par courriel.")
    elif consent.publish and not was_in_bank:
        ctx.flash("Votre CV est de nouveau dans la banque de CV : les recruteurs peuvent le trouver." + told)
    else:
        ctx.flash("Vos choix sont enregistrés." + told)
    return ctx.redirect(common.cv_url(cv, SLUG))


# --- the low gauge: « Compléter votre CV » / « Ignorer et continuer » ------------------------------
@router.route("/cv/<cv>/taux", ["GET", "POST"])
def rate(ctx: Context, cv: str) -> Response:
    cvs, found = common.cv_or_404(ctx, cv)
    if found.state != DRAFT:
        return ctx.redirect(common.cv_url(found, "confirmation"))  # already validated (a second click)
    answers = ctx.form_data() if ctx.submitted else FormData(
        fields={name: [value] for name in ("publier", "coordonnees") if (value := ctx.request.query(name))})
    form = ConsentForm(answers)
    if not form.validate():
        return ctx.redirect(common.cv_url(found, SLUG))  # no answers to carry on with: ask them
    if ctx.submitted:
        return _publish(ctx, cvs, found, form.consent())
    return _page(ctx, found, "rate", "Taux de saisie de votre CV", "taux", answers=_answers(form.consent()),
                 complete_url=common.cv_url(found, "informations"))


# --- the confirmation, with the offers matching the CV ---------------------------------------------
@router.get("/cv/<cv>/confirmation")
def confirmation(ctx: Context, cv: str) -> Response:
    _, found = common.cv_or_404(ctx, cv)
    if found.state == DRAFT:
        return ctx.redirect(common.cv_url(found, SLUG))
    hits = matching_offers(ctx, found)
    title = "Votre CV est en ligne" if found.indexable else "Votre CV est enregistré"
    page = ctx.page(common.cv_url(found, "confirmation"), title, common.cv_trail(found))
    return ctx.render("services/cv/publication/confirmation.html", page, cv=found, gauge=gauge(found), hits=hits,
                      contract_labels=CONTRACT_LABELS, search_url=common.cv_url(found, "offres"),
                      suspended=found.state == SUSPENDED)


def offer_queries(ctx: Context, cv: Cv, limit: int) -> list[SearchQuery]:
    """The searches the CV's target makes: its métier, contracts and working time, in its communes
    (the search's default radius) and in its départements and régions, one query for each kind
    since the port's place filters all apply together."""
    target, places = cv.target, ctx.services.places
    times = set(target.working_times)
    base = SearchQuery(rome_codes=(target.rome_code,), appellation=target.appellation_code or None,
                       contract_types=tuple(target.contracts), full_time=True if times == {"plein"} else
                       False if times == {"partiel"} else None, limit=limit, facets=False, now=int(time.time()))
    communes = tuple(p for w in target.places if w.kind == "commune" and (p := places.commune(w.code)))
    regions = {w.code for w in target.places if w.kind == "region"}
    departements = {w.code for w in target.places if w.kind == "departement"}
    if regions:
        departements |= {code for code in places.codes("departement")
                         if (d := places.departement(code)) is not None and d.region in regions}
    queries = []
    if communes:
        queries.append(dataclasses.replace(base, communes=communes))
    if departements:
        queries.append(dataclasses.replace(base, departements=tuple(sorted(departements))))
    return queries or [base]


def matching_offers(ctx: Context, cv: Cv, limit: int = OFFERS_SHOWN) -> list[Hit] | None:
    """The best offers for the CV, best first; None when the offer index does not answer."""
    found: dict[str, Hit] = {}
    try:
        for query in offer_queries(ctx, cv, limit):
            for hit in ctx.services.offers.search(query).hits:
                found.setdefault(hit.offer.id, hit)
    except Exception:  # the offer index down must not hide that the CV is saved
        logger.exception("the offers matching a CV could not be searched")
        return None
    return sorted(found.values(), key=lambda h: (-h.relevance, -h.offer.created_at, h.offer.id))[:limit]

"""« Le consentement » (/mon-dossier/consentements): what the candidate agrees to, each given and
withdrawn with its date, the history kept.

Records, in ``USER#{uid}``:

- ``CONSENT#{topic}``: the current choice {topic, given, at, version};
- ``CONSENT-LOG#{topic}#{version:05d}``: each change {topic, given, at}, written only if absent
  in the same transaction as the current choice. The form carries the version it was drawn
  from: a double click or a retried request claims the same version once, and a form drawn
  before another tab's change is told the choice already changed (nothing written twice).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from aws_lambda_powertools.event_handler import Response

from espace.cv import bank_consent
from espace.dossier.access import TRAIL, dossier_of, no_dossier
from espace.ports import ConditionFailedError, Put, RecordStore
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/consentements"
TITLE = "Le consentement"
TOPICS = {
    "courriers-email": ("Recevoir mes courriers par e-mail plutôt que par la poste",
                        "Avec votre accord, vos courriers arrivent dans Mes courriers et un e-mail vous prévient ; "
                        "rien ne vous est envoyé par la poste. Sans votre accord (c'est le choix par défaut), "
                        "votre agence vous envoie aussi chaque nouveau courrier par la poste, à l'adresse de "
                        "votre dossier."),
    bank_consent.TOPIC: (bank_consent.LABEL, bank_consent.EXPLANATION),  # one truth with the CV bank
    "partenaires": ("Être contacté par les partenaires pour des offres d'emploi",
                    "Les partenaires de l'emploi (missions locales, agences d'intérim, organismes de formation) "
                    "peuvent vous écrire au sujet d'une offre ou d'une formation."),
    "enquetes": ("Répondre aux enquêtes de satisfaction",
                 "Vous pouvez recevoir, quelques fois par an, un questionnaire sur le service rendu."),
}


@dataclass(frozen=True)
class Choice:
    topic: str
    given: bool
    at: int  # epoch seconds; 0 when never chosen
    version: int

    @property
    def label(self) -> str:
        return TOPICS[self.topic][0]

    @property
    def explanation(self) -> str:
        return TOPICS[self.topic][1]


def current(records: RecordStore, user_id: str) -> list[Choice]:
    found = {item["topic"]: item for item in records.query(f"USER#{user_id}", "CONSENT#")}
    return [Choice(topic, bool(found[topic]["given"]), int(found[topic]["at"]), int(found[topic]["version"]))
            if topic in found else Choice(topic, False, 0, 0) for topic in TOPICS]


def history(records: RecordStore, user_id: str) -> list[dict]:
    """Every change, newest first."""
    return sorted(records.query(f"USER#{user_id}", "CONSENT-LOG#"), key=lambda i: (i["at"], i["sk"]), reverse=True)


def change(records: RecordStore, user_id: str, topic: str, given: bool, version: int) -> bool:
    """Record the choice as version ``version`` + 1; False when that version was already taken
    (a second click, or another tab changed it first)."""
    at, following = int(time.time()), version + 1
    pk = f"USER#{user_id}"
    try:
        records.transact([
            Put({"pk": pk, "sk": f"CONSENT-LOG#{topic}#{following:05d}", "kind": "consent-log", "topic": topic,
                 "given": given, "at": at}, if_absent=True),
            Put({"pk": pk, "sk": f"CONSENT#{topic}", "kind": "consent", "topic": topic, "given": given, "at": at,
                 "version": following})])
    except ConditionFailedError:
        return False
    return True


@router.get("/consentements")
def consents(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    if dossier_of(ctx.services.records, user_id) is None:
        return no_dossier(ctx, BASE, TITLE, "Le consentement")
    return ctx.render("services/dossier/consentements/consents.html", ctx.page(BASE, TITLE, TRAIL),
                      choices=current(ctx.services.records, user_id), history=history(ctx.services.records, user_id),
                      topics=TOPICS, cvs_in_bank=bank_consent.in_bank(ctx.services, user_id))


@router.post("/consentements/<topic>")
def give_or_withdraw(ctx: Context, topic: str) -> Response:
    user_id = ctx.user_id or ""
    if topic not in TOPICS:
        raise NotFoundError("Ce consentement n'existe pas.", title="Consentement introuvable")
    if dossier_of(ctx.services.records, user_id) is None:
        return no_dossier(ctx, BASE, TITLE, "Le consentement")
    form = ctx.form_data()
    wanted, version = form.get("accord"), form.get("version") or ""
    if wanted not in ("oui", "non") or not version.isdigit() or len(version) > 6:
        ctx.flash("Ce choix n'a pas pu être lu : rien n'a changé. Choisissez de nouveau.", "important")
        return ctx.redirect(BASE)
    now = next(c for c in current(ctx.services.records, user_id) if c.topic == topic)
    if now.version == int(version) and change(ctx.services.records, user_id, topic, wanted == "oui", int(version)):
        ctx.flash(f"« {TOPICS[topic][0]} » : votre accord est {'donné' if wanted == 'oui' else 'retiré'}."
                  + _bank_sentence(topic, wanted == "oui"))
    elif now.given != (wanted == "oui"):
        ctx.flash(f"« {TOPICS[topic][0]} » venait de changer dans une autre page : voici votre choix actuel, "
                  "rien d'autre n'a été enregistré.", "important")
    bank = bank_consent.state(ctx.services.records, user_id) if topic == bank_consent.TOPIC else None
    if bank is not None and bank.at and not bank.given:
        # Withdrawn (now, or by a first request that stopped half way): every CV out of the bank.
        bank_consent.withdraw(ctx.services, user_id)
    return ctx.redirect(BASE)


def _bank_sentence(topic: str, given: bool) -> str:
    if topic != bank_consent.TOPIC:
        return ""
    return " " + (bank_consent.GIVEN_BACK if given else bank_consent.WITHDRAWN)

"""Counsellors: writing a letter into a candidate's « Mes courriers »
(``GET|POST /conseiller/candidats/<identifiant>/courrier``).

The form (subject, text) carries a key drawn when it is shown: the letter is
``deliver_letter(…, COUNSELLOR, about=key)``, made once per form whatever the double clicks or
retries (both answers lead to the dossier). The letter's making puts the audit entry, and a mail
tells the candidate (through the Mailbox: « Mes messages » keeps it).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.conseillers import audit
from espace.conseillers.common import form_key, me, new_key
from espace.conseillers.dossiers import TEMPLATES, candidate_or_404, candidate_trail, dossier_url
from espace.conseillers.sections import Candidate
from espace.dossier import letters
from espace.messages.service import Mailbox
from espace.ports import Message, StoreError
from espace.text import PARIS, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import HiddenField, KitForm, StringField, TextAreaField, length, required, strip

router = AreaRouter(roles={"conseiller"})
SUBJECT_MAX, TEXT_MAX = 120, 5000
logger = logging.getLogger(__name__)


class LetterForm(KitForm):
    objet = StringField("Objet du courrier", [required("Saisissez l'objet du courrier."),
                                              length(SUBJECT_MAX, "L'objet")], filters=[strip],
                        description="Il sera le titre du courrier dans « Mes courriers » du candidat.")
    texte = TextAreaField("Texte du courrier", [required("Saisissez le texte du courrier."),
                                                length(TEXT_MAX, "Le texte")], filters=[strip],
                          description="Une ligne vide sépare deux paragraphes. « Bonjour » et votre signature "
                                      "sont ajoutés.")
    cle = HiddenField()


def paragraphs(text: str) -> list[list[str]]:
    """The text's paragraphs (at blank lines), each a list of its lines."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [[line.strip() for line in block.split("\n")] for block in blocks if block]


def letter_context(ctx: Context, candidate: Candidate, form: LetterForm) -> dict[str, Any]:
    return {"agency": ctx.services.agencies.get(candidate.dossier.agency_id), "name": candidate.name,
            "identifier": candidate.dossier.identifier, "written_on": french_date(dt.datetime.now(PARIS).date()),
            "paragraphs": [["Bonjour,"], *paragraphs(form.texte.data or "")],
            "counsellor": candidate.counsellor.name}


@router.route("/conseiller/candidats/<identifiant>/courrier", ["GET", "POST"])
def write(ctx: Context, identifiant: str) -> Response:
    who = me(ctx)
    candidate = candidate_or_404(ctx, who, identifiant)
    url = dossier_url(candidate.dossier.identifier)
    form = ctx.bind(LetterForm)
    if not ctx.submitted:
        form.cle.data = new_key()
    page = ctx.page(f"{url}/courrier", f"Écrire un courrier à {candidate.name}", candidate_trail(candidate))
    if not (ctx.submitted and form.validate()):
        return ctx.render(f"{TEMPLATES}/courrier.html", page, form=form, candidate=candidate, url=url,
                          subject_max=SUBJECT_MAX, text_max=TEXT_MAX)
    key = form_key(form.cle.data)
    letter, made = letters.deliver_letter(ctx.services, candidate.user_id, letters.COUNSELLOR, form.objet.data,
                                          letter_context(ctx, candidate, form), about=key)
    if made:
        audit.record(ctx.services.records, who, candidate.user_id, "courrier-ecrit",
                     about=candidate.dossier.identifier, detail={"courrier": letter.public_id, "objet": letter.title})
        _tell(ctx, candidate, letter)
    ctx.flash(f"Le courrier « {letter.title} » est dans « Mes courriers » du candidat.")
    return ctx.redirect(f"{url}#courriers")


def _tell(ctx: Context, candidate: Candidate, letter: letters.Letter) -> None:
    if not candidate.email:
        return
    link = f"{ctx.settings.site_url.rstrip('/')}/mon-dossier/courriers/{letter.public_id}"
    text = (f"Bonjour,\n\nVotre conseiller vous a écrit un courrier : « {letter.title} ».\n\nIl vous attend dans "
            f"Mes courriers :\n{link}\n\n-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de "
            "ne pas y répondre.\n")
    try:
        Mailbox(ctx.services.records, ctx.services.mailer).deliver(
            candidate.user_id, Message(to=candidate.email, subject="Un nouveau courrier – Espace candidat", text=text),
            "dossier")
    except StoreError:  # the letter is kept: the page does not fail for its mail
        logger.warning("the mail of letter %s could not leave", letter.public_id, exc_info=True)

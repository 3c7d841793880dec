"""« Envoyer par courriel »: a CV's PDF (or the personal CV's file) sent to a recipient with copies, a cover
letter and the contact details (espace.cv.mailing), then a confirmation page.
"""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.accounts.validation import normalize_email
from espace.cv import mailing, pdf
from espace.cv.common import PERSONAL_PATH, TRAIL, book, cv_or_404, cv_trail, cv_url
from espace.cv.mailing import LETTER_MAX, CvMailer, Outcome, SendForm, Sending, copies_of, cv_mail
from espace.cv.model import Contact
from espace.cv.service import new_id
from espace.ports import FileMissingError, MailAttachment
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"candidat"})


def too_many() -> str:
    return (f"Vous avez atteint la limite de {mailing.PER_DAY} envois de CV par jour. Vos saisies sont gardées "
            "sur cette page : envoyez le message demain.")


NO_PERSONAL = ("Vous n'avez pas de CV personnel à envoyer : déposez d'abord votre fichier sur la page "
               "« Mon CV personnel ».")


def _attachment_name(filename: str) -> str:
    """The personal CV's file name as attached: no path, no quotes or control characters."""
    name = re.sub(r"[\x00-\x1f\"\\/]+", "_", filename.rsplit("/", 1)[-1]).strip(" ._") or "cv"
    return name[-120:]


def _sending(form: SendForm) -> Sending:
    return Sending(normalize_email(form.destinataire.data), tuple(copies_of(form.copies.data or "")),
                   form.objet.data, form.lettre.data or "", bool(form.coordonnees.data))


def _reply_to(ctx: Context, contact: Contact) -> str:
    account = ctx.account() or {}
    return contact.email or str(account.get("email", ""))


def _send(ctx: Context, *, url: str, trail: tuple[tuple[str, str], ...], what: str, default_subject: str,
          attachment_of: Any, cv: Any = None) -> Response:
    """The form, then the sending and its confirmation; ``attachment_of(show_contact)`` builds the file."""
    contact = book(ctx).contact()
    mailer = CvMailer(ctx.services.records, ctx.services.mailer, ctx.user_id or "")
    form = ctx.bind(SendForm, cle=new_id(), objet=default_subject)
    render: dict[str, Any] = {"url": url, "what": what, "contact": contact, "cv": cv,
                              "sent_today": mailer.sent_today(), "per_day": mailing.PER_DAY,
                              "letter_max": LETTER_MAX}
    page = ctx.page(url, "Envoyer mon CV par courriel", trail)
    if ctx.submitted and (previous := mailer.previous(form.cle.data or "")):
        return _confirmation(ctx, url, trail, what, previous["to"], previous.get("cc", []), cv)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/cv/send.html", page, form=form, **render)
    if not re.fullmatch(r"[A-Za-z0-9_-]{8,43}", form.cle.data or ""):
        form.cle.data = new_id()  # a form without its nonce (an old page): a new one, sent once from now on
    sending = _sending(form)
    attachment = attachment_of(sending.show_contact, contact)
    message = cv_mail(sending, contact, _reply_to(ctx, contact), attachment, what)
    outcome = mailer.send(form.cle.data, message, f"avec {what} en pièce jointe")
    if outcome is Outcome.LIMIT:
        form.add_error("destinataire", too_many())
        return ctx.render("services/cv/send.html", page, form=form, status=429, **render)
    return _confirmation(ctx, url, trail, what, sending.to, list(sending.copies), cv)


def _confirmation(ctx: Context, url: str, trail: tuple[tuple[str, str], ...], what: str, to: str,
                  cc: list[str], cv: Any) -> Response:
    page = ctx.page(url, "Votre CV est envoyé", trail)
    return ctx.render("services/cv/sent.html", page, to=to, cc=cc, what=what, cv=cv, url=url)


@router.route("/cv/<cv_id>/envoi", ["GET", "POST"])
def send_cv(ctx: Context, cv_id: str) -> Response:
    _, cv = cv_or_404(ctx, cv_id)

    def attachment(show_contact: bool, contact: Contact) -> MailAttachment:
        data = pdf.render(cv, contact if show_contact else None, settings=ctx.settings)
        return MailAttachment(pdf.pdf_filename(cv), "application/pdf", data)

    return _send(ctx, url=cv_url(cv, "envoi"), trail=cv_trail(cv), what=f"mon CV « {cv.display_title} »",
                 default_subject=f"Candidature : {cv.display_title}", attachment_of=attachment, cv=cv)


@router.route("/cv-personnel/envoi", ["GET", "POST"])
def send_personal(ctx: Context) -> Response:
    cvs = book(ctx)
    personal = cvs.personal()
    if personal is None:
        raise NotFoundError(NO_PERSONAL, title="Aucun CV personnel")

    def attachment(show_contact: bool, contact: Contact) -> MailAttachment:
        try:
            stored = ctx.services.files.get(personal.attachment.key)
        except FileMissingError:
            raise NotFoundError(NO_PERSONAL, title="Aucun CV personnel") from None
        return MailAttachment(_attachment_name(personal.attachment.filename),
                              personal.attachment.content_type or "application/octet-stream", stored.data)

    trail = (*TRAIL, ("Mon CV personnel", PERSONAL_PATH))
    return _send(ctx, url=f"{PERSONAL_PATH}/envoi", trail=trail, what=f"mon CV « {personal.title} »",
                 default_subject=f"Candidature : {personal.title}", attachment_of=attachment)


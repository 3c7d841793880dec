"""Sending an application: the CV frozen as it is sent, the desk's one write, and for an imported
offer the mail to its contact.

The CV sent is a file of its own under ``users/{candidate}/candidatures/{application}/``: a
complete CV as its PDF with the contact details (the candidate sends it to a recruiter), the
personal CV as its file. Editing or deleting the CV afterwards never changes what was sent.

The mail of a « courriel » application leaves only when the desk CREATED the application: a
double click, a retried request or two tabs sending at once make one application and one mail.
If the mail cannot leave, the application is taken back (the candidate may send it again), so
« Mes candidatures » never shows a mail that was not sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from espace.candidatures.model import Application, CvUsed
from espace.candidatures.opening import COURRIEL, Opening
from espace.candidatures.service import ApplicationDesk, Submitted, file_prefix, retention_day
from espace.cv import pdf
from espace.cv.model import Contact
from espace.cv.service import CvBook
from espace.messages.service import Mailbox
from espace.ports import Delete, FileMissingError, MailAttachment, Message

if TYPE_CHECKING:
    from espace.bootstrap import Services

KIND = "candidature"  # « Mes messages »: the kind of the kept copy


class CvGoneError(Exception):
    """The CV chosen in the first step is not there any more."""


class MailFailedError(Exception):
    """The mail to the offer's contact could not leave: nothing was recorded."""


@dataclass(frozen=True)
class Answers:
    cv_choice: str  # a complete CV's id, or apply_forms.PERSONAL
    message: str
    contact: Contact  # name and phone as given in « Mes coordonnées »
    email: str  # where the recruiter answers


def attachment_name(filename: str) -> str:
    """A stored or attached file's name: no path, no quotes or control characters."""
    name = re.sub(r"[\x00-\x1f\"\\/]+", "_", filename.rsplit("/", 1)[-1]).strip(" ._") or "cv"
    return name[-120:]


def cv_options(book: CvBook) -> list[tuple[str, str]]:
    """The CVs a candidate may send: (value, label), the complete CVs then the personal CV."""
    from espace.candidatures.apply_forms import PERSONAL

    options = [(cv.id, f"{cv.display_title} ({cv.state_label.lower()})") for cv in book.all()]
    personal = book.personal()
    if personal is not None:
        options.append((PERSONAL, f"Mon CV personnel : {personal.title} (fichier {personal.attachment.filename})"))
    return options


def frozen_cv(book: CvBook, choice: str, contact: Contact, application_id: str) -> tuple[CvUsed, bytes]:
    from espace.candidatures.apply_forms import PERSONAL

    prefix = file_prefix(book.user_id, application_id)
    if choice == PERSONAL:
        personal = book.personal()
        if personal is None:
            raise CvGoneError(choice)
        try:
            data = book.services.files.get(personal.attachment.key).data
        except FileMissingError:
            raise CvGoneError(choice) from None
        filename = attachment_name(personal.attachment.filename)
        return CvUsed("personnel", personal.id, personal.title, prefix + filename, filename,
                      personal.attachment.content_type or "application/octet-stream"), data
    cv = book.get(choice)
    if cv is None:
        raise CvGoneError(choice)
    filename = pdf.pdf_filename(cv)
    data = pdf.render(cv, contact, settings=book.services.settings)
    return CvUsed("complet", cv.id, cv.display_title, prefix + filename, filename), data


def submit(services: Services, candidate_id: str, opening: Opening, answers: Answers,
           application_id: str) -> tuple[Submitted, Application]:
    desk = ApplicationDesk(services)
    stored = desk.get(candidate_id, opening.offer_id)
    if stored is not None:  # sent already (another tab): no CV rendered again
        return Submitted.ALREADY, stored
    book = CvBook(services, candidate_id)
    cv, data = frozen_cv(book, answers.cv_choice, answers.contact, application_id)
    application = Application(
        id=application_id, kind=opening.kind, offer_id=opening.offer_id, offer_title=opening.title,
        company=opening.company, candidate_id=candidate_id, cv=cv, message=answers.message,
        candidate_name=answers.contact.name, candidate_email=answers.email, candidate_phone=answers.contact.phone,
        state="", recruiter_id=opening.recruiter_id, contact_email=opening.contact_email)
    outcome, application = desk.submit(application, data)
    if outcome is Submitted.CREATED and application.kind == COURRIEL:
        message = contact_mail(application, data, services.settings.site_url)
        try:
            services.mailer.send(message)
        except Exception as error:
            _take_back(services, application)
            raise MailFailedError(application.offer_id) from error
        Mailbox(services.records, services.mailer).keep(candidate_id, kept_copy(message, application), KIND)
    return outcome, application


def _take_back(services: Services, application: Application) -> None:
    services.records.transact([Delete(*application.candidate_key()),
                               Delete(f"RETENTION#{retention_day(application.updated_at)}",
                                      f"{application.candidate_id}#{application.offer_id}")])
    services.files.delete(application.cv.file_key)


def contact_mail(application: Application, cv_data: bytes, site_url: str) -> Message:
    """Plain text only: what the candidate typed is never read as HTML. From the site, answered to
    the candidate (Reply-To)."""
    lines = ["Madame, Monsieur,", "",
             f"{application.candidate_name} vous adresse sa candidature à votre offre « {application.offer_title} » "
             f"(offre n° {application.offer_id}, {site_url.rstrip('/')}/offres/{application.offer_id}).", "",
             "Ses atouts pour ce poste :", "", application.message, "", "--", application.candidate_name,
             f"Téléphone : {application.candidate_phone}", f"Courriel : {application.candidate_email}", "",
             f"Vous trouverez son CV en pièce jointe (fichier « {application.cv.filename} »).",
             f"Pour lui répondre, écrivez à {application.candidate_email} : c'est l'adresse de réponse de ce message.",
             "", "Ce message a été envoyé depuis l'Espace candidat par le candidat lui-même."]
    attachment = MailAttachment(application.cv.filename, application.cv.content_type, cv_data)
    return Message(to=application.contact_email,
                   subject=f"Candidature à votre offre « {application.offer_title[:80]} » ({application.offer_id})",
                   text="\n".join(lines), headers={"Reply-To": application.candidate_email},
                   attachments=(attachment,))


def kept_copy(message: Message, application: Application) -> Message:
    return Message(to=message.to, subject=f"Envoyé : {message.subject}",
                   text=f"Candidature envoyée à {message.to}, avec le CV « {application.cv.title} » en pièce "
                        f"jointe.\n\n{message.text}")

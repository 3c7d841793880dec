"""Booking the registration appointment: three slots offered, one booked, the confirmation mailed.

The booking is ``AgencyAgenda.book``'s transaction (the slot taken only if still free) with the
request's new state (both copies, ``RegistrationDesk.changes``) and a marker
``USER#{uid}`` / ``REGISTRATION-BOOKING#{n:03d}`` written only if absent: of two tabs of one
candidate booking two different slots at once, the second transaction fails on the marker, so a
request never holds two appointments (the slot of the loser stays free). Of two candidates racing
for one slot, the second fails on the slot: ``SlotTaken``, and the page offers three others.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from html import escape

from espace.agences.agenda import AgencyAgenda, Slot, SlotTaken
from espace.agences.model import Agency
from espace.inscription import ics
from espace.inscription.model import BOOKED, SUBMITTED, Registration
from espace.inscription.service import RegistrationDesk
from espace.messages.service import Mailbox
from espace.ports import MailAttachment, Message, Put, RecordStore

logger = logging.getLogger(__name__)

NOTICE_SECONDS = 24 * 3600  # a slot is offered from 24 hours ahead: the agency prepares the interview
OFFERED = 3  # the seed: « choisir en ligne, entre 3 propositions »
PURPOSE = "inscription"
MAIL_KIND = "inscription"
BRING = ("votre carte Vitale", "un RIB", "votre CV", "une pièce d'identité",
         "votre demande d'inscription imprimée et signée")

__all__ = ["SlotTaken", "book", "booking_key", "confirmation_mail", "offered_slots"]


def booking_key(registration: Registration) -> str:
    return f"REGISTRATION-BOOKING#{registration.number:03d}"


def offered_slots(records: RecordStore, registration: Registration, now: float | None = None,
                  exclude: tuple[int, ...] = ()) -> list[Slot]:
    """The three first free slots of the request's agency, from 24 hours on."""
    after = int(time.time() if now is None else now) + NOTICE_SECONDS
    return AgencyAgenda(records, registration.agency_id).free(after=after, limit=OFFERED, exclude=exclude)


def book(records: RecordStore, registration: Registration, start: int, now: float | None = None) -> Registration:
    """Book the slot at ``start`` for a SUBMITTED request: the request BOOKED, or ``SlotTaken``
    (taken meanwhile, closed, never opened, too soon, or another tab booked first)."""
    moment = int(time.time() if now is None else now)
    if registration.state != SUBMITTED or start <= moment + NOTICE_SECONDS:
        raise SlotTaken()
    agenda = AgencyAgenda(records, registration.agency_id)
    free = agenda.get(start)
    if free is None or free.booked:
        raise SlotTaken()
    booked = dataclasses.replace(registration, state=BOOKED, appointment={
        "start": start, "length": free.length, "agency_id": registration.agency_id, "booked_at": moment})
    marker = Put({"pk": f"USER#{registration.user_id}", "sk": booking_key(registration), "start": start,
                  "agency_id": registration.agency_id, "booked_at": moment}, if_absent=True)
    agenda.book(start, registration.user_id, purpose=PURPOSE, reference=registration.reference,
                name=registration.name, also=[*RegistrationDesk(records).changes(booked), marker])
    return booked


def appointment_label(registration: Registration) -> str:
    appointment = registration.appointment or {}
    return Slot(registration.agency_id, int(appointment["start"]), int(appointment["length"])).label()


def confirmation_mail(registration: Registration, agency: Agency, site_url: str) -> Message:
    """The confirmation: when, where, what to bring, with the .ics attached."""
    site = site_url.rstrip("/")
    when = appointment_label(registration)
    page = f"{site}/mon-espace/inscription/rendez-vous"
    lines = ["Bonjour,", "",
             f"Votre rendez-vous d'inscription est pris : {when}.", "",
             "Adresse :", agency.name, agency.address, f"{agency.postal_code} {agency.city}",
             "(Les agences de ce site sont fictives : elles sont inventées pour la démonstration.)", "",
             "Horaires d'ouverture de l'agence :", *[f"- {line}" for line in agency.hours_lines()], "",
             "Apportez :", *[f"- {item}" for item in BRING], "",
             f"Le fichier joint « {ics.FILENAME} » ajoute ce rendez-vous à votre agenda.",
             f"Votre demande (n° {registration.reference}) et ce rendez-vous : {page}", "",
             ics.CHANGING, "", "Espace candidat"]
    html = "".join([
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Votre rendez-vous d\'inscription</title>'
        "</head><body><p>Bonjour,</p>",
        f"<p>Votre rendez-vous d'inscription est pris : <strong>{escape(when)}</strong>.</p>",
        "<h2>Adresse</h2>",
        f"<p>{escape(agency.name)}<br>{escape(agency.address)}<br>{escape(agency.postal_code)} "
        f"{escape(agency.city)}</p>",
        "<p>Les agences de ce site sont fictives : elles sont inventées pour la démonstration.</p>",
        "<h2>Horaires d'ouverture de l'agence</h2><ul>",
        *[f"<li>{escape(line)}</li>" for line in agency.hours_lines()],
        "</ul><h2>Apportez</h2><ul>", *[f"<li>{escape(item)}</li>" for item in BRING], "</ul>",
        f"<p>Le fichier joint « {ics.FILENAME} » ajoute ce rendez-vous à votre agenda.</p>",
        f'<p><a href="{escape(page)}">Votre demande n° {escape(registration.reference)} et ce rendez-vous</a></p>',
        f"<p>{escape(ics.CHANGING)}</p><p>Espace candidat</p></body></html>"])
    attachments = [MailAttachment(ics.FILENAME, ics.CONTENT_TYPE, ics.appointment_ics(registration, agency, site))]
    # TODO(integrator, issue 12 C): attach the request's PDF too, once helper C's printing is merged:
    #   attachments.append(MailAttachment("demande-inscription.pdf", "application/pdf",
    #                                     printing.render(...)))  # C's signature
    return Message(to=registration.email, subject=f"Votre rendez-vous d'inscription : {when}", text="\n".join(lines),
                   html=html, attachments=tuple(attachments))


def send_confirmation(records: RecordStore, mailer, registration: Registration, agency: Agency,
                      site_url: str) -> bool:
    """Mail the confirmation through the candidate's mailbox; False when it could not leave (the
    appointment stands: the page says so and offers the .ics)."""
    if not registration.email:
        return False
    try:
        Mailbox(records, mailer).deliver(registration.user_id, confirmation_mail(registration, agency, site_url),
                                         MAIL_KIND)
    except Exception:  # the mail server's failure must not undo a booked appointment
        logger.exception("the appointment's confirmation could not be mailed")
        return False
    return True

"""The actualisation's daily job: the reminders, then the missed windows.

Run for day D (Europe/Paris), it reads the registered dossiers' index ``REGISTERED#{shard}`` (16
partitions, page by page — never a scan) and, for each candidate who has to declare the month:

- while a window is open and the month is not declared: a mail when the window opens (« ouverture »),
  and one two days before it closes (« rappel », from the 13th); each at most once per candidate,
  month and kind, through a claim ``USER#{uid}`` / ``ACTU-MAIL#{month}#{kind}`` (``espace.once``),
  so a rerun or a missed day sends nothing twice; mails go through the Mailbox (« Mes messages »);
- between two windows (from the day after a closing until the next opening): each registered
  candidate who did not declare the month just closed gets ``USER#{uid}`` / ``MISSED#{month}``
  (written only if absent), the registration ended the day after the closing (« cessation
  d'inscription pour défaut d'actualisation »), the ``REGISTERED#`` entry removed and the agency's
  entry ``AGENCY#{aid}`` / ``MISSED#{month}#{uid}`` written — one transaction — then a mail saying
  so and how to re-register (< 6 months: without an interview). A candidate who declared no longer
  looking for work (and did not correct it before the closing) has the registration ended the same
  day, as declared (``end_reason`` « fin-de-recherche », no missed month).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from espace import clock
from espace.dossier.actualisation import service
from espace.dossier.actualisation.calendar import Window, calendar_of
from espace.dossier.actualisation.common import MISSED_LABEL, MISSED_PREFIX, MISSED_REASON, must_declare
from espace.dossier.actualisation.privacy import agency_missed_key
from espace.dossier.model import REGISTERED, REREGISTRATION_MONTHS, Dossier, months_later
from espace.dossier.opening import dossier_of
from espace.dossier.records import SHARDS, registered_index
from espace.inscription.service import RegistrationDesk
from espace.messages.service import Mailbox
from espace.once import SENT, claim
from espace.ports import ConditionFailedError, Delete, Item, Message, Put

if TYPE_CHECKING:
    from espace.bootstrap import Services

OPENING, REMINDER, ENDED = "ouverture", "rappel", "cessation"
NOT_LOOKING_REASON = "fin-de-recherche"
REMIND_DAYS_BEFORE = 2
PAGE = 500
KIND = "actualisation"  # the mailbox's kind of message
CLAIM_KEEP_SECONDS = 120 * 86400
log = logging.getLogger(__name__)


@dataclass
class ActualisationReport:
    day: dt.date
    window: str = ""
    mailed: dict[str, int] = field(default_factory=lambda: {OPENING: 0, REMINDER: 0, ENDED: 0})
    missed: int = 0
    already_done: int = 0
    declared: int = 0
    not_looking: int = 0  # registrations ended as declared (« je ne recherche plus d'emploi »)
    stale: int = 0
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"Actualisation du {self.day.isoformat()} / actualisation job for {self.day.isoformat()} "
                f"({self.window or 'aucune période / no window'})",
                f"  messages d'ouverture / opening mails: {self.mailed[OPENING]}",
                f"  rappels / reminders: {self.mailed[REMINDER]}",
                f"  actualisations manquées / missed: {self.missed}",
                f"  déjà actualisés / declared: {self.declared}",
                f"  fins d'inscription déclarées / ended as declared: {self.not_looking}",
                f"  déjà faits / already done: {self.already_done}",
                f"  entrées périmées retirées / stale entries removed: {self.stale}"]


class ActualisationRun:
    def __init__(self, services: Services, day: dt.date):
        self.services, self.records, self.day = services, services.records, day
        self.calendar = calendar_of(services)
        self.report = ActualisationReport(day)
        self.now = int(time.time())

    def run(self) -> ActualisationReport:
        window = self.calendar.open_window(self.day)
        if window is not None:
            kind = REMINDER if self.day >= window.closes - dt.timedelta(days=REMIND_DAYS_BEFORE) else OPENING
            self.report.window = f"{window.month} {kind}"
            self._each(lambda uid, dossier: self._remind(uid, dossier, window, kind))
        else:
            closed = self.calendar.last_closed(self.day)
            self.report.window = f"{closed.month} clôturée / closed"
            self._each(lambda uid, dossier: self._settle(uid, dossier, closed))
        return self.report

    def _entries(self, pk: str) -> Iterator[Item]:
        after = None
        while True:
            page = self.records.query_page(pk, limit=PAGE, after=after)
            yield from page.items
            if page.next_key is None:
                return
            after = page.next_key

    def _each(self, action) -> None:
        for shard in range(SHARDS):
            for entry in list(self._entries(f"REGISTERED#{shard:02d}")):
                user_id = str(entry["sk"])
                try:
                    dossier = dossier_of(self.records, user_id)
                    if dossier is None or dossier.state != REGISTERED:
                        self.records.delete(*registered_index(user_id))  # a dossier ended or gone
                        self.report.stale += 1
                        continue
                    action(user_id, dossier)
                except Exception as error:  # one candidate failing must not stop the others
                    log.exception("actualisation job failed for %s", user_id)
                    self.report.failures.append(f"{user_id}: {type(error).__name__}")

    def _claim(self, user_id: str, month: str, kind: str) -> Item | None:
        item = {"pk": f"USER#{user_id}", "sk": f"ACTU-MAIL#{month}#{kind}", "created_at": self.now,
                "expires_at": self.now + CLAIM_KEEP_SECONDS}
        if not claim(self.records, item):
            self.report.already_done += 1
            return None
        return item

    def _mail(self, user_id: str, message_for, done: Item) -> None:
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        if profile and profile.get("email"):
            mailbox = Mailbox(self.records, self.services.mailer)
            message = message_for(str(profile["email"]))
            if self.records.get(f"SUPPRESSED#{profile['email']}", "MAIL") is not None:
                mailbox.keep(user_id, message, KIND)
            else:
                mailbox.deliver(user_id, message, KIND)
        self.records.put({**done, "status": SENT, "done_at": int(time.time())})

    def _remind(self, user_id: str, dossier: Dossier, window: Window, kind: str) -> None:
        if not must_declare(dossier, window.month):
            return
        if service.get(self.records, user_id, window.month) is not None:
            self.report.declared += 1
            return
        if (done := self._claim(user_id, window.month, kind)) is None:
            return
        site = self.services.settings.site_url.rstrip("/")
        self._mail(user_id, lambda to: reminder(to, window, kind, site), done)
        self.report.mailed[kind] += 1

    def _settle(self, user_id: str, dossier: Dossier, window: Window) -> None:
        if not must_declare(dossier, window.month):
            return
        declared = service.get(self.records, user_id, window.month)
        if declared is not None:
            self.report.declared += 1
            if not declared.still_looking:  # « plus à la recherche d'un emploi », not corrected in time
                self._end(user_id, dossier, window.closes + dt.timedelta(days=1), NOT_LOOKING_REASON)
            return
        ended = window.closes + dt.timedelta(days=1)
        registration = RegistrationDesk(self.records).get(user_id, dossier.registration)
        dossier.periods = [*dossier.periods[:-1], {**dossier.periods[-1], "end": ended.isoformat()}]
        dossier.end_reason = MISSED_REASON
        missed = {"pk": f"USER#{user_id}", "sk": f"{MISSED_PREFIX}{window.month}", "kind": "missed",
                  "month": window.month, "closes": window.closes.isoformat(), "ended_on": ended.isoformat(),
                  "agency_id": dossier.agency_id, "recorded_at": self.now}
        agency = {"pk": f"AGENCY#{dossier.agency_id}", "sk": agency_missed_key(window.month, user_id),
                  "user_id": user_id, "month": window.month, "ended_on": ended.isoformat(),
                  "name": registration.name if registration else "", "identifier": dossier.identifier,
                  "reference": registration.reference if registration else ""}
        try:
            self.records.transact([Put(missed, if_absent=True), Put(dossier.item()),
                                   Delete(*registered_index(user_id)), Put(agency)])
        except ConditionFailedError:
            self.report.already_done += 1
            return
        self.report.missed += 1
        if (done := self._claim(user_id, window.month, ENDED)) is not None:
            site = self.services.settings.site_url.rstrip("/")
            self._mail(user_id, lambda to: ended_mail(to, window, ended, site), done)
            self.report.mailed[ENDED] += 1


    def _end(self, user_id: str, dossier: Dossier, ended: dt.date, reason: str) -> None:
        dossier.periods = [*dossier.periods[:-1], {**dossier.periods[-1], "end": ended.isoformat()}]
        dossier.end_reason = reason
        self.records.transact([Put(dossier.item()), Delete(*registered_index(user_id))])
        self.report.not_looking += 1


def reminder(to: str, window: Window, kind: str, site: str) -> Message:
    link = f"{site}/mon-dossier/actualisation"
    if kind == OPENING:
        subject = f"L'actualisation de {window.month_label} est ouverte jusqu'au {window.closes_label}"
        first = (f"L'actualisation de {window.month_label} est ouverte : déclarez votre situation du mois "
                 f"avant le {window.closes_label} à minuit.")
    else:
        subject = f"Rappel : actualisez-vous avant le {window.closes_label}"
        first = (f"Vous ne vous êtes pas encore actualisé pour le mois de {window.month_label}. Il vous reste "
                 f"jusqu'au {window.closes_label} à minuit.")
    text = (f"Bonjour,\n\n{first}\n\nSans actualisation à temps, votre inscription comme demandeur d'emploi "
            f"prendra fin.\n\nRien de nouveau ce mois-ci ? Le bouton « Je n'ai rien à signaler » suffit.\n{link}\n\n"
            "-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n")
    return Message(to=to, subject=subject, text=text)


def ended_mail(to: str, window: Window, ended: dt.date, site: str) -> Message:
    from espace.text import french_date

    again = months_later(ended, REREGISTRATION_MONTHS)
    text = (f"Bonjour,\n\nVous ne vous êtes pas actualisé pour le mois de {window.month_label} avant le "
            f"{window.closes_label}. {MISSED_LABEL} : votre inscription comme demandeur d'emploi a pris fin le "
            f"{french_date(ended)}.\n\nPour la retrouver, réinscrivez-vous : avant le {french_date(again)}, "
            f"votre réinscription se fait en ligne, sans rendez-vous.\n{site}/inscription\n\n"
            "-- \nEspace candidat\nCe message a été envoyé automatiquement : merci de ne pas y répondre.\n")
    return Message(to=to, subject="Votre inscription a pris fin : actualisation manquée", text=text)


def run_actualisation(services: Services, day: dt.date | None = None) -> ActualisationReport:
    return ActualisationRun(services, day or clock.today()).run()

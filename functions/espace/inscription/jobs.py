"""The drafts' job: a registration draft untouched for 30 days is deleted, after a reminder.

Every save of a step writes an age entry ``DRAFT-AGE#inscription#{day}`` / ``{uid}`` (the kit's
``steps.age_key``, the day in Europe/Paris). Run for day D (Paris):

- ``DRAFT-AGE#inscription#{D-23}``: the drafts last saved that day get a mail, through the
  account's mailbox (``Mailbox.deliver``: « Mes messages » keeps it): « votre brouillon sera
  supprimé le {D+7} ».
- ``DRAFT-AGE#inscription#{D-30}``: the drafts still untouched since that day are deleted, and
  the entry with them.

A draft saved again since has a later entry standing for it: the older entry is stale and
removed. The job reads two partitions a day, never a scan.

Each mail and deletion is done once per user and day: a claim in the user's partition
``USER#{uid}`` / ``DRAFT-JOB#{D}#{action}`` (``espace.once.claim``, expiring), so a rerun of the
day (a retry of the schedule, ``make drafts DAY=…``) skips what is done and finishes what a
stopped run left. What is not guarded: a step saved in the milliseconds between reading the
draft and deleting it (on a draft untouched for 30 days, at night) is lost with the draft.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from espace.inscription.flow import DRAFT_DAYS, FLOW
from espace.messages.service import Mailbox
from espace.once import SENT, claim
from espace.ports import Item, Message
from espace.text import PARIS, french_date
from espace.web.lifecycle import on_account_deleted
from espace.web.steps import Drafts

if TYPE_CHECKING:
    from espace.bootstrap import Services

REMIND_AFTER_DAYS = DRAFT_DAYS - 7  # a week's notice
DELETE_AFTER_DAYS = DRAFT_DAYS
DONE_KEEP_SECONDS = 40 * 86400  # long enough for any replay of a day
PAGE = 500
REMIND, DELETE = "rappel", "suppression"
KIND = "inscription"  # the mailbox's kind of message
log = logging.getLogger(__name__)


def today() -> dt.date:
    """The job's day: Paris's, as the age entries' days."""
    return dt.datetime.now(PARIS).date()


def age_partition(day: dt.date) -> str:
    return f"DRAFT-AGE#{FLOW.name}#{day.isoformat()}"


@dataclass
class DraftsReport:
    day: dt.date
    reminded: int = 0
    deleted: int = 0
    already_done: int = 0  # by an earlier run of the same day
    stale: int = 0  # entries of drafts saved again since, or sent, or gone (removed)
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        day = self.day.isoformat()
        return [f"Brouillons d'inscription du {day} / registration drafts for {day}",
                f"  rappels envoyés / reminders sent: {self.reminded}",
                f"  brouillons supprimés / drafts deleted: {self.deleted}",
                f"  déjà faits / already done: {self.already_done}",
                f"  entrées périmées retirées / stale entries removed: {self.stale}"]


class DraftsRun:
    def __init__(self, services: Services, day: dt.date, now: float | None = None):
        self.services, self.records, self.day = services, services.records, day
        self.now = int(time.time() if now is None else now)
        self.report = DraftsReport(day)

    def run(self) -> DraftsReport:
        for days, action in ((REMIND_AFTER_DAYS, REMIND), (DELETE_AFTER_DAYS, DELETE)):
            entry_day = self.day - dt.timedelta(days=days)
            for entry in list(self._entries(age_partition(entry_day))):
                try:
                    self._handle(entry, entry_day, action)
                except Exception as error:  # one draft failing must not stop the others
                    log.exception("drafts %s of %s failed", action, entry["sk"])
                    self.report.failures.append(f"{action} {entry['pk']}/{entry['sk']}: {type(error).__name__}")
        return self.report

    def _entries(self, pk: str) -> Iterator[Item]:
        after = None
        while True:
            page = self.records.query_page(pk, limit=PAGE, after=after)
            yield from page.items
            if page.next_key is None:
                return
            after = page.next_key

    def _handle(self, entry: Item, entry_day: dt.date, action: str) -> None:
        user_id = str(entry["sk"])
        drafts = Drafts(self.records, FLOW, user_id)
        updated_at = drafts.updated_at()
        if updated_at is None or dt.datetime.fromtimestamp(updated_at, PARIS).date() != entry_day:
            self.records.delete(entry["pk"], entry["sk"])  # sent, deleted, or saved again since
            self.report.stale += 1
            return
        done = {"pk": f"USER#{user_id}", "sk": f"DRAFT-JOB#{self.day.isoformat()}#{action}",
                # Expiry on the store's clock, even when a past day is replayed.
                "created_at": self.now, "expires_at": int(time.time()) + DONE_KEEP_SECONDS}
        if not claim(self.records, done):
            self.report.already_done += 1
            return
        if action == REMIND:
            self._remind(user_id, entry_day + dt.timedelta(days=DELETE_AFTER_DAYS))
            self.report.reminded += 1
        else:
            self.records.transact([drafts.discard()])
            self.records.delete(entry["pk"], entry["sk"])
            self.report.deleted += 1
        self.records.put({**done, "status": SENT, "done_at": self.now})

    def _remind(self, user_id: str, deleted_on: dt.date) -> None:
        profile = self.records.get(f"USER#{user_id}", "PROFILE")
        if profile is None or not profile.get("email"):
            return  # the account is gone: its draft goes with it
        message = reminder(str(profile["email"]), deleted_on, self.services.settings.site_url)
        mailbox = Mailbox(self.records, self.services.mailer, clock=lambda: self.now)
        if self.records.get(f"SUPPRESSED#{profile['email']}", "MAIL") is not None:
            mailbox.keep(user_id, message, KIND)  # the address bounces: « Mes messages » still tells
        else:
            mailbox.deliver(user_id, message, KIND)


def reminder(email: str, deleted_on: dt.date, site_url: str) -> Message:
    link = f"{site_url.rstrip('/')}{FLOW.base}"
    date = french_date(deleted_on)
    text = (f"Bonjour,\n\nVous avez commencé une demande d'inscription comme demandeur d'emploi sur l'Espace "
            f"candidat, sans l'envoyer. Votre brouillon n'a pas été modifié depuis {REMIND_AFTER_DAYS} jours : "
            f"il sera supprimé le {date}.\n\nPour le garder, reprenez votre demande avant cette date : chaque étape "
            f"enregistrée le conserve {DRAFT_DAYS} jours de plus.\n{link}\n\nSi vous ne souhaitez plus vous "
            "inscrire, vous n'avez rien à faire.\n\nL'Espace candidat")
    return Message(to=email, subject=f"Votre brouillon de demande d'inscription sera supprimé le {date}", text=text)


def run_drafts(services: Services, day: dt.date, *, now: float | None = None) -> DraftsReport:
    return DraftsRun(services, day, now).run()


@on_account_deleted
def _forget_age_entries(services: Services, user_id: str) -> None:
    """The age entries name the account outside its partition: each day an entry can still be
    read (they expire ten days after the draft's own deadline)."""
    first = today() - dt.timedelta(days=DRAFT_DAYS + 11)
    for offset in range(DRAFT_DAYS + 13):
        services.records.delete(age_partition(first + dt.timedelta(days=offset)), user_id)

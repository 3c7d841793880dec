"""The applications' retention job: archived after six months without activity, deleted after two years.

Run for day D (UTC, the day of ``service.retention_day``):

- ``RETENTION#{D-183}``: the applications whose latest activity fell on that day. One still
  without activity since is archived (``archived=True`` on both copies: it moves to the archive of
  « Mes candidatures » and of the recruiter's inbox; any later move brings it back).
- ``RETENTION#{D-730}``: the same, two years on: both copies, the inbox's log lines and the CV
  file sent with it are deleted, then the entry itself.

An entry whose application moved since is stale: a later day's entry stands for it, so it is
removed. The job reads two partitions a day, never a scan.

Each item is done once per day: a claim ``RETENTION-DONE#{D}`` / ``{action}#{offer}#{application}``
(espace.once) is written before and marked after, so a rerun of the same day (a retry of the
schedule, ``python -m espace.candidatures retention --day D``) skips what is done and finishes what
a stopped run left. The claim names the application, never the candidate, and expires.

What is not guarded: archiving writes both copies as read a moment before; a move in those few
milliseconds (on an application untouched for six months) would be overwritten in the copies —
its log line stays in the recruiter's log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from espace.candidatures.model import Application
from espace.candidatures.service import ApplicationDesk, file_prefix, retention_day
from espace.once import SENT, claim
from espace.ports import Item, Put

if TYPE_CHECKING:
    from espace.bootstrap import Services

ARCHIVE_AFTER_DAYS = 183  # six months
DELETE_AFTER_DAYS = 730  # two years
DONE_KEEP_SECONDS = 40 * 86400  # long enough for any replay of a day
PAGE = 500
ARCHIVE, DELETE = "archive", "suppression"
log = logging.getLogger(__name__)


@dataclass
class RetentionReport:
    day: dt.date
    archived: int = 0
    deleted: int = 0
    already_done: int = 0  # by an earlier run of the same day
    stale: int = 0  # entries of applications with a later activity (removed)
    gone: int = 0  # entries whose application no longer exists (removed)
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        day = self.day.isoformat()
        return [f"Conservation des candidatures du {day} / applications retention for {day}",
                f"  archivées / archived: {self.archived}",
                f"  supprimées / deleted: {self.deleted}",
                f"  déjà faites / already done: {self.already_done}",
                f"  entrées périmées retirées / stale entries removed: {self.stale + self.gone}"]


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@dataclass
class _Found:
    entry: Item
    candidate: Application | None  # the candidate's copy (None once their space is deleted)
    inbox: Application | None  # the recruiter's copy (site applications)

    @property
    def application(self) -> Application | None:
        return self.candidate or self.inbox


class RetentionRun:
    def __init__(self, services: Services, day: dt.date, now: float | None = None):
        self.services, self.records, self.day = services, services.records, day
        self.now = int(time.time() if now is None else now)
        self.desk = ApplicationDesk(services, now=self.now)
        self.report = RetentionReport(day)

    def run(self) -> RetentionReport:
        for days, action in ((ARCHIVE_AFTER_DAYS, ARCHIVE), (DELETE_AFTER_DAYS, DELETE)):
            entry_day = (self.day - dt.timedelta(days=days)).isoformat()
            for entry in list(self._entries(entry_day)):
                try:
                    self._handle(entry, entry_day, action)
                except Exception as error:  # one application failing must not stop the others
                    log.exception("retention %s of %s failed", action, entry["sk"])
                    self.report.failures.append(f"{action} {entry['pk']}/{entry.get('offer_id', '')}: "
                                                f"{type(error).__name__}")
        return self.report

    def _entries(self, day: str) -> Iterator[Item]:
        after = None
        while True:
            page = self.records.query_page(f"RETENTION#{day}", limit=PAGE, after=after)
            yield from page.items
            if page.next_key is None:
                return
            after = page.next_key

    def _find(self, entry: Item) -> _Found:
        offer_id = str(entry["offer_id"])
        if entry.get("candidate_id"):
            candidate = self.desk.get(str(entry["candidate_id"]), offer_id)
            inbox = None
            if candidate is not None and candidate.kind == "site" and candidate.recruiter_id:
                inbox = self.desk.inbox_entry(candidate.recruiter_id, offer_id, candidate.id)
            return _Found(entry, candidate, inbox)
        return _Found(entry, None, self.desk.inbox_entry(str(entry["recruiter_id"]), offer_id,
                                                         str(entry["application_id"])))

    def _handle(self, entry: Item, entry_day: str, action: str) -> None:
        found = self._find(entry)
        application = found.application
        if application is None:
            self.records.delete(entry["pk"], entry["sk"])
            self.report.gone += 1
            return
        if retention_day(application.updated_at) > entry_day:
            self.records.delete(entry["pk"], entry["sk"])  # a later entry stands for it
            self.report.stale += 1
            return
        done = {"pk": f"RETENTION-DONE#{self.day.isoformat()}",
                "sk": f"{action}#{application.offer_id}#{application.id}",
                # Expiry on the store's clock, even when a past day is replayed.
                "created_at": self.now, "expires_at": int(time.time()) + DONE_KEEP_SECONDS}
        if not claim(self.records, done):
            self.report.already_done += 1
            return
        if action == ARCHIVE:
            self._archive(found)
            self.report.archived += 1
        else:
            self._delete(found, application)
            self.report.deleted += 1
        self.records.put({**done, "status": SENT, "done_at": self.now})

    def _archive(self, found: _Found) -> None:
        copies = [(copy, key) for copy, key in ((found.candidate, "candidate"), (found.inbox, "inbox")) if copy]
        puts = [Put(dataclasses.replace(copy, archived=True).to_item(
            *(copy.candidate_key() if key == "candidate" else copy.inbox_key()))) for copy, key in copies]
        self.records.transact(list(puts))

    def _delete(self, found: _Found, application: Application) -> None:
        # The recruiter's side first, the candidate's copy next, the entry last: a run stopped
        # halfway finds, on its rerun, the entry and what is left through it.
        if found.inbox is not None:
            pk, _ = found.inbox.inbox_key()
            for line in self.records.query(pk, f"INBOX-LOG#{application.offer_id}#{application.id}#"):
                self.records.delete(line["pk"], line["sk"])
            self.records.delete(*found.inbox.inbox_key())
        if found.candidate is not None:
            self.services.files.delete_prefix(file_prefix(found.candidate.candidate_id, application.id))
            self.records.delete(*found.candidate.candidate_key())
        self.records.delete(found.entry["pk"], found.entry["sk"])


def run_retention(services: Services, day: dt.date, *, now: float | None = None) -> RetentionReport:
    return RetentionRun(services, day, now).run()

"""Applications, written once against the ports: submitting, reading, moving through states.

Records (see ``model.Application`` for the keys):

- ``USER#{candidate}`` / ``APPLICATION#{offer_id}``: the candidate's copy, one per offer: it is
  written only if absent, so a double click, a retried request or two tabs sending at once make
  one application, whose page every one of them leads to.
- ``USER#{recruiter}`` / ``INBOX#{offer_id}#{application_id}``: the recruiter's copy (site offers),
  written in the same transaction.
- ``USER#{recruiter}`` / ``INBOX-LOG#{offer_id}#{application_id}#{n:03d}``: the n-th transition of a
  site application (who, when, why), written only if absent in the same transaction as both
  copies: two moves decided on the same state cannot both happen (the second finds its line taken
  and gets ``ConflictError``). In the recruiter's partition: it is the inbox's log, and it stays
  when a candidate deletes their space. A mailed application has no transitions.
- ``RETENTION#{yyyy-mm-dd}`` / ``{candidate}#{offer_id}``: the day of an application's latest
  activity, the retention job's own index (it reads one day's partition, never a scan).
  An anonymised recruiter's copy is entered as ``INBOX#{recruiter}#{offer_id}#{application_id}``.

Files: the CV as it was sent, under ``users/{candidate}/candidatures/{application_id}/``: it goes
with the candidate's space when it is deleted.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from espace.candidatures import mails
from espace.candidatures.model import (
    CANDIDATE,
    NEW,
    SENT,
    WITHDRAWN,
    Application,
    Transition,
    can_move,
)
from espace.messages.service import Mailbox
from espace.ports import ConditionFailedError, Delete, Item, Put

if TYPE_CHECKING:
    from espace.bootstrap import Services

RETENTION_TTL = 800 * 24 * 3600  # a retention entry outlives the two years it serves


class Submitted(Enum):
    CREATED = "created"
    ALREADY = "already"  # the same candidate already applied to this offer: nothing was done again


class TransitionError(Exception):
    """This actor may not move the application from its state to that one."""


class ConflictError(Exception):
    """Someone moved the application meanwhile: read it again and decide again."""


def retention_day(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def file_prefix(candidate_id: str, application_id: str) -> str:
    return f"users/{candidate_id}/candidatures/{application_id}/"


class ApplicationDesk:
    def __init__(self, services: Services, now: float | None = None):
        self.services, self.records = services, services.records
        self._now = now

    @property
    def now(self) -> int:
        return int(time.time() if self._now is None else self._now)

    # --- reading ----------------------------------------------------------------------------
    def of_candidate(self, candidate_id: str) -> list[Application]:
        """Every application of a candidate, latest activity first."""
        items = self.records.query(f"USER#{candidate_id}", "APPLICATION#")
        return sorted((Application.from_item(i) for i in items), key=lambda a: (a.updated_at, a.id), reverse=True)

    def get(self, candidate_id: str, offer_id: str) -> Application | None:
        item = self.records.get(f"USER#{candidate_id}", f"APPLICATION#{offer_id}")
        return Application.from_item(item) if item else None

    def inbox(self, recruiter_id: str, offer_id: str) -> list[Application]:
        """A recruiter's applications for one of their offers, newest first."""
        items = self.records.query(f"USER#{recruiter_id}", f"INBOX#{offer_id}#")
        return sorted((Application.from_item(i) for i in items), key=lambda a: (a.created_at, a.id), reverse=True)

    def inbox_entry(self, recruiter_id: str, offer_id: str, application_id: str) -> Application | None:
        item = self.records.get(f"USER#{recruiter_id}", f"INBOX#{offer_id}#{application_id}")
        return Application.from_item(item) if item else None

    # --- submitting -------------------------------------------------------------------------
    def submit(self, application: Application, cv_data: bytes) -> tuple[Submitted, Application]:
        """Record a new application (state NEW for a site offer, SENT for a mailed one) with its CV
        file; returns the stored one. A second submission for the same candidate and offer
        changes nothing and returns the first. Mailing a ``courriel`` one is the caller's, and
        only when CREATED: the winner of the write is the only one that sends."""
        state = NEW if application.kind == "site" else SENT
        first = Transition(state, self.now, CANDIDATE, application.candidate_id)
        application = dataclasses.replace(application, state=state, history=[first], created_at=self.now,
                                          updated_at=self.now)
        if self.get(application.candidate_id, application.offer_id) is None:
            self.services.files.put(application.cv.file_key, cv_data, application.cv.content_type)
        operations: list[Put | Delete] = [Put(application.to_item(*application.candidate_key()), if_absent=True),
                      Put(self._retention_item(application))]
        if application.kind == "site":
            operations += [Put(application.to_item(*application.inbox_key()), if_absent=True),
                           Put(self._log_item(application, 1, first), if_absent=True)]
        try:
            self.records.transact(operations)
        except ConditionFailedError:
            stored = self.get(application.candidate_id, application.offer_id)
            if stored is None:
                raise
            if stored.cv.file_key != application.cv.file_key:  # this request's copy of the CV is not needed
                self.services.files.delete(application.cv.file_key)
            return Submitted.ALREADY, stored
        return Submitted.CREATED, application

    # --- moving -----------------------------------------------------------------------------
    def move(self, application: Application, to: str, actor: str, actor_id: str = "", *, reason: str = "",
             reason_shared: bool = False, notify: bool = True) -> Application:
        """Move ``application`` (as read by the caller) to ``to``: both copies and the log line in one
        transaction, conditional on the log line being free. The candidate is told (mail and « Mes
        messages ») unless they made the move themselves or ``notify`` is False."""
        if not can_move(application.state, actor, to):
            raise TransitionError(f"{actor} cannot move {application.state} to {to}")
        line = Transition(to, self.now, actor, actor_id, reason.strip(), reason_shared and bool(reason.strip()))
        moved = dataclasses.replace(application, state=to, history=[*application.history, line],
                                    updated_at=self.now, archived=False)
        operations: list[Put | Delete] = [Put(self._retention_item(moved))]
        if moved.kind == "site" and moved.recruiter_id:
            operations.append(Put(self._log_item(moved, len(moved.history), line), if_absent=True))
        # The candidate's copy may be gone (their space deleted): the recruiter's copy still moves.
        if self.records.get(*moved.candidate_key()) is not None:
            operations.append(Put(moved.to_item(*moved.candidate_key())))
        if moved.kind == "site" and moved.recruiter_id:
            operations.append(Put(moved.to_item(*moved.inbox_key())))
        try:
            self.records.transact(operations)
        except ConditionFailedError as error:
            raise ConflictError(application.id) from error
        if notify and actor != CANDIDATE and not moved.anonymised:
            self.tell_candidate(moved)
        return moved

    def withdraw(self, candidate_id: str, offer_id: str) -> Application | None:
        """The candidate withdraws a pending application; None when there is none to withdraw."""
        application = self.get(candidate_id, offer_id)
        if application is None or not can_move(application.state, CANDIDATE, WITHDRAWN):
            return None
        return self.move(application, WITHDRAWN, CANDIDATE, candidate_id)

    def tell_candidate(self, application: Application) -> None:
        profile = self.records.get(f"USER#{application.candidate_id}", "PROFILE")
        if profile is None:
            return
        message = mails.state_changed(str(profile["email"]), application, self.services.settings.site_url)
        Mailbox(self.records, self.services.mailer).deliver(application.candidate_id, message, "candidature")

    # --- records ----------------------------------------------------------------------------
    def _log_item(self, application: Application, number: int, line: Transition) -> Item:
        return {"pk": f"USER#{application.recruiter_id}",
                "sk": f"INBOX-LOG#{application.offer_id}#{application.id}#{number:03d}",
                "kind_of_record": "candidature-journal", **dataclasses.asdict(line)}

    def _retention_item(self, application: Application) -> Item:
        if not application.candidate_id:
            # An anonymised recruiter's copy (its candidate deleted their space): found by its
            # inbox key, since no candidate's copy leads to it any more (espace.candidatures.privacy).
            return {"pk": f"RETENTION#{retention_day(application.updated_at)}",
                    "sk": f"INBOX#{application.recruiter_id}#{application.offer_id}#{application.id}",
                    "recruiter_id": application.recruiter_id, "offer_id": application.offer_id,
                    "application_id": application.id, "expires_at": application.updated_at + RETENTION_TTL}
        return {"pk": f"RETENTION#{retention_day(application.updated_at)}",
                "sk": f"{application.candidate_id}#{application.offer_id}", "candidate_id": application.candidate_id,
                "offer_id": application.offer_id, "expires_at": application.updated_at + RETENTION_TTL}

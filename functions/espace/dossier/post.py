"""The agency's post: what leaves by post for a candidate, and when it left.

Two kinds of items, one list per agency, read by the counsellors (espace.conseillers.post):

- an attestation asked « par courrier » (espace.dossier.attestations): the candidate's record is
  ``USER#{uid}`` / ``ATTESTATION-MAIL#{day}#{kind}`` (written only if absent: once per kind and day);
- a letter of « Mes courriers » made for a candidate who has not agreed to receive their letters by
  e-mail (consent ``courriers-email``; the legal default is the post): ``USER#{uid}`` /
  ``LETTER-POST#{letter id}``, written in the letter's own transaction (espace.dossier.letters),
  so a letter is queued exactly once whatever the retries.

Each has a reference ``{ref}``: ``attestation-{yyyymmdd}-{kind}`` or ``courrier-{letter id}``; the
candidate's record holds {post_ref, post_at, agency_id, title} and, once sent, {sent_at, sent_by,
sent_by_name}. The agency's copies:

- ``AGENCY#{aid}`` / ``POST-WAITING#{post_at:010d}#{uid}#{ref}``: waiting, oldest first;
- ``AGENCY#{aid}`` / ``POST-SENT#{sent_at:010d}#{uid}#{ref}``: sent, newest last.

``mark_sent`` deletes the waiting copy *only if present* in the transaction that writes the sent
copy, the candidate's record and the audit entry: of two counsellors (or a double click) marking
one item, one records the sending and the other is told who did.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from espace.dossier import agency_index
from espace.dossier.opening import dossier_of
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, Delete, Item, Put, RecordStore
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.conseillers.model import Counsellor
    from espace.dossier.model import Dossier

WAITING, SENT = "POST-WAITING#", "POST-SENT#"
ATTESTATION_PREFIX = "ATTESTATION-MAIL#"  # espace.dossier.attestations.MAIL_PREFIX
LETTER_PREFIX = "LETTER-POST#"
ATTESTATION, LETTER = "attestation", "courrier"
CONSENT_TOPIC = "courriers-email"  # espace.dossier.consent.TOPICS
_REFERENCE = re.compile(r"([0-9a-f]{32})-(?:attestation-([0-9]{8})-([a-z-]{1,40})|courrier-([0-9a-f]{12}))", re.ASCII)


@dataclass(frozen=True)
class Sending:
    """One item of the agency's post, as the candidate's record says it."""

    user_id: str
    ref: str
    kind: str  # ATTESTATION or LETTER
    title: str
    agency_id: str
    post_at: int
    sent_at: int | None
    sent_by_name: str
    record: Item

    @property
    def reference(self) -> str:
        return f"{self.user_id}-{self.ref}"

    @property
    def waiting_key(self) -> str:
        return f"{WAITING}{self.post_at:010d}#{self.user_id}#{self.ref}"

    def sent_key(self, sent_at: int) -> str:
        return f"{SENT}{sent_at:010d}#{self.user_id}#{self.ref}"

    @classmethod
    def of(cls, user_id: str, record: Item) -> Sending:
        sent = record.get("sent_at")
        return cls(user_id, str(record["post_ref"]), str(record.get("post_kind", ATTESTATION)),
                   str(record.get("title", "")), str(record.get("agency_id", "")), int(record["post_at"]),
                   int(sent) if sent is not None else None, str(record.get("sent_by_name", "")), record)


def attestation_ref(day: dt.date | str, kind: str) -> str:
    return f"attestation-{str(day).replace('-', '')}-{kind}"


def letter_ref(letter_id: str) -> str:
    return f"courrier-{letter_id}"


def holder_name(records: RecordStore, dossier: Dossier) -> str:
    """The name the dossier is held under: the agency's index, else the registration's."""
    entry = agency_index.get(records, dossier.agency_id, dossier.identifier) or {}
    if entry.get("name"):
        return str(entry["name"])
    desk = RegistrationDesk(records)
    registration = desk.get(dossier.user_id, dossier.registration) or desk.current(dossier.user_id)
    return registration.name if registration else ""


def post_by_default(records: RecordStore, user_id: str) -> bool:
    """True unless the candidate has agreed to receive their letters by e-mail instead (the
    consent's current choice; without a choice, the post, as the law has it)."""
    found = records.get(f"USER#{user_id}", f"CONSENT#{CONSENT_TOPIC}")
    return not (found and found.get("given"))


def queue(records: RecordStore, dossier: Dossier, *, sk: str, ref: str, kind: str, title: str, at: int,
          fields: dict[str, Any]) -> list[Put | Delete]:
    """The candidate's record (``sk``, only if absent) and the agency's waiting copy: for the
    caller's transaction."""
    user_id = dossier.user_id
    common = {"post_ref": ref, "post_kind": kind, "title": title, "post_at": at, "agency_id": dossier.agency_id}
    return [
        Put({"pk": f"USER#{user_id}", "sk": sk, **fields, **common}, if_absent=True),
        Put({"pk": f"AGENCY#{dossier.agency_id}", "sk": f"{WAITING}{at:010d}#{user_id}#{ref}", **common,
             "user_id": user_id, "identifier": dossier.identifier, "name": holder_name(records, dossier),
             **{k: v for k, v in fields.items() if k in ("letter", "choice", "attestation")}}),
    ]


def letter_post(records: RecordStore, user_id: str, letter_id: str, title: str, at: int,
                letter_public_id: str) -> list[Put | Delete]:
    """What a new letter adds to its transaction: nothing for a candidate who chose e-mail, or
    without a dossier; else the post's record and the agency's waiting copy (key from the letter)."""
    dossier = dossier_of(records, user_id)
    if dossier is None or not dossier.agency_id or not post_by_default(records, user_id):
        return []
    return queue(records, dossier, sk=f"{LETTER_PREFIX}{letter_id}", ref=letter_ref(letter_id), kind=LETTER,
                 title=title, at=at, fields={"letter": letter_public_id})


# --- reading -------------------------------------------------------------------------------------
def parse_reference(reference: str) -> tuple[str, str] | None:
    """(user id, candidate's record sort key) of a URL reference; None for anything else."""
    match = _REFERENCE.fullmatch(reference or "")
    if match is None:
        return None
    user_id, day, kind, letter_id = match.groups()
    if letter_id:
        return user_id, f"{LETTER_PREFIX}{letter_id}"
    return user_id, f"{ATTESTATION_PREFIX}{day[:4]}-{day[4:6]}-{day[6:]}#{kind}"


def get(records: RecordStore, reference: str) -> Sending | None:
    parsed = parse_reference(reference)
    record = records.get(f"USER#{parsed[0]}", parsed[1]) if parsed else None
    if parsed is None or record is None or "post_ref" not in record:
        return None
    return Sending.of(parsed[0], record)


def sendings_of(records: RecordStore, user_id: str) -> list[Sending]:
    """The candidate's items (attestations and letters), with what the post became."""
    found = [*records.query(f"USER#{user_id}", ATTESTATION_PREFIX), *records.query(f"USER#{user_id}", LETTER_PREFIX)]
    return [Sending.of(user_id, item) for item in found if "post_ref" in item]


def letters_posted(records: RecordStore, user_id: str) -> dict[str, Sending]:
    """The candidate's letters to post or posted, by letter id (a dossier gets a few a year)."""
    return {str(item["sk"]).removeprefix(LETTER_PREFIX): Sending.of(user_id, item)
            for item in records.query(f"USER#{user_id}", LETTER_PREFIX) if "post_ref" in item}


def recently_sent(records: RecordStore, agency_id: str, limit: int) -> list[Item]:
    """The agency's last ``limit`` sendings, newest first."""
    return records.query(f"AGENCY#{agency_id}", SENT, descending=True, limit=limit)


# --- sending -------------------------------------------------------------------------------------
def mark_sent(records: RecordStore, item: Sending, counsellor: Counsellor, audit_entry: Put) -> bool:
    """Record the sending once; False when it was already recorded (the item is read again to say
    by whom and when)."""
    if item.sent_at is not None:
        return False
    now = int(time.time())
    waiting = records.get(f"AGENCY#{item.agency_id}", item.waiting_key) or {}
    try:
        records.transact([
            Delete(f"AGENCY#{item.agency_id}", item.waiting_key, if_present=True),
            Put({**waiting, "pk": f"AGENCY#{item.agency_id}", "sk": item.sent_key(now), "sent_at": now,
                 "sent_by": counsellor.user_id, "sent_by_name": counsellor.name}),
            Put({**item.record, "sent_at": now, "sent_by": counsellor.user_id, "sent_by_name": counsellor.name}),
            audit_entry,
        ])
    except ConditionFailedError:
        return False
    return True


@on_account_deleted
def forget_agency_copies(services: Services, user_id: str) -> None:
    """The agencies' copies name the account: they go with it (waiting or sent)."""
    for item in sendings_of(services.records, user_id):
        operations: list[Put | Delete] = [Delete(f"AGENCY#{item.agency_id}", item.waiting_key)]
        if item.sent_at is not None:
            operations.append(Delete(f"AGENCY#{item.agency_id}", item.sent_key(item.sent_at)))
        services.records.transact(operations)
    # A request by post recorded before the agency's post list had its agency copy under its own key.
    for old in services.records.query(f"USER#{user_id}", ATTESTATION_PREFIX):
        if "post_ref" not in old:
            day, kind = str(old["sk"]).removeprefix(ATTESTATION_PREFIX).split("#", 1)
            services.records.delete(f"AGENCY#{old.get('agency_id')}", f"{ATTESTATION_PREFIX}{day}#{user_id}#{kind}")

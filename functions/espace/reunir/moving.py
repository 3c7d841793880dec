"""Moving a dossier de recherche d'emploi (DRE) from one account to another.

The DRE is what the areas of the job search keep for an account: the classeur, the saved
searches and their alerts, the CVs, the applications and propositions, and « Mes messages ».
Moving it from ``src`` to ``dst``:

1. the files (``users/{src}/cv/…``, ``users/{src}/candidatures/…``) copied under ``users/{dst}/``;
2. every record of ``MOVED`` in ``USER#{src}`` copied into ``USER#{dst}``, with every mention of
   the old id (a file's key, an application's candidate) rewritten;
3. what other partitions and indexes keep about them pointed at ``dst`` (the same places the
   areas' ``@on_account_deleted`` hooks clean): the alert matcher and the alerts' expiry index,
   the CV bank, the recruiters' copies of applications and propositions, their inbox logs and
   the retention index;
4. only then, the records and files left in ``src`` deleted.

Each step writes what it would write again: a move stopped anywhere and run again ends in the
same state, with nothing twice (every key follows from the source's keys).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from espace.alertes.service import SavedSearches, sync_matcher
from espace.candidatures.model import Application
from espace.candidatures.privacy import retention_days
from espace.cv.service import CvBook
from espace.messages.service import COUNT_SK, MAX_MESSAGES
from espace.ports import Item

if TYPE_CHECKING:
    from espace.bootstrap import Services

# The DRE's records: what « vous ne pourrez plus accéder à ce dossier » loses, and what moves.
DRE = ("CLASSEUR#", "SEARCH#", "SEARCH-SLOT#", "ALERTS", "CV#", "CV-SLOT#", "CV-ROME#", "CV-PERSONNEL",
       "CV-COORDONNEES", "APPLICATION#", "PROPOSAL#")
# « Mes messages » keeps the mails of both spaces: they move, and are never discarded.
MESSAGES = ("MSG#", "UNREAD#MSG#")
FOLDERS = ("cv/", "candidatures/")


def rewrite(value: Any, src: str, dst: str) -> Any:
    """``value`` with every mention of the account id ``src`` replaced by ``dst`` (ids are 32 random
    hex digits: a mention is never anything else)."""
    if isinstance(value, str):
        return value.replace(src, dst)
    if isinstance(value, dict):
        return {key: rewrite(item, src, dst) for key, item in value.items()}
    if isinstance(value, list):
        return [rewrite(item, src, dst) for item in value]
    return value


def records_of(services: Services, user_id: str, prefixes: Iterable[str]) -> list[Item]:
    pk = f"USER#{user_id}"
    return [item for prefix in prefixes for item in services.records.query(pk, prefix)
            if prefix != "ALERTS" or item["sk"] == "ALERTS"]


def has_dre(services: Services, user_id: str) -> bool:
    pk = f"USER#{user_id}"
    return any(services.records.query(pk, prefix, limit=1) for prefix in DRE if prefix != "SEARCH-SLOT#")


def summary(services: Services, user_id: str) -> dict[str, int]:
    """How many of each thing the account's DRE holds (the warnings name what would be lost)."""
    pk, records = f"USER#{user_id}", services.records
    return {"classeur": len(records.query(pk, "CLASSEUR#")), "recherches": len(records.query(pk, "SEARCH#")),
            "cv": len(records.query(pk, "CV#")) + len(records.query(pk, "CV-PERSONNEL")),
            "candidatures": len(records.query(pk, "APPLICATION#")),
            "propositions": len(records.query(pk, "PROPOSAL#"))}


def move_dre(services: Services, src: str, dst: str, *, messages: bool = True) -> int:
    """Move ``src``'s DRE (and, with ``messages``, « Mes messages ») into ``dst``; the number of records
    moved. Run again after a stop, it finishes the move."""
    files = services.files
    for key in [key for folder in FOLDERS for key in files.list(f"users/{src}/{folder}")]:
        stored = files.get(key)
        files.put(rewrite(key, src, dst), stored.data, stored.content_type)
    prefixes = (*DRE, *MESSAGES) if messages else DRE
    moved = records_of(services, src, prefixes)
    for item in moved:
        services.records.put({**rewrite(item, src, dst), "pk": f"USER#{dst}"})
    _searches_outside(services, src, dst)
    CvBook(services, dst).sync_bank()  # the bank's documents name their account
    _applications_outside(services, src, dst, [i for i in moved if str(i["sk"]).startswith("APPLICATION#")])
    _propositions_outside(services, src, dst, [i for i in moved if str(i["sk"]).startswith("PROPOSAL#")])
    if messages:
        count = len(services.records.query(f"USER#{dst}", "MSG#", limit=MAX_MESSAGES * 2))
        services.records.put({"pk": f"USER#{dst}", "sk": COUNT_SK, "count": min(count, MAX_MESSAGES)})
    for item in moved:
        services.records.delete(item["pk"], item["sk"])
    for key in [key for folder in FOLDERS for key in files.list(f"users/{src}/{folder}")]:
        files.delete(key)
    return len(moved)


def _searches_outside(services: Services, src: str, dst: str) -> None:
    """The alerts' expiry index entry and the matcher's subscriptions, named by the account id."""
    searches = SavedSearches(services, dst)
    expires = searches.expires_on()
    if expires is not None:
        old = services.records.get(f"ALERT-EXPIRY#{expires.isoformat()}", f"USER#{src}")
        if old is not None:
            services.records.put({**old, "sk": f"USER#{dst}"})
            services.records.delete(old["pk"], old["sk"])
    every = searches.all()
    active = searches.alerts_active()
    sync_matcher(services, put=[(dst, s) for s in every if s.alert_on and active],
                  remove=[f"{src}:{s.sid}" for s in every])


def _applications_outside(services: Services, src: str, dst: str, items: list[Item]) -> None:
    records = services.records
    for item in items:
        application = Application.from_item(item)
        for day in retention_days(application):
            entry = records.get(f"RETENTION#{day}", f"{src}#{application.offer_id}")
            if entry is not None:
                records.put(rewrite(entry, src, dst))
                records.delete(entry["pk"], entry["sk"])
        if application.kind != "site" or not application.recruiter_id:
            continue
        pk = f"USER#{application.recruiter_id}"
        inbox = records.get(pk, f"INBOX#{application.offer_id}#{application.id}")
        if inbox is not None and inbox.get("candidate_id") == src:
            records.put(rewrite(inbox, src, dst))
        for line in records.query(pk, f"INBOX-LOG#{application.offer_id}#{application.id}#"):
            if line.get("actor_id") == src:
                records.put({**line, "actor_id": dst})


def _propositions_outside(services: Services, src: str, dst: str, items: list[Item]) -> None:
    records = services.records
    for item in items:
        recruiter_id, offer_id = str(item.get("recruiter_id") or ""), str(item.get("offer_id") or "")
        if not recruiter_id:
            continue
        sent = records.get(f"USER#{recruiter_id}", f"PROPOSAL-SENT#{offer_id}#{src}")
        if sent is not None:
            records.put(rewrite(sent, src, dst))
            records.delete(sent["pk"], sent["sk"])

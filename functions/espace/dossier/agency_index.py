"""The agency's index of its dossiers, for the counsellors' search (espace.conseillers.dossiers).

``AGENCY#{agency_id}`` / ``DOSSIER#{identifier}``: {user_id, identifier, name, folded}, written by
``open_dossier`` in the transaction that opens (or reopens) the dossier, moved when a
re-registration changes agency, deleted with the account (espace.dossier.privacy). A search by
identifier reads one entry; by name, the agency's entries (``SCAN_BOUND``) filtered on the name
with accents and case folded.
"""

from __future__ import annotations

from espace.ports import Delete, Item, Put, RecordStore
from espace.text import fold

PREFIX = "DOSSIER#"
SCAN_BOUND = 5000  # a large agency's dossiers; the page says when a search had to stop there


def entry(agency_id: str, identifier: str, user_id: str, name: str) -> Put:
    return Put({"pk": f"AGENCY#{agency_id}", "sk": f"{PREFIX}{identifier}", "user_id": user_id,
                "identifier": identifier, "name": name, "folded": fold(name).lower()})


def forget(agency_id: str, identifier: str) -> Delete:
    return Delete(f"AGENCY#{agency_id}", f"{PREFIX}{identifier}")


def get(records: RecordStore, agency_id: str, identifier: str) -> Item | None:
    return records.get(f"AGENCY#{agency_id}", f"{PREFIX}{identifier}")


def search(records: RecordStore, agency_id: str, text: str, limit: int = 50) -> tuple[list[Item], bool]:
    """The agency's dossiers whose holder's name contains every word of ``text`` (folded), by name;
    and whether there were more than ``limit``."""
    words = fold(text).lower().split()
    entries = records.query(f"AGENCY#{agency_id}", PREFIX, limit=SCAN_BOUND)
    found = [item for item in entries if all(word in str(item.get("folded", "")) for word in words)]
    found.sort(key=lambda item: (str(item.get("folded", "")), str(item["identifier"])))
    return found[:limit], len(found) > limit

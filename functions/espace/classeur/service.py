"""The classeur's records: `USER#{uid}` / `CLASSEUR#{offer_id}`, at most ``MAX_OFFERS`` an account.

The sort key is the offer id, so adding an offer twice is one entry (a conditional put), and the
classeur is read whole (a hundred small items at most) to be shown newest first and checked
against the offer index: offers no longer in the index (filled or withdrawn) leave it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from espace.ports import ConditionFailedError, RecordStore

if TYPE_CHECKING:
    from espace.offers.model import Offer, OfferIndex

MAX_OFFERS = 100
PREFIX = "CLASSEUR#"


class ClasseurFullError(Exception):
    """The classeur already holds ``MAX_OFFERS`` offers."""


@dataclass(frozen=True)
class Entry:
    offer_id: str
    title: str
    place: str
    contract: str
    added_at: int


def _entry(item: dict) -> Entry:
    return Entry(str(item["offer_id"]), str(item.get("title", "")), str(item.get("place", "")),
                 str(item.get("contract", "")), int(item.get("added_at", 0)))


class Classeur:
    def __init__(self, records: RecordStore, offers: OfferIndex, clock: Callable[[], float] = time.time):
        self.records, self.offers, self.clock = records, offers, clock

    def entries(self, user_id: str) -> list[Entry]:
        """Every saved offer, newest first."""
        items = self.records.query(f"USER#{user_id}", PREFIX)
        return sorted((_entry(item) for item in items), key=lambda e: (e.added_at, e.offer_id), reverse=True)

    def count(self, user_id: str) -> int:
        return len(self.records.query(f"USER#{user_id}", PREFIX))

    def add(self, user_id: str, offer: Offer, contract_label: str) -> bool:
        """Keep ``offer``; False when it was already there (a double submit adds nothing)."""
        pk, sk = f"USER#{user_id}", PREFIX + offer.id
        if self.records.get(pk, sk) is not None:
            return False
        if self.count(user_id) >= MAX_OFFERS:
            raise ClasseurFullError
        try:
            self.records.put({"pk": pk, "sk": sk, "offer_id": offer.id, "title": offer.title,
                              "place": offer.place_label, "contract": contract_label,
                              "added_at": int(self.clock())}, if_absent=True)
        except ConditionFailedError:
            return False  # the same offer added at the same moment by another request
        return True

    def remove(self, user_id: str, offer_id: str) -> Entry | None:
        """Take the offer out; None when it is not in this account's classeur."""
        item = self.records.get(f"USER#{user_id}", PREFIX + offer_id)
        if item is None:
            return None
        try:
            self.records.delete(f"USER#{user_id}", PREFIX + offer_id, if_present=True)
        except ConditionFailedError:
            return None
        return _entry(item)

    def prune(self, user_id: str) -> list[Entry]:
        """Remove the offers no longer in the index (filled or withdrawn) and return them, so the
        candidate is told once: the next visit finds them gone."""
        entries = self.entries(user_id)
        if not entries:
            return []
        present = self._present(e.offer_id for e in entries)
        gone = [e for e in entries if e.offer_id not in present]
        for entry in gone:
            try:
                self.records.delete(f"USER#{user_id}", PREFIX + entry.offer_id, if_present=True)
            except ConditionFailedError:
                continue  # removed meanwhile (another tab): told there, not here
        return gone

    def _present(self, ids: Iterable[str]) -> set[str]:
        return set(self.offers.get_many(ids))  # one read of the index for the whole classeur

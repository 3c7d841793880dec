"""Counsellors: accounts with role « conseiller » and the one agency they work in.

- ``USER#{id}`` / ``PROFILE``: the account (espace.accounts), ``role`` = "conseiller",
  ``agency_id``, ``name``. Created by an administrator (``python -m espace.conseillers
  create-account``), never by a sign-up form.
"""

from __future__ import annotations

from dataclasses import dataclass

from espace.ports import Item, RecordStore

ROLE = "conseiller"


@dataclass(frozen=True)
class Counsellor:
    user_id: str
    email: str
    name: str
    agency_id: str

    @classmethod
    def of(cls, profile: Item | None) -> Counsellor | None:
        if not profile or profile.get("role") != ROLE or not profile.get("agency_id"):
            return None
        return cls(str(profile["pk"]).removeprefix("USER#"), str(profile["email"]), str(profile.get("name", "")),
                   str(profile["agency_id"]))


def counsellor(records: RecordStore, user_id: str) -> Counsellor | None:
    return Counsellor.of(records.get(f"USER#{user_id}", "PROFILE"))

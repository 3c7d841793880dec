"""Deleting a candidate's account: the definitive identifier's sign-in record ``IDENT#{identifier}``
(outside the partition, it names the account) goes with it, and so does the agency's index entry
``AGENCY#{aid}/DOSSIER#{identifier}`` (espace.dossier.agency_index). The dossier itself (``USER#{uid}/DDE``),
its letters (``LETTER#``, ``LETTER-KEY#``) and their files (``users/{uid}/courriers/``) go with the
partition and the user's files. Idempotent: a second run finds nothing to delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.dossier import agency_index
from espace.dossier.model import Dossier
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services


@on_account_deleted
def forget_identifier(services: Services, user_id: str) -> None:
    item = services.records.get(f"USER#{user_id}", "DDE")
    if item is None:
        return
    dossier = Dossier.of(item)
    services.records.transact([agency_index.forget(dossier.agency_id, dossier.identifier)])
    key = f"IDENT#{dossier.identifier}"
    link = services.records.get(key, "ACCOUNT")
    if link is not None and link.get("user_id") == user_id:  # never another account's identifier
        services.records.delete(key, "ACCOUNT")

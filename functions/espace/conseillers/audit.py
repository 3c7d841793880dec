"""The audit log of counsellors' actions on a candidate's records.

``USER#{cid}`` / ``AUDIT#{at:010d}#{n}``: who (the counsellor's id, name and agency), when, what
(an action code and its French wording) and on what (a request's reference…). In the candidate's
partition, so the candidate's export lists it and account deletion removes it. Written in the
same transaction as the action when the caller passes ``entry(...)`` into it.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from espace.conseillers.model import Counsellor
from espace.ports import Put, RecordStore

ACTIONS = {
    "demande-consultee": "a consulté votre demande d'inscription",
    "demande-corrigee": "a corrigé votre demande d'inscription",
    "demande-validee": "a validé votre demande d'inscription",
    "rendez-vous-annule": "a annulé votre rendez-vous",
    "inscription-terminee": "a mis fin à votre inscription",
    "situation-consultee": "a consulté votre changement de situation",
    "dossier-consulte": "a consulté votre dossier de demandeur d'emploi",
    "courrier-ecrit": "vous a écrit un courrier",
    "courrier-consulte": "a consulté un courrier de votre dossier",
    "courrier-envoye": "vous a envoyé un courrier par la poste",
    "attestation-imprimee": "a imprimé une attestation à vous envoyer par la poste",
}


def entry(counsellor: Counsellor, candidate_id: str, action: str, *, about: str = "",
          detail: dict[str, Any] | None = None) -> Put:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    at = int(time.time())
    return Put({"pk": f"USER#{candidate_id}", "sk": f"AUDIT#{at:010d}#{secrets.token_hex(4)}", "kind": "audit",
                "at": at, "action": action, "wording": ACTIONS[action], "about": about,
                "counsellor_id": counsellor.user_id, "counsellor_name": counsellor.name,
                "agency_id": counsellor.agency_id, "detail": detail or {}})


def record(records: RecordStore, counsellor: Counsellor, candidate_id: str, action: str, **kwargs: Any) -> None:
    records.transact([entry(counsellor, candidate_id, action, **kwargs)])


def log_of(records: RecordStore, candidate_id: str) -> list[dict[str, Any]]:
    """The candidate's audit log, oldest first."""
    return records.query(f"USER#{candidate_id}", "AUDIT#")

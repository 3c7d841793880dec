"""Counsellor accounts, created by an administrator (``python -m espace.conseillers``).

A counsellor signs in on the same page as everyone (/connexion) and lands on /conseiller. No
sign-up form creates one, and the public password reset refuses them (their profile has no secret
question): the administrator's command sets a new password, which signs out every session.
"""

from __future__ import annotations

import time
import uuid

from espace.accounts.secrets import hash_secret
from espace.accounts.validation import normalize_email
from espace.conseillers.model import ROLE
from espace.ports import ConditionFailedError, Put, RecordStore


class AccountExists(Exception):
    pass


def create_counsellor(records: RecordStore, email: str, password: str, *, agency_id: str, name: str) -> str:
    """Create a counsellor's account; its id. ``AccountExists`` when the address has an account."""
    email = normalize_email(email)
    user_id = uuid.uuid4().hex
    profile = {"pk": f"USER#{user_id}", "sk": "PROFILE", "email": email, "password": hash_secret(password),
               "role": ROLE, "agency_id": agency_id, "name": name, "created_at": int(time.time())}
    try:
        records.transact([Put({"pk": f"EMAIL#{email}", "sk": "ACCOUNT", "user_id": user_id}, if_absent=True),
                          Put(profile, if_absent=True)])
    except ConditionFailedError as error:
        raise AccountExists(email) from error
    return user_id

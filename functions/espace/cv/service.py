"""One account's CVs: their records, their files, and the CV bank's index kept in step.

Records, all in the user's partition (export and deletion stay complete):

- ``USER#{uid}`` / ``CV#{cv_id}``: a complete CV (``Cv``), which is its own draft.
- ``USER#{uid}`` / ``CV-SLOT#{n}``: one of the ``MAX_CVS`` places a CV takes (``espace.slots``):
  five is a hard limit even for forms sent at the same instant.
- ``USER#{uid}`` / ``CV-ROME#{code}``: the ROME code a CV targets (seed: five CVs « de code
  métier différents »), moved in the same transaction as the CV's target.
- ``USER#{uid}`` / ``CV-PERSONNEL``: the express mode's personal CV (``PersonalCv``).
- ``USER#{uid}`` / ``CV-COORDONNEES``: the contact details the CVs share (``Contact``).

Files live under ``users/{uid}/cv/``: ``{cv_id}/…`` for a CV's attached file and
``personnel/…`` for the personal CV, each upload with its extracted text beside it.

Every change that can move a CV in or out of the bank goes through ``_sync``: the index
holds exactly the CVs that are online with the consent to publish.
"""

from __future__ import annotations

import re
import secrets
import time
from enum import Enum
from typing import TYPE_CHECKING

from espace.cv.indexing import document_for, personal_document
from espace.cv.model import (
    DRAFT,
    MAX_CVS,
    ONLINE,
    SUSPENDED,
    Attachment,
    Consent,
    Contact,
    Cv,
    PersonalCv,
    Target,
)
from espace.ports import ConditionFailedError, Delete, FileMissingError, Put
from espace.slots import Placed, put_in_a_free_slot
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services

CV_ID = re.compile(r"[A-Za-z0-9_-]{8,43}")
PERSONAL_SK = "CV-PERSONNEL"
CONTACT_SK = "CV-COORDONNEES"


class Created(Enum):
    CREATED = "created"
    ALREADY = "already"  # the same form sent twice: one CV
    FULL = "full"


class RomeTakenError(Exception):
    """Another CV of the account already targets this ROME code."""

    def __init__(self, other: Cv):
        super().__init__(other.id)
        self.other = other


class NotReadyError(Exception):
    """The CV cannot be published yet: its target (étape 0) is not complete."""


def new_id() -> str:
    return secrets.token_urlsafe(12)


def _slot_key(number: int) -> str:
    return f"CV-SLOT#{number}"


class CvBook:
    def __init__(self, services: Services, user_id: str, now: float | None = None):
        self.services, self.user_id = services, user_id
        self.records = services.records
        self.pk = f"USER#{user_id}"
        self._now = now

    @property
    def now(self) -> int:
        return int(time.time() if self._now is None else self._now)

    @property
    def files_prefix(self) -> str:
        return f"users/{self.user_id}/cv/"

    # --- reading ----------------------------------------------------------------------------
    def all(self) -> list[Cv]:
        """Every complete CV, most recently changed first."""
        cvs = [Cv.from_item(item) for item in self.records.query(self.pk, "CV#")]
        return sorted(cvs, key=lambda cv: (cv.updated_at, cv.id), reverse=True)

    def get(self, cv_id: str) -> Cv | None:
        if not CV_ID.fullmatch(cv_id or ""):
            return None
        item = self.records.get(self.pk, f"CV#{cv_id}")
        return Cv.from_item(item) if item else None

    def count(self) -> int:
        return len(self.records.query(self.pk, "CV-SLOT#"))

    # --- creating and deleting ------------------------------------------------------------------
    def create(self, cv_id: str, template: Cv | None = None) -> Created:
        """A new draft CV under ``cv_id`` (the form's nonce: the same form sent twice creates one),
        starting from ``template``'s content when given."""
        if not CV_ID.fullmatch(cv_id):
            raise ValueError(f"not a CV id: {cv_id!r}")
        cv = template or Cv(id=cv_id)
        cv.id, cv.state, cv.created_at, cv.updated_at = cv_id, DRAFT, self.now, self.now
        placed = put_in_a_free_slot(self.records, cv.to_item(self.user_id), numbers=range(1, MAX_CVS + 1),
                                    slot_prefix="CV-SLOT#", slot_key=_slot_key, slot_fields={"cv_id": cv_id})
        return {Placed.PLACED: Created.CREATED, Placed.ALREADY: Created.ALREADY, Placed.FULL: Created.FULL}[placed]

    def copy(self, source_id: str, cv_id: str) -> Created:
        """« Créer un CV à partir de celui-ci »: a new draft with the source's experiences and
        trainings (the seed's « gain de temps »); its target is chosen again (another métier)."""
        source = self.get(source_id)
        if source is None:
            raise KeyError(source_id)
        return self.create(cv_id, Cv(id=cv_id, experiences=source.experiences, trainings=source.trainings))

    def delete(self, cv_id: str) -> bool:
        item = self.records.get(self.pk, f"CV#{cv_id}") if CV_ID.fullmatch(cv_id or "") else None
        if item is None:
            return False
        cv = Cv.from_item(item)
        operations: list[Put | Delete] = [Delete(self.pk, f"CV#{cv_id}", if_present=True)]
        if "slot" in item:
            operations.append(Delete(self.pk, _slot_key(int(item["slot"]))))
        if cv.target.rome_code:
            operations.append(Delete(self.pk, f"CV-ROME#{cv.target.rome_code}"))
        try:
            self.records.transact(operations)
        except ConditionFailedError:
            return False  # deleted by another request meanwhile
        self.services.cv_index.remove(cv_id)
        self.services.files.delete_prefix(f"{self.files_prefix}{cv_id}/")
        return True

    # --- changing -----------------------------------------------------------------------------
    def save(self, cv: Cv) -> None:
        """Write the CV as it is now (a sub-form's content), and keep the bank in step."""
        cv.updated_at = self.now
        item = self.records.get(self.pk, f"CV#{cv.id}")
        if item is None:
            raise KeyError(cv.id)
        self.records.put({**cv.to_item(self.user_id), "slot": item.get("slot")})
        self._sync(cv)

    def set_target(self, cv: Cv, target: Target) -> None:
        """Change the professional target; RomeTakenError when another CV has that ROME code."""
        old = cv.target.rome_code
        cv.target, cv.updated_at = target, self.now
        if not cv.title and target.appellation_label:
            cv.title = target.appellation_label  # seed: the appellation is the CV's title by default
        item = self.records.get(self.pk, f"CV#{cv.id}")
        if item is None:
            raise KeyError(cv.id)
        operations: list[Put | Delete] = [Put({**cv.to_item(self.user_id), "slot": item.get("slot")})]
        if target.rome_code != old:
            if target.rome_code:
                operations.append(Put({"pk": self.pk, "sk": f"CV-ROME#{target.rome_code}", "cv_id": cv.id},
                                      if_absent=True))
            if old:
                operations.append(Delete(self.pk, f"CV-ROME#{old}"))
        try:
            self.records.transact(operations)
        except ConditionFailedError:
            holder = self.records.get(self.pk, f"CV-ROME#{target.rome_code}")
            other = self.get(str(holder["cv_id"])) if holder else None
            if other is None:
                raise
            raise RomeTakenError(other) from None
        self._sync(cv)

    def publish(self, cv: Cv, consent: Consent) -> None:
        if not cv.target.complete:
            raise NotReadyError(cv.id)
        cv.consent = consent
        if cv.state == DRAFT or not cv.published_at:
            cv.published_at = self.now
        cv.state = ONLINE
        self.save(cv)

    def suspend(self, cv: Cv) -> None:
        cv.state = SUSPENDED
        self.save(cv)

    def resume(self, cv: Cv) -> None:
        cv.state = ONLINE
        self.save(cv)

    # --- the personal CV (express mode) and the contact details ---------------------------------
    def personal(self) -> PersonalCv | None:
        item = self.records.get(self.pk, PERSONAL_SK)
        return PersonalCv.from_item(item) if item else None

    def save_personal(self, personal: PersonalCv) -> None:
        """Replace the personal CV; the previous file goes (the last one uploaded is the one
        recruiters see)."""
        previous = self.personal()
        self.records.put(personal.to_item(self.user_id))
        if previous is not None and previous.attachment.key != personal.attachment.key:
            self._delete_file(previous.attachment)
        self._sync_personal(personal)

    def delete_personal(self) -> bool:
        previous = self.personal()
        if previous is None:
            return False
        self.records.delete(self.pk, PERSONAL_SK)
        self.services.cv_index.remove(previous.id)
        self._delete_file(previous.attachment)
        return True

    def contact(self) -> Contact:
        return Contact.from_item(self.records.get(self.pk, CONTACT_SK))

    def save_contact(self, contact: Contact) -> None:
        self.records.put(contact.to_item(self.user_id))

    def attachment_text(self, attachment: Attachment | None) -> str:
        if attachment is None or not attachment.text_key:
            return ""
        try:
            return self.services.files.get(attachment.text_key).data.decode("utf-8", "replace")
        except FileMissingError:
            return ""

    def _delete_file(self, attachment: Attachment) -> None:
        self.services.files.delete(attachment.key)
        if attachment.text_key:
            self.services.files.delete(attachment.text_key)

    # --- the CV bank --------------------------------------------------------------------------
    def _sync(self, cv: Cv) -> None:
        if cv.indexable:
            self.services.cv_index.put(document_for(cv, self.user_id, self.services.places,
                                                    self.attachment_text(cv.attachment)))
        else:
            self.services.cv_index.remove(cv.id)

    def _sync_personal(self, personal: PersonalCv) -> None:
        if personal.indexable:
            self.services.cv_index.put(personal_document(personal, self.user_id,
                                                         self.attachment_text(personal.attachment)))
        else:
            self.services.cv_index.remove(personal.id)

    def sync_bank(self) -> None:
        """Write the account's CV bank entries again from its records (after they moved accounts:
        the bank's documents name their account)."""
        for cv in self.all():
            self._sync(cv)
        personal = self.personal()
        if personal is not None:
            self._sync_personal(personal)


@on_account_deleted
def forget_cvs(services: Services, user_id: str) -> None:
    """The CV bank names the account's CVs: they leave it before the partition goes."""
    services.cv_index.remove_user(user_id)

"""A recruiter's offers published on the site: publish once, edit, suspend, resume, close.

Records (``espace.recruteurs.model``): ``USER#{rid}`` / ``OFFER#{id}`` (the offer) and
``SITE-OFFER#{id}`` / ``OWNER``, always written together in one transaction.

- **Once per form**: the publishing form carries an offer number drawn when it is shown
  (``draw_id``); publishing writes both records under it only if absent, so a double click or a
  retried request finds its own offer already there and leads to it. A number that another
  recruiter's offer or an imported offer took meanwhile (or a tampered one) is drawn again.
- **The index follows the state**: online, the offer's v2 JSON is in the offer index (both
  engines, ``services.offers``); suspended, filled or closed, it is not. The records are written
  first, then the index: every action syncs the index with the stored state again, so repeating an
  action after a failed index call (a retry, a second click) puts things right.
- **One write per read**: every change takes the offer's next revision and writes a marker
  ``USER#{rid}`` / ``OFFER-REV#{id}#{n}`` only if absent in the same transaction, so an edit and a
  closing decided on the same state (two tabs) cannot both land: the later one gets
  ``OfferConflictError`` instead of putting a closed offer back online.
- **Closing** moves each pending application to OFFER_FILLED or OFFER_CLOSED as the system
  (``ApplicationDesk.move``: both copies, a log line, the candidate told); a move that loses a race
  reads the application again and moves it if it is still pending.
"""

from __future__ import annotations

import dataclasses
import secrets
import string
import time
from typing import TYPE_CHECKING, Any

from espace.candidatures.model import OFFER_CLOSED, OFFER_FILLED, SYSTEM, Application
from espace.candidatures.service import ApplicationDesk, ConflictError
from espace.offers.schema import ID, validate_offer
from espace.ports import ConditionFailedError, Delete, Put
from espace.recruteurs import offer_json
from espace.recruteurs.model import CLOSED, FILLED, ONLINE, SUSPENDED, Recruiter, SiteOffer, owner_of
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services

_ALPHABET = string.digits + string.ascii_uppercase
MAX_DRAWS = 20
MOVE_ATTEMPTS = 3


REVISION_TTL = 24 * 3600  # a marker only has to outlive the requests racing for its number


class OfferStateError(Exception):
    """The action does not apply to the offer's state (e.g. suspending a closed offer)."""


class OfferConflictError(Exception):
    """The offer changed since it was read (another tab, a twin request): read it again."""


class OfferDesk:
    def __init__(self, services: Services, recruiter: Recruiter, now: float | None = None):
        self.services, self.records, self.recruiter = services, services.records, recruiter
        self._now = now

    @property
    def now(self) -> int:
        return int(time.time() if self._now is None else self._now)

    # --- reading ----------------------------------------------------------------------------
    def all(self) -> list[SiteOffer]:
        """The recruiter's offers, newest first."""
        items = self.records.query(f"USER#{self.recruiter.user_id}", "OFFER#")
        return sorted((SiteOffer.from_item(i) for i in items), key=lambda o: (o.created_at, o.id), reverse=True)

    def get(self, offer_id: str) -> SiteOffer | None:
        """The recruiter's offer ``offer_id``; None for another recruiter's, an imported or unknown one."""
        if not ID.fullmatch(offer_id or ""):
            return None
        item = self.records.get(f"USER#{self.recruiter.user_id}", f"OFFER#{offer_id}")
        return SiteOffer.from_item(item) if item else None

    def applications(self, offer_id: str) -> list[Application]:
        return ApplicationDesk(self.services).inbox(self.recruiter.user_id, offer_id)

    # --- publishing -------------------------------------------------------------------------
    def draw_id(self) -> str:
        """A free offer number in the v2 format, drawn when the form is shown."""
        for _ in range(MAX_DRAWS):
            offer_id = "".join(secrets.choice(string.digits) for _ in range(3)) + "".join(
                secrets.choice(_ALPHABET) for _ in range(4))
            if self._free(offer_id):
                return offer_id
        raise RuntimeError("no free offer number after several draws")

    def _free(self, offer_id: str) -> bool:
        return owner_of(self.records, offer_id) is None and self.services.offers.get(offer_id) is None

    def publish(self, key: str, values: dict[str, Any]) -> tuple[bool, SiteOffer]:
        """Publish the offer of the form whose number is ``key``: (True, offer) when this request
        created it, (False, offer) when an earlier request with the same form already had."""
        offer_id = key if ID.fullmatch(key or "") else self.draw_id()
        for _ in range(MAX_DRAWS):
            mine = self.get(offer_id)
            if mine is not None:
                return False, mine
            if self._free(offer_id):
                offer = self._new(offer_id, values)
                try:
                    self.records.transact([Put(offer.to_item(), if_absent=True),
                                           Put(offer.owner_item(self.recruiter.company), if_absent=True)])
                except ConditionFailedError:
                    continue  # a twin request won (found as mine next time) or another offer took the number
                self._sync_index(offer)
                return True, offer
            # Taken between the two reads, perhaps by a twin of this request: both records are
            # written in one transaction, so the owner's record seen means the offer can be read.
            mine = self.get(offer_id)
            if mine is not None:
                return False, mine
            offer_id = self.draw_id()
        raise RuntimeError("no free offer number after several draws")

    def _new(self, offer_id: str, values: dict[str, Any]) -> SiteOffer:
        now = self.now
        raw = self._raw(offer_id, values, now, now)
        return SiteOffer(offer_id, self.recruiter.user_id, ONLINE, values, raw, now, now)

    def _raw(self, offer_id: str, values: dict[str, Any], created: int, updated: int) -> dict[str, Any]:
        raw = offer_json.build(offer_id, values, self.recruiter.company, self.services.settings.site_url, created,
                               updated)
        validate_offer(raw, self.services.rome, self.services.places)  # never store what the index would refuse
        return raw

    def edit(self, offer: SiteOffer, values: dict[str, Any]) -> SiteOffer:
        if offer.state not in (ONLINE, SUSPENDED):
            raise OfferStateError(offer.state)
        now = self.now
        raw = self._raw(offer.id, values, offer.created_at, now)
        edited = self._write(dataclasses.replace(offer, values=values, raw=raw, updated_at=now))
        self._sync_index(edited)
        return edited

    # --- states -------------------------------------------------------------------------------
    def suspend(self, offer: SiteOffer) -> SiteOffer:
        return self._set_state(offer, SUSPENDED, frozenset({ONLINE}))

    def resume(self, offer: SiteOffer) -> SiteOffer:
        return self._set_state(offer, ONLINE, frozenset({SUSPENDED}))

    def close(self, offer: SiteOffer, filled: bool) -> tuple[SiteOffer, int]:
        """Close the offer as filled or not; returns it and how many pending applications were
        ended. Closing a closed offer again changes nothing but ends any application still pending."""
        state = FILLED if filled else CLOSED
        if offer.state in (FILLED, CLOSED):
            state = offer.state
        closed = self._set_state(offer, state, frozenset({ONLINE, SUSPENDED}))
        return closed, end_applications(self.services, self.recruiter.user_id, offer.id,
                                        OFFER_FILLED if state == FILLED else OFFER_CLOSED)

    def _set_state(self, offer: SiteOffer, state: str, allowed: frozenset[str]) -> SiteOffer:
        if offer.state != state:
            if offer.state not in allowed:
                raise OfferStateError(offer.state)
            offer = self._write(dataclasses.replace(offer, state=state, updated_at=self.now))
        self._sync_index(offer)
        return offer

    def _write(self, offer: SiteOffer) -> SiteOffer:
        """Write the offer as read plus its changes, under its next revision (or OfferConflictError)."""
        offer = dataclasses.replace(offer, revision=offer.revision + 1)
        marker = {"pk": f"USER#{offer.recruiter_id}", "sk": f"OFFER-REV#{offer.id}#{offer.revision:06d}",
                  "expires_at": self.now + REVISION_TTL}
        try:
            self.records.transact([Put(marker, if_absent=True), Put(offer.to_item()),
                                   Put(offer.owner_item(self.recruiter.company))])
        except ConditionFailedError as error:
            raise OfferConflictError(offer.id) from error
        return offer

    def _sync_index(self, offer: SiteOffer) -> None:
        sync_index(self.services, offer)


def sync_index(services: Services, offer: SiteOffer) -> None:
    """Put the offer in the index when online, take it out otherwise."""
    if offer.state == ONLINE:
        services.offers.upsert([validate_offer(offer.raw, services.rome, services.places)])
    else:
        services.offers.delete([offer.id])


def end_applications(services: Services, recruiter_id: str, offer_id: str, to: str) -> int:
    """Move every pending application of the offer to ``to`` as the system; how many were moved."""
    desk = ApplicationDesk(services)
    moved = 0
    for application in desk.inbox(recruiter_id, offer_id):
        current: Application | None = application
        for _ in range(MOVE_ATTEMPTS):
            if current is None or not current.pending:
                break
            try:
                desk.move(current, to, SYSTEM)
            except ConflictError:  # moved meanwhile (by the recruiter, the candidate or a twin request)
                current = desk.inbox_entry(recruiter_id, offer_id, application.id)
            else:
                moved += 1
                break
    return moved


@on_account_deleted
def forget_offers(services: Services, user_id: str) -> None:
    """A deleted recruiter's offers leave the index, their pending applications are ended as
    « offre retirée » (each candidate told) and the owner records go; the partition goes with the
    account. Idempotent: a rerun finds the same records and does nothing twice."""
    for item in services.records.query(f"USER#{user_id}", "OFFER#"):
        offer = SiteOffer.from_item(item)
        services.offers.delete([offer.id])
        end_applications(services, user_id, offer.id, OFFER_CLOSED)
        services.records.transact([Delete(f"SITE-OFFER#{offer.id}", "OWNER")])

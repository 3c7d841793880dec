"""Recruiters: their account's company, and the offers they publish on the site.

Records:

- ``USER#{rid}`` / ``PROFILE``: the account (espace.accounts), with ``role`` = "recruteur",
  ``company`` and ``siret`` (``Recruiter.of``).
- ``USER#{rid}`` / ``OFFER#{offer_id}``: an offer the recruiter publishes (``SiteOffer``): the
  form's values, its state, and the v2 JSON the offer index holds while it is online.
- ``SITE-OFFER#{offer_id}`` / ``OWNER``: who published the offer and its state (``OfferOwner``),
  written in the same transaction as the recruiter's record. Applying reads it: an offer with this
  record is a site offer (télécandidature into the owner's inbox), any other is an imported one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from espace.ports import Item, RecordStore

ROLE = "recruteur"

# --- an offer's states ----------------------------------------------------------------------
ONLINE = "en-ligne"  # in the offer index, open to applications
SUSPENDED = "suspendue"  # out of the index for a while, applications closed
FILLED = "pourvue"  # closed as filled: out of the index for good
CLOSED = "cloturee"  # closed without being filled (or the recruiter's account was deleted)
OFFER_STATE_LABELS = {ONLINE: "En ligne", SUSPENDED: "Suspendue", FILLED: "Pourvue", CLOSED: "Clôturée"}


@dataclass(frozen=True)
class Recruiter:
    user_id: str
    email: str
    company: str
    siret: str

    @classmethod
    def of(cls, profile: Item | None) -> Recruiter | None:
        """The recruiter an account's profile describes; None for a candidate's."""
        if not profile or profile.get("role") != ROLE:
            return None
        user_id = str(profile["pk"]).removeprefix("USER#")
        return cls(user_id, str(profile["email"]), str(profile.get("company", "")), str(profile.get("siret", "")))


def recruiter(records: RecordStore, user_id: str) -> Recruiter | None:
    return Recruiter.of(records.get(f"USER#{user_id}", "PROFILE"))


@dataclass
class SiteOffer:
    id: str  # the v2 format (3 digits, then 4 digits or capitals), never taken by an imported offer
    recruiter_id: str
    state: str
    values: dict[str, Any]  # the publishing form's values, to edit the offer again
    raw: dict[str, Any] = field(default_factory=dict)  # the v2 JSON in the index
    created_at: int = 0
    updated_at: int = 0
    revision: int = 0  # each write takes the next (espace.recruteurs.offers): two writes from one read cannot both land

    @property
    def title(self) -> str:
        return str(self.raw.get("intitule") or self.values.get("intitule") or "")

    @property
    def open(self) -> bool:
        return self.state == ONLINE

    def to_item(self) -> Item:
        return {"pk": f"USER#{self.recruiter_id}", "sk": f"OFFER#{self.id}", "kind": "offre-recruteur",
                **dataclasses.asdict(self)}

    @classmethod
    def from_item(cls, item: Item) -> SiteOffer:
        names = {f.name for f in dataclasses.fields(cls)}
        data = {k: v for k, v in item.items() if k in names}
        return cls(**{**data, "created_at": int(data.get("created_at") or 0),
                      "updated_at": int(data.get("updated_at") or 0), "revision": int(data.get("revision") or 0)})

    def owner_item(self, company: str) -> Item:
        return {"pk": f"SITE-OFFER#{self.id}", "sk": "OWNER", "recruiter_id": self.recruiter_id,
                "state": self.state, "title": self.title, "company": company}


@dataclass(frozen=True)
class OfferOwner:
    offer_id: str
    recruiter_id: str
    state: str
    title: str
    company: str

    @property
    def open(self) -> bool:
        return self.state == ONLINE


def owner_of(records: RecordStore, offer_id: str) -> OfferOwner | None:
    """Who published ``offer_id`` on the site, or None for an imported (or unknown) offer."""
    item = records.get(f"SITE-OFFER#{offer_id}", "OWNER")
    if item is None:
        return None
    return OfferOwner(offer_id, str(item["recruiter_id"]), str(item["state"]), str(item.get("title", "")),
                      str(item.get("company", "")))

"""A site offer in the tests before the publishing part's service exists: the recruiter's
``SiteOffer`` record, its owner record ``SITE-OFFER#{id}`` / ``OWNER`` (one transaction, as
recruteurs/model.py describes them), and its v2 JSON in the offer index, as a published offer
is: ``origineOffre.urlOrigine`` is this site's page of the offer, no contact e-mail."""

from __future__ import annotations

import json
import random
import string
import time

from tests.functional.client import SITE
from tests.functional.offers.conftest import sample_offers


def new_offer_id() -> str:
    return "9" + "".join(random.choices(string.digits, k=2)) + "".join(random.choices(string.ascii_uppercase, k=4))


def put_site_offer(services, recruiter_id: str, company: str = "Boulangerie Martin", *, state: str = "en-ligne",
                   sample: int = 2, offer_id: str | None = None):
    """A site offer of ``recruiter_id`` built on a real sample's content; returns the SiteOffer."""
    from espace.offers.schema import validate_offer
    from espace.ports import Put
    from espace.recruteurs.model import ONLINE, SiteOffer

    offer_id = offer_id or new_offer_id()
    raw = {**sample_offers()[sample], "id": offer_id, "entreprise": {"nom": company},
           "origineOffre": {"origine": "1", "urlOrigine": f"{SITE}/offres/{offer_id}"}}
    raw.pop("contact", None)
    now = int(time.time())
    # The records port keeps no floats (DynamoDB and JSON would not give them back alike): the
    # record's copy of the JSON holds the coordinates as text, the index gets the JSON itself.
    stored = json.loads(json.dumps(raw), parse_float=str)
    offer = SiteOffer(offer_id, recruiter_id, state, {"intitule": raw["intitule"]}, stored, now, now)
    services.records.transact([Put(offer.to_item(), if_absent=True), Put(offer.owner_item(company), if_absent=True)])
    if state == ONLINE:
        services.offers.upsert([validate_offer(raw, services.rome, services.places)])
    return offer


def set_state(services, offer, state: str) -> None:
    """What closing or suspending does to the records and the index (the publishing part's service)."""
    from espace.recruteurs.model import ONLINE

    offer.state = state
    services.records.put(offer.to_item())
    owner = services.records.get(f"SITE-OFFER#{offer.id}", "OWNER")
    services.records.put({**owner, "state": state})
    if state != ONLINE:
        services.offers.delete([offer.id])

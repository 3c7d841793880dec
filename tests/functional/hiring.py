"""The stage of issue 11's tests: ``platform`` (SQLite, or DynamoDB/S3/SES under moto) with the two
indexes on the engine of that profile: SQLite FTS5 for the embedded one, the real OpenSearch node
on loopback for the AWS one. A few real sample offers are imported (imported offers, some with a
contact e-mail); recruiters publish their own on top.

Used by tests/functional/candidatures and tests/functional/recruteurs (their conftest imports
``hiring``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from tests.caches import clear_process_caches
from tests.functional.offers.conftest import sample_offers

MAIL_CONTACT = "recrutement@entreprise.example"


@dataclass
class Hiring:
    platform: object
    services: object
    offer_ids: list[str]  # the imported sample offers, in import order
    mail_offer_id: str  # an imported offer whose contact is an e-mail address (applications are mailed)
    link_offer_id: str  # an imported offer with only an external application link (no « Postuler »)

    def offer(self, offer_id: str):
        return self.services.offers.get(offer_id)


@pytest.fixture
def hiring(platform, tmp_path, monkeypatch, request):
    from espace.bootstrap import get_services
    from espace.offers.schema import validate_offer

    if platform.profile == "aws":
        node = request.getfixturevalue("opensearch_url").replace("http://", "opensearch://")
        suffix = uuid.uuid4().hex[:8]
        monkeypatch.setenv("ESPACE_SEARCH_URL", f"{node}/offres-{suffix}")
        monkeypatch.setenv("ESPACE_CV_INDEX_URL", f"{node}/cvs-{suffix}")
    else:
        monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite:///{tmp_path}/offres.db")
    clear_process_caches()
    services = get_services()
    raws = sample_offers()[:8]
    # The samples' recruiter contacts were removed: the first gets back an address of its own.
    raws[0] = {**raws[0], "contact": {"nom": "Service recrutement", "courriel": MAIL_CONTACT}}
    offers = [validate_offer(raw, services.rome, services.places) for raw in raws]
    services.offers.upsert(offers)
    yield Hiring(platform, services, [offer.id for offer in offers], offers[0].id, offers[1].id)
    for index in (services.offers, services.cv_index):
        if hasattr(index, "drop"):
            index.drop()

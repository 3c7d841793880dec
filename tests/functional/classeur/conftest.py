"""The classeur on both profiles, with an offer index of a few real sample offers (SQLite FTS5)."""

from __future__ import annotations

import pytest

from tests.caches import clear_process_caches
from tests.functional.offers.conftest import sample_offers

OFFER_COUNT = 6


@pytest.fixture
def offers(platform, tmp_path, monkeypatch):
    """The accounts function of ``platform`` reading an offer index of a few offers; the
    offers' ids, in the index's order."""
    monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite:///{tmp_path}/offres.db")
    clear_process_caches()
    from espace.bootstrap import get_services
    from espace.offers.schema import validate_offer

    services = get_services()
    chosen = [validate_offer(raw, services.rome, services.places) for raw in sample_offers()[:OFFER_COUNT]]
    services.offers.upsert(chosen)
    return [offer.id for offer in chosen]


@pytest.fixture
def offers_handler(offers):
    """The offers function on the same stores (its pages carry the « Ajouter au classeur » forms)."""
    from espace.handlers.offers import handler

    return handler

"""An offer index filled with the real sample offers (test fixtures only), behind the handlers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "offres"


def sample_offers() -> list[dict]:
    offers = []
    for path in sorted(FIXTURES.glob("*.json")):
        offers += json.loads(path.read_text(encoding="utf-8"))["resultats"]
    return offers


@pytest.fixture
def offers_env(site, tmp_path, monkeypatch):
    """Settings for the offers function on the embedded profile, with the samples imported."""
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from espace.offers.sqlite_index import SqliteOfferIndex
    from espace.settings import get_settings
    from espace.web.pages import renderer_for

    monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite:///{tmp_path}/offres.db")
    monkeypatch.setenv("ESPACE_NAVIGATION_FILE", str(Path(site) / "navigation.json"))
    monkeypatch.setenv("POWERTOOLS_LOG_LEVEL", "WARNING")
    for cache in (get_settings, renderer_for):
        cache.cache_clear()
    services.clear_caches()
    index = SqliteOfferIndex(tmp_path / "offres.db")
    index.upsert(validate_offer(raw, services.rome(), services.places()) for raw in sample_offers())
    yield index
    services.clear_caches()
    for cache in (get_settings, renderer_for):
        cache.cache_clear()

"""The offer search behind the handlers, on both engines: SQLite FTS5 and a real OpenSearch node.

Every page and API scenario runs once per engine (the issue's one contract, two engines).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "offres"
ENGINES = ["sqlite", "opensearch"]


def sample_offers() -> list[dict]:
    offers = []
    for path in sorted(FIXTURES.glob("*.json")):
        offers += json.loads(path.read_text(encoding="utf-8"))["resultats"]
    return offers


def engine_url(request, folder: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{folder}/offres.db"
    url = request.getfixturevalue("opensearch_url")
    return f"opensearch://{url.split('://', 1)[1].rstrip('/')}/offres-{uuid.uuid4().hex[:10]}"


class OffersEnv:
    """Settings pointing the offers function at a fresh index on the chosen engine."""

    def __init__(self, url: str, site: Path):
        self.url, self.site = url, site
        self.patch = pytest.MonkeyPatch()

    def __enter__(self):
        from espace.offers.engines import offer_index_from_url

        for key, value in {"ESPACE_PROFILE": "embedded", "ESPACE_SEARCH_URL": self.url,
                           "ESPACE_NAVIGATION_FILE": str(self.site / "navigation.json"),
                           "ESPACE_SEARCH_INDEX_FILE": str(self.site / "search-index.json"),
                           "POWERTOOLS_LOG_LEVEL": "WARNING"}.items():
            self.patch.setenv(key, value)
        self._clear()
        self.index = offer_index_from_url(self.url)
        return self

    def _clear(self):
        from espace.offers import services
        from espace.settings import get_settings
        from espace.web.pages import renderer_for

        for cache in (get_settings, renderer_for):
            cache.cache_clear()
        services.clear_caches()

    def __exit__(self, *exc):
        if hasattr(self.index, "drop"):
            self.index.drop()
        self.patch.undo()
        self._clear()


@pytest.fixture(scope="module", params=ENGINES)
def offers_env(request, site, tmp_path_factory):
    """The real sample offers, imported once per module and engine (the page tests only read)."""
    from espace.offers import services
    from espace.offers.schema import validate_offer

    with OffersEnv(engine_url(request, tmp_path_factory.mktemp("offres")), Path(site)) as env:
        env.index.upsert(validate_offer(raw, services.rome(), services.places()) for raw in sample_offers())
        yield env.index

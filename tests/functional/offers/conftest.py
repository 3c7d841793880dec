"""The offer search behind the handlers, on both engines: SQLite FTS5 and a real OpenSearch node.

Every page and API scenario runs once per engine (the issue's one contract, two engines).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tests.caches import environment
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
        self._environment = environment({
            "ESPACE_PROFILE": "embedded", "ESPACE_SEARCH_URL": url,
            "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
            "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json"), "POWERTOOLS_LOG_LEVEL": "WARNING"})

    def __enter__(self):
        from espace.bootstrap import get_services

        self._environment.__enter__()
        self.index = get_services().offers  # the very index the handlers search
        return self

    def __exit__(self, *exc):
        if hasattr(self.index, "drop"):
            self.index.drop()
        self._environment.__exit__(*exc)


@pytest.fixture(scope="module", params=ENGINES)
def offers_env(request, site, tmp_path_factory):
    """The real sample offers, imported once per module and engine (the page tests only read)."""
    from espace.bootstrap import get_services
    from espace.offers.schema import validate_offer

    with OffersEnv(engine_url(request, tmp_path_factory.mktemp("offres")), Path(site)) as env:
        services = get_services()
        env.index.upsert(validate_offer(raw, services.rome, services.places) for raw in sample_offers())
        yield env.index


@pytest.fixture(scope="module")
def empty_api_client(tmp_path_factory):
    """The offers function (API, referentials, token) on empty embedded stores: for what answers
    without any offer."""
    from tests.functional.client import Client

    folder = tmp_path_factory.mktemp("offers-api")
    with environment({"ESPACE_PROFILE": "embedded", "ESPACE_SEARCH_URL": f"sqlite:///{folder}/offres.db",
                      "ESPACE_RECORDS_URL": f"sqlite:///{folder}/app.db", "POWERTOOLS_LOG_LEVEL": "WARNING"}):
        from espace.handlers.offers import handler

        yield Client(handler)

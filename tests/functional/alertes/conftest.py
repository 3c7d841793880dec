"""Saved searches on both profiles, with an offer index behind the accounts function (the panel
counts new offers, the form reads the criteria against the referentials)."""

from __future__ import annotations

import pytest

from tests.functional.alertes.matcher_view import MatcherView


@pytest.fixture(scope="module")
def offers_db(tmp_path_factory):
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.bootstrap import get_services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    path = tmp_path_factory.mktemp("offres") / "offres.db"
    services = get_services()
    SqliteOfferIndex(path).upsert(validate_offer(raw, services.rome, services.places) for raw in sample_offers())
    return path


@pytest.fixture
def alerts(platform, offers_db, monkeypatch):
    """The platform, its accounts function searching the sample offers; returns a view of its alert matcher."""
    from espace import bootstrap

    monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite:///{offers_db}")
    bootstrap.reset()
    return MatcherView(bootstrap.get_services().alert_matcher)

"""The referentials and sample offers the offer-data tests share (loaded once per session)."""

from __future__ import annotations

import json

import pytest

from espace.places.referential import Places
from espace.rome import load_referential
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "offres"
NOW = 1_795_000_000  # 2026-11-18, a fixed "now" for generated dates


@pytest.fixture(scope="session")
def rome():
    return load_referential(ROOT / "data" / "rome")


@pytest.fixture(scope="session")
def places():
    return Places.load(ROOT / "data" / "communes")


@pytest.fixture(scope="session")
def sample_offers() -> list[dict]:
    offers = []
    for path in sorted(FIXTURES.glob("*.json")):
        offers.extend(json.loads(path.read_text(encoding="utf-8"))["resultats"])
    return offers

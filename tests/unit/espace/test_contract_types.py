"""One contract-type vocabulary for the site build, the search form, the results and the API."""

from __future__ import annotations

import re
import runpy

from espace import contract_types
from espace.offers import search_form
from espace.offers.api_params import PARAMETERS
from espace.offers.cli import vocabulary
from tests.conftest import ROOT


def test_codes_and_labels_are_unique_and_valid_api_codes():
    codes = [c.code for c in contract_types.CONTRACT_TYPES]
    labels = [c.label for c in contract_types.CONTRACT_TYPES]
    assert len(set(codes)) == len(codes) and len(set(labels)) == len(labels)
    pattern = re.compile(PARAMETERS["typeContrat"]["schema"]["pattern"])
    assert pattern.match(",".join(codes))


def test_the_home_page_form_offers_the_search_page_choices(monkeypatch, tmp_path):
    monkeypatch.setenv("ESPACE_BUILD_CACHE", str(tmp_path))  # pelicanconf makes its cache folders
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    assert settings["CONTRACT_TYPES"] == [("", contract_types.ANY_LABEL), *search_form.CONTRACTS]
    assert list(search_form.CONTRACTS) == list(contract_types.CONTRACT_TYPES)


def test_the_api_documents_every_code_with_its_label():
    description = PARAMETERS["typeContrat"]["description"]
    for code, label in contract_types.CONTRACT_TYPES:
        assert code in description and label in description


def test_demo_offers_exist_for_every_type_a_form_offers():
    generated = {code for code, *_ in vocabulary.CONTRACTS}
    assert {c.code for c in contract_types.CONTRACT_TYPES} <= generated

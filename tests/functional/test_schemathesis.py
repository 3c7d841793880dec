"""Schemathesis against the OpenAPI document the handlers serve: no input gets a 5xx.

The calls go through the local gateway's WSGI app, so each generated request is
turned into an API Gateway v2 event exactly as in `make run`.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.caches import environment
from tests.conftest import ROOT


@pytest.fixture
def api_schema(site, tmp_path):
    from espace.gateway.app import GatewayApp

    with environment({"ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db", "ESPACE_FILES_URL": f"file://{tmp_path}/f",
                      "ESPACE_MAIL_URL": f"outbox://{tmp_path}/outbox", "ESPACE_PROFILE": "embedded",
                      "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"), "POWERTOOLS_LOG_LEVEL": "ERROR"}):
        app = GatewayApp(site, ROOT / "infra" / "template.yaml")
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def test_no_server_error(api_schema):
    # Driven with Hypothesis directly: schemathesis' pytest plugin does not yet work with
    # this pytest major version ('Function' has no '_nodeid').
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])

        call()


@pytest.fixture
def offers_schema(site, tmp_path):
    """The offers API (OffersFunction) through the gateway, on a SQLite index of real sample offers."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.gateway.app import GatewayApp
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    with environment({"ESPACE_SEARCH_URL": f"sqlite:///{tmp_path}/offres.db", "ESPACE_PROFILE": "embedded",
                      "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"), "POWERTOOLS_LOG_LEVEL": "ERROR"}):
        SqliteOfferIndex(tmp_path / "offres.db").upsert(
            validate_offer(raw, services.rome(), services.places()) for raw in sample_offers())
        app = GatewayApp(site, ROOT / "infra" / "template.yaml")
        yield schemathesis.openapi.from_wsgi("/api/offresdemploi/v2/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_offers_api_no_server_error(offers_schema, mode):
    # Valid values (every parameter of the France Travail API, combined at random) and invalid
    # ones (wrong types, out-of-range numbers, bad patterns): a 400, never a 5xx.
    operations = [result.ok() for result in offers_schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/offresdemploi/v2/offres/search", "/api/offresdemploi/v2/offres/{id}"}
    for operation in operations:

        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])

        call()

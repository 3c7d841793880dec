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
from schemathesis.specs.openapi.checks import response_schema_conformance

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


REFERENTIELS = ("appellations", "communes", "continents", "departements", "domaines", "langues", "metiers",
                "naturesContrats", "niveauxFormations", "pays", "permis", "regions", "secteursActivites", "themes",
                "typesContrats")


@pytest.fixture(params=["/api", "/partenaire"])
def offers_schema(request, site, tmp_path):
    """The offers API (OffersFunction) through the gateway, on a SQLite index of real sample offers,
    under the site's prefix and under France Travail's."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.gateway.app import GatewayApp
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    with environment({"ESPACE_SEARCH_URL": f"sqlite:///{tmp_path}/offres.db", "ESPACE_PROFILE": "embedded",
                      "ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db",
                      "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"), "POWERTOOLS_LOG_LEVEL": "ERROR"}):
        SqliteOfferIndex(tmp_path / "offres.db").upsert(
            validate_offer(raw, services.rome(), services.places()) for raw in sample_offers())
        app = GatewayApp(site, ROOT / "infra" / "template.yaml")
        yield request.param, schemathesis.openapi.from_wsgi(f"{request.param}/offresdemploi/v2/openapi.json", app)


def no_server_error_and_documented_2xx(response, case):
    # Every answer: not a 5xx. A 2xx: its body matches the documented schema (the real API's Offre,
    # ResultatRecherche, Referentiel…). 4xx bodies are the API's Erreur, checked by the API's tests.
    case.validate_response(response, checks=[not_a_server_error])
    if 200 <= response.status_code < 300:
        case.validate_response(response, checks=[response_schema_conformance])


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_offers_api_no_server_error(offers_schema, mode):
    # Valid values (every parameter of the France Travail API, combined at random) and invalid
    # ones (wrong types, out-of-range numbers, bad patterns): a 400, never a 5xx.
    prefix, schema = offers_schema
    operations = [result.ok() for result in schema.get_all_operations()]
    base = f"{prefix}/offresdemploi/v2"
    assert {operation.path for operation in operations} == {
        f"{base}/offres/search", f"{base}/offres/{{id}}", *(f"{base}/referentiel/{name}" for name in REFERENTIELS)}
    for operation in operations:
        # A referential takes no parameter: one call says all (communes is 3 MB to validate), and
        # there is no invalid input to generate for it.
        referential = "/referentiel/" in operation.path
        if referential and mode == GenerationMode.NEGATIVE:
            continue
        examples = 1 if referential else 60

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case):
            no_server_error_and_documented_2xx(case.call(), case)

        call()

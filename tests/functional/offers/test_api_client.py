"""A client written for France Travail's real API, with only its host changed, over HTTP through the
local gateway (`make run`'s server and the template's routes): requests-oauthlib gets a token by
the client-credentials flow at the real token path, then searches, pages, reads an offer and a
referential under the real /partenaire/offresdemploi/v2 prefix."""

from __future__ import annotations

import pytest
import requests
from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session

from tests.caches import environment
from tests.conftest import ROOT
from tests.serving import serving

CLIENT_ID, CLIENT_SECRET = "PAR_espacecandidat_test", "un-secret-quelconque"
SCOPE = ["api_offresdemploiv2", "o2dsoffre"]


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """The gateway on loopback, on a SQLite index of the real sample offers."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.gateway.app import GatewayApp
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    var = tmp_path_factory.mktemp("client")
    with environment({"ESPACE_PROFILE": "embedded", "ESPACE_SEARCH_URL": f"sqlite:///{var}/offres.db",
                      "ESPACE_RECORDS_URL": f"sqlite:///{var}/app.db", "POWERTOOLS_LOG_LEVEL": "ERROR",
                      # oauthlib insists on HTTPS: the gateway speaks plain HTTP on loopback.
                      "OAUTHLIB_INSECURE_TRANSPORT": "1"}):
        SqliteOfferIndex(var / "offres.db").upsert(
            validate_offer(raw, services.rome(), services.places()) for raw in sample_offers())
        with serving(GatewayApp(var, ROOT / "infra" / "template.yaml")) as port:
            yield f"http://127.0.0.1:{port}"


@pytest.fixture(params=["basic", "body"])
def session(request, host) -> OAuth2Session:
    """A session holding a token; the client's credentials in an HTTP Basic header (the library's
    default) or in the form (include_client_id), the two ways clients of the real API send them."""
    oauth = OAuth2Session(client=BackendApplicationClient(client_id=CLIENT_ID), scope=SCOPE)
    token = oauth.fetch_token(token_url=f"{host}/connexion/oauth2/access_token?realm=/partenaire",
                              client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                              include_client_id=request.param == "body")
    assert token["token_type"] == "Bearer" and token["scope"] == SCOPE and token["expires_in"] == 1499
    return oauth


def test_search_page_and_read_with_a_token(host, session):
    api = f"{host}/partenaire/offresdemploi/v2"
    first = session.get(f"{api}/offres/search", params={"range": "0-99", "sort": "1"})
    assert first.request.headers["Authorization"].startswith("Bearer ")
    total = int(first.headers["Content-Range"].rsplit("/", 1)[1])
    assert first.status_code == 206 and total > 200  # the ~300 sample offers
    # Paging with range, as a client of the real API does: 206 for every page but a whole result.
    seen = []
    for start in range(0, total, 100):
        page = session.get(f"{api}/offres/search", params={"range": f"{start}-{start + 99}", "sort": "1"})
        assert page.status_code == 206
        assert page.headers["Content-Range"] == f"offres {start}-{min(start + 99, total - 1)}/{total}"
        seen += [offer["id"] for offer in page.json()["resultats"]]
    assert len(seen) == len(set(seen)) == total
    whole = session.get(f"{api}/offres/search", params={"codeROME": "F1703", "range": "0-149"})
    assert whole.status_code == 200  # every result in one page
    # One offer, by its number; a number no offer has is the real API's 204.
    offer = session.get(f"{api}/offres/{seen[0]}")
    assert offer.status_code == 200 and offer.json()["id"] == seen[0]
    missing = session.get(f"{api}/offres/ZZZ9999")
    assert (missing.status_code, missing.content) == (204, b"")
    nothing = session.get(f"{api}/offres/search", params={"motsCles": "zzzqqq"})
    assert (nothing.status_code, nothing.content, nothing.headers["Content-Range"]) == (204, b"", "offres */0")


def test_referentials_with_a_token(host, session):
    result = session.get(f"{host}/partenaire/offresdemploi/v2/referentiel/departements")
    assert result.status_code == 200
    assert {"code": "17", "libelle": "Charente-Maritime",
            "region": {"code": "75", "libelle": "Nouvelle-Aquitaine"}} in result.json()


def test_without_a_token_and_with_a_bad_one(host):
    api = f"{host}/partenaire/offresdemploi/v2"
    assert requests.get(f"{api}/referentiel/regions", timeout=30).status_code == 200  # public data
    forged = "Bearer 1.abcdefghijklmnop.qrstuvwxyz012345"
    refused = requests.get(f"{api}/offres/search", headers={"Authorization": forged}, timeout=30)
    assert refused.status_code == 401 and refused.json()["codeHttp"] == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer ")


def test_the_site_prefix_answers_the_same(host, session):
    site = session.get(f"{host}/api/offresdemploi/v2/offres/search", params={"range": "0-4", "sort": "1"})
    real = session.get(f"{host}/partenaire/offresdemploi/v2/offres/search", params={"range": "0-4", "sort": "1"})
    assert (site.status_code, site.headers["Content-Range"], site.json()) == (
        real.status_code, real.headers["Content-Range"], real.json())

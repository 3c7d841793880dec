"""The search engine is chosen from a URL (espace.bootstrap); adapters are imported only when chosen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from espace import bootstrap
from espace.bootstrap import offers_from_url
from espace.settings import SettingsError


def test_sqlite_url(tmp_path):
    from espace.adapters.offers_sqlite import SqliteOfferIndex

    index = offers_from_url(f"sqlite:///{tmp_path}/offres.db")
    assert isinstance(index, SqliteOfferIndex) and index.count() == 0
    assert (tmp_path / "offres.db").exists()


@pytest.fixture
def recorded(monkeypatch):
    """The OpenSearch adapter replaced by a recorder of what it was given: no node, no request."""
    seen: dict = {}

    class Recorder:
        def __init__(self, url, index_name):
            seen.update(url=url, index_name=index_name)

    module = type(sys)("espace.adapters.offers_opensearch")
    module.OpenSearchOfferIndex = Recorder
    module.signed_client = lambda host, port: f"signed client for {host}:{port}"
    monkeypatch.setitem(sys.modules, "espace.adapters.offers_opensearch", module)
    return seen


def test_opensearch_url_builds_the_adapter_without_a_request(recorded):
    offers_from_url("opensearch://127.0.0.1:9200/offres")
    assert recorded == {"url": "http://127.0.0.1:9200", "index_name": "offres"}
    offers_from_url("opensearchs://user:secret@search.example:443/offres-v2")
    assert recorded == {"url": "https://user:secret@search.example:443", "index_name": "offres-v2"}
    offers_from_url("opensearch://localhost/offres")
    assert recorded["url"] == "http://localhost:9200"


def test_the_aws_profile_signs_only_https_urls_without_credentials(recorded):
    offers_from_url("opensearchs://search-espace.eu-west-3.es.amazonaws.com:443/offres", "aws")
    assert recorded["url"] == "signed client for search-espace.eu-west-3.es.amazonaws.com:443"
    offers_from_url("opensearchs://search-espace.eu-west-3.es.amazonaws.com:443/offres", "embedded")
    assert recorded["url"] == "https://search-espace.eu-west-3.es.amazonaws.com:443"
    offers_from_url("opensearchs://u:p@search.example:443/offres", "aws")
    assert recorded["url"] == "https://u:p@search.example:443"
    offers_from_url("opensearch://127.0.0.1:9200/offres", "aws")
    assert recorded["url"] == "http://127.0.0.1:9200"


@pytest.mark.parametrize("url", [
    "offres.db", "sqlite://offres.db", "sqlite:///tmp/x.db?mode=ro", "mysql:///x", "opensearch://host:9200/",
    "opensearch://host:9200/Offres", "opensearch://host:9200/a/b", "opensearch:///offres", "opensearch://h:99999/x",
])
def test_bad_urls(url):
    with pytest.raises(SettingsError):
        offers_from_url(url)


def test_a_bad_search_url_fails_when_the_services_are_built():
    settings = bootstrap.Settings(search_url="opensearch://host:9200/Offres")
    with pytest.raises(SettingsError):
        bootstrap.build_services(settings)


def test_importing_bootstrap_imports_no_search_engine_nor_referential():
    # The accounts function must not pay for opensearch-py, the communes or ROME at cold start.
    code = ("import sys; import espace.bootstrap; "
            "loaded = sorted(m for m in ('opensearchpy', 'espace.adapters.offers_sqlite', 'espace.places.referential', "
            "'espace.rome', 'espace.infosearch.index', 'espace.offers.model') if m in sys.modules); "
            "print(loaded); sys.exit(1 if loaded else 0)")
    functions = Path(bootstrap.__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", code], cwd=functions, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_aws_profile_signs_requests_with_the_function_role(monkeypatch):
    """The AWS domain accepts only SigV4-signed requests: the client must sign with the role."""
    from opensearchpy import Urllib3AWSV4SignerAuth

    from espace.adapters.offers_opensearch import signed_client

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    client = signed_client("search-espace.eu-west-3.es.amazonaws.com", 443)
    auth = client.transport.kwargs["http_auth"]
    assert isinstance(auth, Urllib3AWSV4SignerAuth)
    headers = auth("GET", "https://search-espace.eu-west-3.es.amazonaws.com/offres/_search", None)
    signature = headers["Authorization"]
    assert signature.startswith("AWS4-HMAC-SHA256") and "/eu-west-3/es/aws4_request" in signature

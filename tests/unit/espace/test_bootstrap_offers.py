"""The search engine is chosen from a URL; adapters are imported only when chosen."""

from __future__ import annotations

import sys

import pytest

from espace.offers import engines
from espace.offers.engines import offer_index_from_url
from espace.settings import SettingsError


def test_sqlite_url(tmp_path):
    from espace.offers.sqlite_index import SqliteOfferIndex

    index = offer_index_from_url(f"sqlite:///{tmp_path}/offres.db")
    assert isinstance(index, SqliteOfferIndex) and index.count() == 0
    assert (tmp_path / "offres.db").exists()


def test_opensearch_url_builds_the_adapter_without_a_request(monkeypatch):
    seen = {}

    class Recorder:
        def __init__(self, url, index_name):
            seen.update(url=url, index_name=index_name)

    module = type(sys)("espace.offers.opensearch_index")
    module.OpenSearchOfferIndex = Recorder
    monkeypatch.setitem(sys.modules, "espace.offers.opensearch_index", module)
    offer_index_from_url("opensearch://127.0.0.1:9200/offres")
    assert seen == {"url": "http://127.0.0.1:9200", "index_name": "offres"}
    offer_index_from_url("opensearchs://user:secret@search.example:443/offres-v2")
    assert seen == {"url": "https://user:secret@search.example:443", "index_name": "offres-v2"}
    offer_index_from_url("opensearch://localhost/offres")
    assert seen["url"] == "http://localhost:9200"


@pytest.mark.parametrize("url", [
    "offres.db", "sqlite://offres.db", "sqlite:///tmp/x.db?mode=ro", "mysql:///x", "opensearch://host:9200/",
    "opensearch://host:9200/Offres", "opensearch://host:9200/a/b", "opensearch:///offres", "opensearch://h:99999/x",
])
def test_bad_urls(url):
    with pytest.raises(SettingsError):
        offer_index_from_url(url)


def test_module_imports_no_adapter():
    assert "opensearchpy" not in engines.__dict__


def test_aws_profile_signs_requests_with_the_function_role(monkeypatch):
    """The AWS domain accepts only SigV4-signed requests: the client must sign with the role."""
    from opensearchpy import Urllib3AWSV4SignerAuth

    from espace.offers.engines import _signed_client

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    client = _signed_client("search-espace.eu-west-3.es.amazonaws.com", 443)
    auth = client.transport.kwargs["http_auth"]
    assert isinstance(auth, Urllib3AWSV4SignerAuth)
    headers = auth("GET", "https://search-espace.eu-west-3.es.amazonaws.com/offres/_search", None)
    assert headers["Authorization"].startswith("AWS4-HMAC-SHA256") and "/eu-west-3/es/aws4_request" in headers["Authorization"]

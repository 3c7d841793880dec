"""Pick the offer search engine from a URL-style setting (``ESPACE_SEARCH_URL``).

    sqlite:///abs/path/offers.db        -> SqliteOfferIndex (embedded profile)
    opensearch://host:port/index-name   -> OpenSearchOfferIndex on http://host:port
    opensearchs://host:port/index-name  -> the same over HTTPS

Each adapter module is imported only when its scheme is chosen: the embedded
profile never imports opensearch-py, a Lambda never opens SQLite.
"""

from __future__ import annotations

import re

from espace.bootstrap import _local_path, _split
from espace.offers.model import OfferIndex
from espace.settings import SettingsError, get_settings

# OpenSearch index names: lower case, no leading "_", "-" or "+", none of \ / * ? " < > | , # : or spaces.
_INDEX_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,254}")


def offer_index_from_url(url: str) -> OfferIndex:
    parts = _split(url, ("sqlite", "opensearch", "opensearchs"), "search")
    if parts.scheme == "sqlite":
        from espace.offers.sqlite_index import SqliteOfferIndex

        return SqliteOfferIndex(_local_path(parts, url))
    index_name = parts.path.strip("/")
    if not parts.hostname or not _INDEX_NAME.fullmatch(index_name):
        raise SettingsError(f"{url!r} must read opensearch://host:port/index-name (a lower-case index name)")
    try:
        port = parts.port or 9200
    except ValueError:
        raise SettingsError(f"{url!r} has an invalid port") from None
    http = "https" if parts.scheme == "opensearchs" else "http"
    credentials = f"{parts.username}:{parts.password}@" if parts.username else ""
    from espace.offers.opensearch_index import OpenSearchOfferIndex

    if http == "https" and not credentials and get_settings().profile == "aws":
        return OpenSearchOfferIndex(_signed_client(parts.hostname, port), index_name=index_name)
    return OpenSearchOfferIndex(f"{http}://{credentials}{parts.hostname}:{port}", index_name=index_name)


def _signed_client(host: str, port: int):
    """An OpenSearch Service domain only answers requests signed (SigV4) with the function's
    role, whose credentials Lambda provides: no password to keep anywhere."""
    import os

    import boto3
    from opensearchpy import OpenSearch, Urllib3AWSV4SignerAuth, Urllib3HttpConnection

    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    auth = Urllib3AWSV4SignerAuth(boto3.Session().get_credentials(), region, "es")
    return OpenSearch(hosts=[{"host": host, "port": port}], http_auth=auth, use_ssl=True, verify_certs=True,
                      connection_class=Urllib3HttpConnection, timeout=10, max_retries=2, retry_on_timeout=True)

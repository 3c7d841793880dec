"""The one composition root: the adapter behind each port, and the referentials, from settings.

    records: sqlite:///abs/path.db          | dynamodb://table-name
    files:   file:///abs/folder             | s3://bucket
    mail:    outbox:///abs/folder           | ses://
    offers:  sqlite:///abs/path/offers.db   | opensearch://host:port/index (opensearchs:// for HTTPS)
    matcher: sqlite:///abs/path/alerts.db   | opensearch://host:port/index (the saved searches' percolator)
    cv index: sqlite:///abs/path/cvs.db     | opensearch://host:port/index (the CV bank)

Domain code asks ``get_services()`` for what it needs and never imports an adapter.
Every member is built on first use, then kept for the process (one Lambda container):
the offers function never opens the records store, the accounts function never loads
the communes. Each adapter module is imported only when its scheme is chosen, so the
embedded profile never imports boto3 or opensearch-py. The URLs themselves are all
checked when the services are first asked for, so a typo fails at start-up.

A test that changes the environment calls ``reset()``: settings and everything built
from them are forgotten together.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload
from urllib.parse import SplitResult, unquote, urlsplit

from espace.ports import FileStore, Mailer, RecordStore
from espace.settings import Settings, SettingsError, get_settings

if TYPE_CHECKING:  # the referentials and the offer port cost imports the accounts function never needs
    from espace.agences.model import Agencies
    from espace.alertes.matching import AlertMatcher
    from espace.cv.index import CvIndex
    from espace.infosearch.index import InfoIndex
    from espace.offers.model import OfferIndex
    from espace.places.referential import Places
    from espace.rome import Referential

# The names AWS and OpenSearch accept, checked here so a typo fails at start-up, not at the first request.
_TABLE_NAME = re.compile(r"[A-Za-z0-9_.-]{3,255}")
_BUCKET_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
# OpenSearch index names: lower case, no leading "_", "-" or "+", none of \ / * ? " < > | , # : or spaces.
_INDEX_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,254}")


def _split(url: str, schemes: tuple[str, ...], what: str) -> SplitResult:
    if not isinstance(url, str) or "://" not in url:
        raise SettingsError(f"{what} URL {url!r} is not a URL; expected one of {', '.join(s + '://' for s in schemes)}")
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        raise SettingsError(f"unknown {what} URL scheme {parts.scheme!r} in {url!r}; "
                            f"expected one of {', '.join(s + '://' for s in schemes)}")
    if parts.query or parts.fragment:
        raise SettingsError(f"{what} URL {url!r} takes no query or fragment")
    return parts


def _local_path(parts: SplitResult, url: str) -> Path:
    """``scheme:///abs/path``: a relative path would depend on the working directory of
    whoever starts the process (make, pytest, a Lambda), so it is refused.

    ``sqlite:////abs/path`` (SQLAlchemy's spelling, and that of the default records_url
    in settings.py) means the same absolute path: extra leading slashes are collapsed."""
    if parts.netloc or not parts.path.startswith("/"):
        raise SettingsError(f"{url!r} must name an absolute path, e.g. {parts.scheme}:///srv/espace/…")
    return Path("/" + unquote(parts.path).lstrip("/"))


def _aws_name(parts: SplitResult, url: str, pattern: re.Pattern[str], what: str) -> str:
    if parts.path not in ("", "/") or not pattern.fullmatch(parts.netloc):
        raise SettingsError(f"{url!r} does not name a valid {what}")
    return parts.netloc


# --- each URL read into what its adapter needs (no import, no I/O) -----------------------
class _Target(NamedTuple):
    scheme: str
    where: Any  # a Path for local adapters, a name for AWS ones, an _OpenSearch for the search


class _OpenSearch(NamedTuple):
    https: bool
    host: str
    port: int
    index_name: str
    credentials: str  # "user:password@" or ""


def _records_target(url: str) -> _Target:
    parts = _split(url, ("sqlite", "dynamodb"), "records")
    if parts.scheme == "sqlite":
        return _Target("sqlite", _local_path(parts, url))
    return _Target("dynamodb", _aws_name(parts, url, _TABLE_NAME, "DynamoDB table name"))


def _files_target(url: str) -> _Target:
    parts = _split(url, ("file", "s3"), "files")
    if parts.scheme == "file":
        return _Target("file", _local_path(parts, url))
    return _Target("s3", _aws_name(parts, url, _BUCKET_NAME, "S3 bucket name"))


def _mail_target(url: str) -> _Target:
    parts = _split(url, ("outbox", "ses"), "mail")
    if parts.scheme == "outbox":
        return _Target("outbox", _local_path(parts, url))
    if parts.netloc or parts.path:
        raise SettingsError(f"{url!r}: write just ses:// (the region comes from AWS_REGION)")
    return _Target("ses", None)


def _offers_target(url: str, what: str = "search") -> _Target:
    parts = _split(url, ("sqlite", "opensearch", "opensearchs"), what)
    if parts.scheme == "sqlite":
        return _Target("sqlite", _local_path(parts, url))
    index_name = parts.path.strip("/")
    if not parts.hostname or not _INDEX_NAME.fullmatch(index_name):
        raise SettingsError(f"{url!r} must read opensearch://host:port/index-name (a lower-case index name)")
    try:
        port = parts.port or 9200
    except ValueError:
        raise SettingsError(f"{url!r} has an invalid port") from None
    credentials = f"{parts.username}:{parts.password}@" if parts.username else ""
    return _Target("opensearch", _OpenSearch(parts.scheme == "opensearchs", parts.hostname, port, index_name,
                                             credentials))


# --- the adapters ----------------------------------------------------------------------
def records_from_url(url: str) -> RecordStore:
    target = _records_target(url)
    if target.scheme == "sqlite":
        from espace.adapters.sqlite_records import SqliteRecordStore

        return SqliteRecordStore(target.where)
    from espace.adapters.dynamodb_records import DynamoRecordStore

    return DynamoRecordStore(target.where)


def files_from_url(url: str) -> FileStore:
    target = _files_target(url)
    if target.scheme == "file":
        from espace.adapters.local_files import LocalFileStore

        return LocalFileStore(target.where)
    from espace.adapters.s3_files import S3FileStore

    return S3FileStore(target.where)


def mailer_from_url(url: str, sender: str) -> Mailer:
    target = _mail_target(url)
    if target.scheme == "outbox":
        from espace.adapters.outbox_mail import OutboxMailer

        return OutboxMailer(target.where, sender)
    from espace.adapters.ses_mail import SesMailer

    return SesMailer(sender)


def offers_from_url(url: str, profile: str = "embedded") -> OfferIndex:
    """The offer search engine: SQLite, or an OpenSearch index (see _opensearch_client)."""
    target = _offers_target(url)
    if target.scheme == "sqlite":
        from espace.adapters.offers_sqlite import SqliteOfferIndex

        return SqliteOfferIndex(target.where)
    from espace.adapters.offers_opensearch import OpenSearchOfferIndex

    return OpenSearchOfferIndex(_opensearch_client(target.where, profile), index_name=target.where.index_name)


def matcher_from_url(url: str, profile: str = "embedded") -> AlertMatcher:
    """The saved searches' alert matcher: an inverted table in SQLite, or the OpenSearch
    percolator (requests signed with the function's role for an AWS domain, as the offers)."""
    target = _offers_target(url, "matcher")
    if target.scheme == "sqlite":
        from espace.adapters.alerts_sqlite import SqliteAlertMatcher

        return SqliteAlertMatcher(target.where)
    from espace.adapters.alerts_opensearch import OpenSearchAlertMatcher

    return OpenSearchAlertMatcher(_opensearch_client(target.where, profile), index_name=target.where.index_name)


def cv_index_from_url(url: str, profile: str = "embedded") -> CvIndex:
    """The CV bank's index: SQLite FTS5, or an OpenSearch index (signed requests in AWS, as the offers)."""
    target = _offers_target(url, "CV index")
    if target.scheme == "sqlite":
        from espace.adapters.cv_sqlite import SqliteCvIndex

        return SqliteCvIndex(target.where)
    from espace.adapters.cv_opensearch import OpenSearchCvIndex

    return OpenSearchCvIndex(_opensearch_client(target.where, profile), index_name=target.where.index_name)


def _opensearch_client(node: _OpenSearch, profile: str) -> Any:
    """In the AWS profile an HTTPS URL without credentials is an OpenSearch Service domain: a client
    signing its requests with the function's role; otherwise the node's URL (the adapter connects)."""
    if node.https and not node.credentials and profile == "aws":
        from espace.adapters.offers_opensearch import signed_client

        return signed_client(node.host, node.port)
    scheme = "https" if node.https else "http"
    return f"{scheme}://{node.credentials}{node.host}:{node.port}"


# --- the services, each built once on first use ---------------------------------------------
T = TypeVar("T")


class _Member(Generic[T]):
    """``functools.cached_property`` with a lock: the local gateway serves requests from several
    threads, and two of them must not open two record stores on the first request."""

    def __init__(self, build: Callable[[Services], T]):
        self.build = build
        self.name = build.__name__

    @overload
    def __get__(self, services: None, owner: type) -> _Member[T]: ...
    @overload
    def __get__(self, services: Services, owner: type) -> T: ...

    def __get__(self, services: Services | None, owner: type) -> T | _Member[T]:
        if services is None:
            return self
        built = services.__dict__
        if self.name not in built:
            with services._lock:
                if self.name not in built:
                    built[self.name] = self.build(services)
        value: T = built[self.name]
        return value


class Services:
    """What the handlers and tools are given: the ports' adapters, the offer index and the
    referentials. ``Services(settings, records=…)`` takes ready members (a test's, a tool's)."""

    def __init__(self, settings: Settings, **members: Any):
        self.settings = settings
        self._lock = threading.RLock()
        unknown = set(members) - {name for name, value in vars(Services).items() if isinstance(value, _Member)}
        if unknown:
            raise TypeError(f"unknown services: {sorted(unknown)}")
        self.__dict__.update(members)

    def check(self) -> None:
        """Read every URL (no import, no connection): a bad setting fails here, at start-up."""
        _records_target(self.settings.records_url)
        _files_target(self.settings.files_url)
        _mail_target(self.settings.mail_url)
        _offers_target(self.settings.search_url)
        _offers_target(self.settings.matcher_url, "matcher")
        _offers_target(self.settings.cv_index_url, "CV index")

    @_Member
    def records(self) -> RecordStore:
        return records_from_url(self.settings.records_url)

    @_Member
    def files(self) -> FileStore:
        return files_from_url(self.settings.files_url)

    @_Member
    def mailer(self) -> Mailer:
        return mailer_from_url(self.settings.mail_url, self.settings.mail_sender)

    @_Member
    def offers(self) -> OfferIndex:
        return offers_from_url(self.settings.search_url, self.settings.profile)

    @_Member
    def alert_matcher(self) -> AlertMatcher:
        return matcher_from_url(self.settings.matcher_url, self.settings.profile)

    @_Member
    def cv_index(self) -> CvIndex:
        return cv_index_from_url(self.settings.cv_index_url, self.settings.profile)

    @_Member
    def rome(self) -> Referential:
        """The ROME referential without the fiche texts (what searches and forms read)."""
        from espace.rome import load_referential

        return load_referential(Path(self.settings.data_dir) / "rome", light=True)

    @_Member
    def places(self) -> Places:
        from espace.places.referential import Places

        return Places.load(Path(self.settings.data_dir) / "communes")

    @_Member
    def agencies(self) -> Agencies:
        """The agencies (espace.agences), with the communes they serve."""
        from espace.agences.model import Agencies

        return Agencies.load(Path(self.settings.data_dir) / "agences")

    @_Member
    def info_index(self) -> InfoIndex:
        """The information search over the built site (its search-index.json)."""
        from espace.infosearch.index import InfoIndex

        return InfoIndex.load(self.settings.search_index_file)


def build_services(settings: Settings) -> Services:
    services = Services(settings)
    services.check()
    return services


@lru_cache(maxsize=1)
def get_services() -> Services:
    """Built once per process (per Lambda container): clients, connections and referentials
    are reused across invocations."""
    return build_services(get_settings())


def reset() -> None:
    """Forget the settings and all that was built from them (tests that change the environment)."""
    get_settings.cache_clear()
    get_services.cache_clear()

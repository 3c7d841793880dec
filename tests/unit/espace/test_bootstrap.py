"""URL parsing of espace.bootstrap: which adapter each URL gives, and SettingsError for
the rest; the services, built on first use. No sockets: building a boto3 client opens no
connection, and tests/unit/conftest.py makes sure of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from espace import bootstrap
from espace.adapters.dynamodb_records import DynamoRecordStore
from espace.adapters.local_files import LocalFileStore
from espace.adapters.outbox_mail import OutboxMailer
from espace.adapters.s3_files import S3FileStore
from espace.adapters.ses_mail import SesMailer
from espace.adapters.sqlite_records import SqliteRecordStore
from espace.bootstrap import Services, files_from_url, get_services, mailer_from_url, records_from_url
from espace.settings import SettingsError, get_settings

SENDER = "Espace candidat <ne-pas-repondre@espace-candidat.example>"


@pytest.fixture
def aws_region(monkeypatch):
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def test_sqlite_url(tmp_path):
    store = records_from_url(f"sqlite://{tmp_path}/var/app.db")
    assert isinstance(store, SqliteRecordStore)
    assert store.path == tmp_path / "var" / "app.db"
    assert store.path.exists()  # the folder was created
    store.close()


def test_percent_encoded_paths_are_decoded(tmp_path):
    store = records_from_url(f"sqlite://{tmp_path}/mon%20dossier/app.db")
    assert store.path == tmp_path / "mon dossier" / "app.db"
    store.close()


def test_file_and_outbox_urls(tmp_path):
    files = files_from_url(f"file://{tmp_path}/files")
    assert isinstance(files, LocalFileStore) and files.root == (tmp_path / "files").resolve()
    mailer = mailer_from_url(f"outbox://{tmp_path}/outbox", SENDER)
    assert isinstance(mailer, OutboxMailer)
    assert mailer.folder == tmp_path / "outbox" and mailer.sender == SENDER


def test_aws_urls(aws_region):
    records = records_from_url("dynamodb://espace-candidat-RecordsTable-1AB2")
    assert isinstance(records, DynamoRecordStore) and records.table_name == "espace-candidat-RecordsTable-1AB2"
    files = files_from_url("s3://espace-candidat-files-123456789012")
    assert isinstance(files, S3FileStore) and files.bucket == "espace-candidat-files-123456789012"
    mailer = mailer_from_url("ses://", SENDER)
    assert isinstance(mailer, SesMailer) and mailer.sender == SENDER
    for adapter in (records, files, mailer):
        assert adapter._client.meta.region_name == "eu-west-3"


def test_aws_region_wins_over_the_default_region(aws_region, monkeypatch):
    # Lambda sets AWS_REGION; botocore alone would only read AWS_DEFAULT_REGION.
    monkeypatch.setenv("AWS_REGION", "eu-central-1")
    assert records_from_url("dynamodb://table")._client.meta.region_name == "eu-central-1"


@pytest.mark.parametrize("factory, url", [
    (records_from_url, "postgres://db/espace"),
    (records_from_url, "s3://bucket"),               # a valid URL, but for another port
    (records_from_url, "sqlite://relative/app.db"),  # "relative" would be read as a host
    (records_from_url, "sqlite:relative.db"),
    (records_from_url, "sqlite:///var/app.db?mode=ro"),
    (records_from_url, "sqlite://"),
    (records_from_url, ""),
    (records_from_url, "/var/app.db"),
    (records_from_url, "dynamodb://"),
    (records_from_url, "dynamodb://ab"),
    (records_from_url, "dynamodb://bad name!"),
    (records_from_url, "dynamodb://table/extra"),
    (files_from_url, "file://var/files"),
    (files_from_url, "s3://"),
    (files_from_url, "s3://Upper_Case"),
    (files_from_url, "s3://bucket/prefix"),
    (files_from_url, "dynamodb://table"),
    (files_from_url, "ftp://host/files"),
    (mailer_from_url, "smtp://localhost:25"),
    (mailer_from_url, "ses://eu-west-1"),
    (mailer_from_url, "outbox://outbox"),
])
def test_bad_urls_raise_settings_error(factory, url, aws_region):
    args = (url, SENDER) if factory is mailer_from_url else (url,)
    with pytest.raises(SettingsError):
        factory(*args)


def test_get_services_builds_once_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ESPACE_RECORDS_URL", f"sqlite://{tmp_path}/app.db")
    monkeypatch.setenv("ESPACE_FILES_URL", f"file://{tmp_path}/files")
    monkeypatch.setenv("ESPACE_MAIL_URL", f"outbox://{tmp_path}/outbox")
    monkeypatch.setenv("ESPACE_MAIL_SENDER", "Test <test@example.fr>")
    bootstrap.reset()
    try:
        services = get_services()
        assert isinstance(services, Services)
        assert isinstance(services.records, SqliteRecordStore) and services.records.path == tmp_path / "app.db"
        assert isinstance(services.files, LocalFileStore)
        assert isinstance(services.mailer, OutboxMailer) and services.mailer.sender == "Test <test@example.fr>"
        assert services.settings.mail_sender == "Test <test@example.fr>"
        assert get_services() is services
        services.records.close()
    finally:
        bootstrap.reset()


def test_a_bad_setting_fails_get_services(monkeypatch):
    monkeypatch.setenv("ESPACE_RECORDS_URL", "mysql://db")
    bootstrap.reset()
    try:
        with pytest.raises(SettingsError):
            get_services()
    finally:
        bootstrap.reset()


def test_reset_forgets_the_settings_and_what_was_built_from_them(tmp_path, monkeypatch):
    monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite://{tmp_path}/one.db")
    bootstrap.reset()
    try:
        first = get_services()
        assert first.offers.path == str(tmp_path / "one.db")
        monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite://{tmp_path}/two.db")
        assert get_services() is first  # built once per process…
        bootstrap.reset()
        assert get_settings().search_url.endswith("two.db")  # …until reset
        assert get_services() is not first and get_services().offers.path == str(tmp_path / "two.db")
    finally:
        bootstrap.reset()


def test_members_are_built_on_first_use_only(tmp_path):
    # The offers function has no table: asking for the offer index must not open a records store.
    settings = bootstrap.Settings(records_url=f"sqlite://{tmp_path}/app.db", search_url=f"sqlite://{tmp_path}/o.db")
    services = bootstrap.build_services(settings)
    assert services.offers.count() == 0
    assert not (tmp_path / "app.db").exists()
    assert services.offers is services.offers
    assert set(vars(services)) & {"records", "files", "mailer", "rome", "places"} == set()


def test_members_are_built_once_under_concurrent_first_use(tmp_path, monkeypatch):
    import threading
    import time

    import espace.adapters.local_files as local_files

    built = []

    def slow_store(root):
        time.sleep(0.05)  # long enough for every thread to ask before the first one is done
        built.append(root)
        return root

    monkeypatch.setattr(local_files, "LocalFileStore", slow_store)
    services = bootstrap.Services(bootstrap.Settings(files_url=f"file://{tmp_path}/files"))
    threads = [threading.Thread(target=lambda: services.files) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == [tmp_path / "files"]


def test_ready_members_can_be_given_and_unknown_ones_are_refused():
    marker = object()
    services = bootstrap.Services(bootstrap.Settings(), places=marker)
    assert services.places is marker
    with pytest.raises(TypeError):
        bootstrap.Services(bootstrap.Settings(), offer_index=marker)


def test_default_settings_point_into_var(monkeypatch):
    built = {}

    def recorder(name):
        def build(*args, **kwargs):
            built[name] = args[0]
        return build

    # Record what would be built rather than create var/ inside the working copy.
    import espace.adapters.local_files as local_files
    import espace.adapters.outbox_mail as outbox_mail
    import espace.adapters.sqlite_records as sqlite_records

    monkeypatch.setattr(sqlite_records, "SqliteRecordStore", recorder("records"))
    monkeypatch.setattr(local_files, "LocalFileStore", recorder("files"))
    monkeypatch.setattr(outbox_mail, "OutboxMailer", recorder("mail"))
    services = bootstrap.build_services(bootstrap.Settings())
    assert built == {}  # nothing is built before it is asked for
    services.records, services.files, services.mailer  # noqa: B018 (built by reading them)
    var = Path(bootstrap.__file__).resolve().parents[2] / "var"
    assert built == {"records": var / "app.db", "files": var / "files", "mail": var / "outbox"}
    assert str(built["records"]).startswith("/") and not str(built["records"]).startswith("//")


def test_extra_leading_slashes_mean_the_same_absolute_path(tmp_path):
    store = records_from_url(f"sqlite:///{tmp_path}/app.db")  # sqlite:////tmp/…
    assert store.path == tmp_path / "app.db" and not str(store.path).startswith("//")
    store.close()


def test_importing_bootstrap_and_adapters_does_not_import_boto3():
    # boto3 costs ~150 ms of cold start: only building an AWS adapter may import it.
    code = ("import sys; import espace.bootstrap, espace.adapters.dynamodb_records, "
            "espace.adapters.s3_files, espace.adapters.ses_mail; "
            "loaded = sorted(m for m in ('boto3', 'botocore') if m in sys.modules); "
            "print(loaded); sys.exit(1 if loaded else 0)")
    functions = Path(bootstrap.__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", code], cwd=functions, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

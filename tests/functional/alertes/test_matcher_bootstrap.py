"""services.alert_matcher from the matcher_url setting: SQLite by default, the percolator by URL."""

from __future__ import annotations

import uuid

import pytest

from espace.bootstrap import Services, build_services, matcher_from_url
from espace.settings import PROJECT_ROOT, Settings, SettingsError


def test_the_default_is_an_sqlite_file_in_var():
    assert Settings().matcher_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'alerts.db'}"
    assert Settings.from_env({"ESPACE_MATCHER_URL": "opensearch://h:9200/alertes"}).matcher_url == \
        "opensearch://h:9200/alertes"


@pytest.mark.parametrize("url", ["sqlite://relative.db", "dynamodb://table", "opensearch://host:9200/Bad Name",
                                 "opensearch://host:port/alertes", "not a url"])
def test_a_bad_url_fails_at_start_up(url):
    with pytest.raises(SettingsError, match=r"matcher|URL|index|port|path"):
        build_services(Settings(matcher_url=url))


def test_services_build_the_sqlite_matcher(tmp_path):
    from espace.adapters.alerts_sqlite import SqliteAlertMatcher

    services = Services(Settings(matcher_url=f"sqlite:///{tmp_path}/alerts.db"))
    assert isinstance(services.alert_matcher, SqliteAlertMatcher)
    assert services.alert_matcher is services.alert_matcher  # built once
    assert (tmp_path / "alerts.db").exists()


def test_an_opensearch_url_builds_the_percolator_on_that_index(opensearch_url):
    from espace.adapters.alerts_opensearch import OpenSearchAlertMatcher

    name = f"alertes-boot-{uuid.uuid4().hex[:8]}"
    matcher = matcher_from_url(f"opensearch://{opensearch_url.split('://', 1)[1]}/{name}")
    try:
        assert isinstance(matcher, OpenSearchAlertMatcher) and matcher.index == name
        assert matcher.count() == 0
    finally:
        matcher.drop()

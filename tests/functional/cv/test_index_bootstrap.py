"""services.cv_index from the cv_index_url setting: SQLite by default, an OpenSearch index by URL."""

from __future__ import annotations

import uuid

import pytest

from espace.bootstrap import Services, build_services, cv_index_from_url
from espace.cv.index import CvQuery
from espace.settings import PROJECT_ROOT, Settings, SettingsError


def test_the_default_is_an_sqlite_file_in_var():
    assert Settings().cv_index_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'cvs.db'}"
    assert Settings.from_env({"ESPACE_CV_INDEX_URL": "opensearch://h:9200/cvs"}).cv_index_url == \
        "opensearch://h:9200/cvs"


@pytest.mark.parametrize("url", ["sqlite://relative.db", "dynamodb://table", "opensearch://host:9200/Bad Name",
                                 "opensearch://host:port/cvs", "not a url"])
def test_a_bad_url_fails_at_start_up(url):
    with pytest.raises(SettingsError, match=r"CV index|URL|index|port|path"):
        build_services(Settings(cv_index_url=url))


def test_services_build_the_sqlite_index(tmp_path):
    from espace.adapters.cv_sqlite import SqliteCvIndex

    services = Services(Settings(cv_index_url=f"sqlite:///{tmp_path}/cvs.db"))
    assert isinstance(services.cv_index, SqliteCvIndex)
    assert services.cv_index is services.cv_index  # built once
    assert (tmp_path / "cvs.db").exists() and services.cv_index.count() == 0


def test_an_opensearch_url_builds_the_index_of_that_name(opensearch_url):
    from espace.adapters.cv_opensearch import OpenSearchCvIndex

    name = f"cvs-boot-{uuid.uuid4().hex[:8]}"
    index = cv_index_from_url(f"opensearch://{opensearch_url.split('://', 1)[1]}/{name}")
    try:
        assert isinstance(index, OpenSearchCvIndex) and index.index == name
        assert index.count() == 0 and index.search(CvQuery()).total == 0
    finally:
        index.drop()

"""The Sources and Verified metadata parsers of the site tree plugin."""

import datetime
from types import SimpleNamespace

import pytest

from site_tree.plugin import attach_sources
from site_tree.sources import SourceError, french_date, is_stale, parse_sources, parse_verified


def test_sources_lines_give_link_title_and_site():
    parsed = parse_sources(["https://www.unedic.org/a | Unédic : délai", "https://francetravail.fr/b | FT"])
    assert parsed == [
        {"url": "https://www.unedic.org/a", "label": "Unédic : délai", "site": "unedic.org"},
        {"url": "https://francetravail.fr/b", "label": "FT", "site": "francetravail.fr"},
    ]
    assert parse_sources(None) == []


@pytest.mark.parametrize("line", ["https://a.fr", "https://a.fr | ", "ftp://a.fr | A", "a.fr | A",
                                  "https:// | A", "https://a.fr/x y | A"])
def test_bad_sources_lines_are_refused(line):
    with pytest.raises(SourceError):
        parse_sources(line)


def test_verified_dates():
    today = datetime.date(2026, 12, 6)
    assert parse_verified("2026-12-06", today) == today
    assert parse_verified(None) is None
    for bad in ("06/12/2026", "2026-13-01", "2026-12-07", "hier"):
        with pytest.raises(SourceError):
            parse_verified(bad, today)


def test_french_date_and_staleness():
    assert french_date(datetime.date(2026, 12, 6)) == "6 décembre 2026"
    assert french_date(datetime.date(2026, 8, 1)) == "1er août 2026"
    verified = datetime.date(2025, 12, 6)
    assert not is_stale(verified, datetime.date(2026, 12, 6))
    assert is_stale(verified, datetime.date(2026, 12, 7))


def test_attach_sources_names_the_page_on_error():
    page = SimpleNamespace(source_path="content/pages/x.md", sources="https://a.fr | A")
    with pytest.raises(SourceError, match=r"content/pages/x.md: Sources given without a Verified date"):
        attach_sources(page)
    page = SimpleNamespace(source_path="x.md", sources="https://a.fr | A", verified="2026-12-01")
    attach_sources(page)
    assert page.verified_label == "1er décembre 2026"

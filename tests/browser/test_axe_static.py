"""axe-core in headless Chromium: no violation on any hand-written page and on 100+ fiches."""

import pytest

pytestmark = pytest.mark.browser


def test_axe_engine_is_current(browser, axe_check, site_url):
    axe_check(site_url + "/")
    assert browser.execute_script("return axe.version").startswith("4.")


def violations_of(pages, site, site_url, axe_check) -> dict[str, list[str]]:
    failures = {}
    for path in pages:
        url = f"{site_url}/{path.relative_to(site).as_posix()}"
        if violations := axe_check(url):
            failures[url] = violations
    return failures


def test_no_violation_on_handwritten_pages(site, site_url, handwritten_pages, axe_check):
    assert len(handwritten_pages) > 60
    assert violations_of(handwritten_pages, site, site_url, axe_check) == {}


def test_no_violation_on_fiches_and_indexes(site, site_url, fiche_sample, axe_check):
    assert len([p for p in fiche_sample if len(p.stem) == 5]) >= 100
    assert violations_of(fiche_sample, site, site_url, axe_check) == {}

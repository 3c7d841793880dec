"""axe-core in headless Chromium: no violation on any hand-written page and on 100+ fiches."""

import pytest

pytestmark = pytest.mark.browser


def test_axe_engine_is_current(browser, axe_check, site_url):
    axe_check(site_url + "/")
    assert browser.execute_script("return axe.version").startswith("4.")


def test_no_violation_on_handwritten_pages(site, site_url, handwritten_pages, axe_check):
    failures = {}
    for path in handwritten_pages:
        url = f"{site_url}/{path.relative_to(site).as_posix()}"
        violations = axe_check(url)
        if violations:
            failures[url] = violations
    assert len(handwritten_pages) > 60
    assert failures == {}


def test_no_violation_on_fiches_and_indexes(site, site_url, fiche_sample, axe_check):
    assert len([p for p in fiche_sample if len(p.stem) == 5]) >= 100
    failures = {}
    for path in fiche_sample:
        url = f"{site_url}/{path.relative_to(site).as_posix()}"
        violations = axe_check(url)
        if violations:
            failures[url] = violations
    assert failures == {}

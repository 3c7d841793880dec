"""Every built page passes the structural page checks."""

import html5lib
import pytest

from tests.pagecheck import page_problems


def test_every_page_passes_the_page_checks(site, html_pages):
    assert len(html_pages) > 1700
    failures = {}
    for path in html_pages:
        problems = page_problems(path.read_text(encoding="utf-8"))
        if problems:
            failures[str(path.relative_to(site))] = problems
    assert failures == {}


def test_handwritten_pages_parse_without_html_errors(handwritten_pages):
    # html5lib in strict mode raises on any parse error the HTML spec defines.
    for path in handwritten_pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(path.read_bytes())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{path.name}: {error}")


def test_pages_below_home_have_the_breadcrumb(site, html_pages):
    for path in html_pages:
        if path.name == "index.html" and path.parent == site:
            continue
        text = path.read_text(encoding="utf-8")
        assert 'aria-label="Fil d\'Ariane"' in text, path
        assert 'Vous êtes : <a href="/">Accueil</a>' in text, path

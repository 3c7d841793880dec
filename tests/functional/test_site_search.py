"""`/recherche`, the information search, on the built site: paging, order, excerpts, short queries."""

from __future__ import annotations

from urllib.parse import quote

import lxml.html
import pytest

from espace.infosearch.index import query_terms
from espace.search_text import terms
from tests.caches import environment
from tests.functional.client import Client
from tests.pagecheck import page_problems
from tests.spaces import fold_spaces


@pytest.fixture(scope="module")
def client(site, tmp_path_factory):
    with environment({"ESPACE_PROFILE": "embedded", "POWERTOOLS_LOG_LEVEL": "WARNING",
                      "ESPACE_SEARCH_URL": f"sqlite:///{tmp_path_factory.mktemp('offres')}/offres.db",
                      "ESPACE_NAVIGATION_FILE": str(site / "navigation.json"),
                      "ESPACE_SEARCH_INDEX_FILE": str(site / "search-index.json")}):
        from espace.handlers.offers import handler

        yield Client(handler)


def search(client, query, page=None):
    result = client.get(f"/recherche?q={quote(query)}" + (f"&page={page}" if page else ""))
    assert result.status == 200
    assert page_problems(result.body) == [], page_problems(result.body)
    return result


def hits(result):
    return [(" ".join(li.xpath("string(a)").split()), " ".join(li.xpath("string(p)").split()))
            for li in result.html.xpath('//ol[contains(@class, "search-hits")]/li')]


def status(result):
    return " ".join(result.html.xpath('string(//*[@role="status"])').split()).replace("\u202f", " ")


def test_a_regional_page_named_by_the_word_comes_first(client):
    # « atelier » is on more than 100 pages; the news « Atelier CV à Limoges » was past the 50 shown.
    first = search(client, "atelier")
    assert hits(first)[0][0] == "Atelier CV à Limoges : un CV clair en deux heures"
    assert "Nouvelle-Aquitaine" in first.html.xpath("string(//ol/li[1])")


def test_the_query_is_shown_as_typed_inside_spaced_quotes(client):
    # The page's text gets French no-break spaces (espace.templating), never the typed query.
    typed = "cumul : 10:30 ?"
    result = client.get(f"/recherche?q={quote(typed)}")
    assert lxml.html.document_fromstring(result.raw).xpath("//input[@name='q']/@value") == [typed]
    assert "«\u202fcumul : 10:30 ?\u202f»" in result.raw  # « {{ query }} »: the query's own spaces kept


def test_every_result_can_be_reached_through_the_pages(client):
    first = search(client, "atelier")
    total = int(status(first).split(" pages")[0].replace(" ", ""))
    assert total > 100
    title = lxml.html.document_fromstring(first.raw).xpath("string(//title)")  # as sent: no-break spaces kept
    expected = "Rechercher sur le site – « atelier » : " + f"{total:,} pages".replace(",", " ")
    assert fold_spaces(title).startswith(expected)
    assert f"{total:,} pages".replace(",", "\u202f") in title
    seen, page, number = [], first, 1
    while True:
        seen += [title for title, _ in hits(page)]
        following = page.html.xpath('//nav[@aria-label="Pages de résultats"]//a[@rel="next"]/@href')
        if not following:
            break
        number += 1
        page = search(client, "atelier", page=number)
        assert following[0] == f"/recherche?q=atelier&page={number}"
        assert f", page {number} sur " in page.html.xpath("string(//title)")
        assert page.html.xpath("//ol/@start") == [str((number - 1) * 20 + 1)]
    assert len(seen) == total == len(set(seen))


@pytest.mark.parametrize("query", ["atelier", "CV", "actualisation", "aide mobilité", "VAE", "maçon",
                                   "Nouvelle-Aquitaine", "réclamation", "contrat", "formation"])
def test_every_excerpt_holds_a_searched_word_or_the_title_does(client, query):
    wanted = set(query_terms(query))
    for title, excerpt in hits(search(client, query)):
        assert wanted & set(terms(excerpt)) or wanted & set(terms(title)), (title, excerpt)


@pytest.mark.parametrize("query", ["a", "le la", "à"])
def test_a_query_of_one_letter_or_common_words_asks_for_a_real_word(client, query):
    page = search(client, query)
    assert "ne suffit pas pour chercher" in status(page) and "Saisissez au moins un mot" in status(page)
    assert hits(page) == [] and not page.html.xpath("//nav[@aria-label='Pages de résultats']")
    # Not a form error: no error summary, no « Erreur : » title, the field keeps what was typed.
    assert page.error_summary() == [] and not page.html.xpath("//title")[0].text.startswith("Erreur")
    assert page.html.xpath('//input[@name="q"]/@value') == [query]
    assert not page.html.xpath('//input[@name="q"][@aria-invalid="true"]')


def test_common_words_do_not_narrow_a_real_query(client):
    assert hits(search(client, "l'aide à la mobilité"))[0][0] == "Les aides à la mobilité"


def test_a_page_past_the_end_shows_the_last_page(client):
    title = search(client, "atelier", page=999).html.xpath("string(//title)")
    number, pages = title.split(", page ")[1].split(" –")[0].split(" sur ")
    assert number == pages and int(pages) > 5


def test_too_long_a_query_is_a_form_error(client):
    page = client.get("/recherche?q=" + "x" * 201)
    assert page.status == 400 and page.error_summary() == ["Saisissez 200 caractères au plus."]

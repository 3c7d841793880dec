"""The information search's index: what matches, in which order, and what each hit quotes."""

import pytest

from espace.infosearch.index import PASSAGE_CHARS, InfoIndex, passage, query_terms, significant_words
from espace.search_text import terms


def entry(url, title, text, *, region=None, kind="page", summary=""):
    # What plugins/search_index writes for a page.
    return {"url": url, "title": title, "summary": summary, "text": text, "region": region, "kind": kind,
            "title_terms": " ".join(terms(title)), "terms": " ".join(terms(f"{summary} {text}"))}


NATIONAL = [entry(f"candidat/page-{n}.html", f"Page nationale {n}",
                  "Un atelier vous aide. " * (60 - n) + "Les ateliers sont gratuits.") for n in range(60)]
LIMOGES = entry("actualites/atelier-cv-limoges.html", "Atelier CV à Limoges", "Deux heures pour un CV clair.",
                region="nouvelle-aquitaine", kind="article")
REGION = entry("regions/nouvelle-aquitaine.html", "Nouvelle-Aquitaine", "Les actualités de la région.",
               region="nouvelle-aquitaine")
FICHE = entry("metiers/B1101.html", "Chef / Cheffe d'atelier", "Dirige un atelier de production.", kind="fiche")


def titles(hits):
    return [hit.title for hit in hits]


def test_a_page_whose_title_matches_comes_first_even_when_regional():
    index = InfoIndex([*NATIONAL, FICHE, LIMOGES, REGION])
    hits, total = index.search("atelier", 0, 3)
    assert total == 62
    # Title matches first (news before fiches), then the national pages by relevance.
    assert titles(hits) == ["Atelier CV à Limoges", "Chef / Cheffe d'atelier", "Page nationale 0"]
    assert hits[0].region == "nouvelle-aquitaine" and hits[0].region_name == "Nouvelle-Aquitaine"


def test_every_match_is_reachable_page_after_page():
    index = InfoIndex([*NATIONAL, LIMOGES, entry("regions/x.html", "Ailleurs", "Un atelier en région.", region="x")])
    seen = []
    for offset in range(0, 80, 20):
        hits, total = index.search("atelier", offset, 20)
        seen += titles(hits)
    assert total == 62 and len(seen) == 62 and len(set(seen)) == 62
    # The regional page without the word in its title comes after every national one, but it comes.
    assert seen[-1] == "Ailleurs" and seen.index("Page nationale 59") < seen.index("Ailleurs")


def test_more_query_words_in_the_title_rank_higher():
    index = InfoIndex([entry("a.html", "Les aides", "Une aide à la mobilité existe."),
                       entry("b.html", "Les aides à la mobilité", "Plusieurs aides."),
                       entry("c.html", "Mobilité", "Une aide pour se déplacer.")])
    assert titles(index.search("aide mobilité")[0]) == ["Les aides à la mobilité", "Les aides", "Mobilité"]


@pytest.mark.parametrize("query", ["a", "A", "l'", "le la", "de la à", "  ", "et ou", "ô"])
def test_one_letter_and_common_words_search_nothing(query):
    assert query_terms(query) == []
    assert InfoIndex(NATIONAL).search(query) == ([], 0)


def test_common_words_are_left_out_of_a_longer_query():
    assert significant_words("L'aide à la mobilité") == ["aide", "mobilité"]
    assert significant_words("CV RH 3949") == ["cv", "rh", "3949"]
    index = InfoIndex([entry("a.html", "Les aides à la mobilité", "Pour se déplacer."),
                       entry("b.html", "Autre", "Rien de tout cela.")])
    assert index.search("l'aide à la mobilité")[1] == 1  # « la » and « à » do not narrow the search


def test_the_passage_quotes_the_sentence_with_the_word():
    text = "Première phrase sans rien. Votre CV compte. Une autre phrase."
    assert passage(text, set(query_terms("CV"))) == "Votre CV compte."
    # Stems, not spellings: « actualiser » finds « actualisation »; accents do not matter.
    assert passage("Rien ici. Pensez à l'actualisation mensuelle.", set(query_terms("ACTUALISER"))) == \
        "Pensez à l'actualisation mensuelle."
    assert passage("Le métier de maçon.", set(query_terms("macon"))) == "Le métier de maçon."
    assert passage("Aucun mot cherché.", set(query_terms("atelier"))) is None


def test_the_passage_prefers_the_sentence_with_more_of_the_words():
    text = "Une aide existe. Une aide à la mobilité existe aussi."
    assert passage(text, set(query_terms("aide mobilité"))) == "Une aide à la mobilité existe aussi."


def test_a_long_sentence_is_cut_around_the_word():
    # A fiche's text runs its appellations together without a full stop.
    labels = " ".join(f"Appellation numéro {n} / Appellations numéros {n}" for n in range(40))
    quoted = passage(labels + " Maçon du paysage " + labels, set(query_terms("maçon")))
    assert "Maçon du paysage" in quoted and quoted.startswith("… ") and quoted.endswith(" …")
    assert len(quoted) <= PASSAGE_CHARS + 4


def test_every_hit_quotes_the_word_or_names_it_in_its_title():
    # The word only in the summary, only in the title, in the text: the excerpt shows it where it is.
    index = InfoIndex([entry("a.html", "Sans rapport", "Un long texte.", summary="Un atelier gratuit."),
                       entry("b.html", "Atelier", "Un long texte sans le mot.", summary="Présentation."),
                       entry("c.html", "Autre", "Début. " * 80 + "Un atelier ici.")])
    quoted = {hit.url: hit.passage for hit in index.search("atelier")[0]}
    assert quoted == {"a.html": "Un atelier gratuit.", "b.html": "Présentation.", "c.html": "Un atelier ici."}

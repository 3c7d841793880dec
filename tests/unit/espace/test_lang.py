"""English terms in French text are marked lang="en", escaped, from the list kept with the ROME data."""

import csv
import pickle

from markupsafe import Markup

from espace.lang import ENGLISH_TERMS, english_marker, read_terms, terms_pattern
from tests.conftest import ROOT

TERMS_FILE = ROOT / "data" / ENGLISH_TERMS


def marker(*terms, tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# a comment\n\n" + "\n".join(terms) + "\n", encoding="utf-8")
    return english_marker(path)


def test_terms_are_wrapped_whatever_their_case_and_the_rest_is_escaped(tmp_path):
    lang_en = marker("growth hacker", "soft skills", tmp_path=tmp_path)
    assert lang_en("Growth hacker") == '<span lang="en">Growth hacker</span>'
    assert lang_en("Intégrer les SOFT SKILLS <b>&</b>") == (
        'Intégrer les <span lang="en">SOFT SKILLS</span> &lt;b&gt;&amp;&lt;/b&gt;')
    assert isinstance(lang_en("x"), Markup)


def test_only_whole_words_match_with_a_plural_and_either_separator(tmp_path):
    lang_en = marker("data scientist", "insight", "full stack", tmp_path=tmp_path)
    assert lang_en("Des data scientists, des insights") == (
        'Des <span lang="en">data scientists</span>, des <span lang="en">insights</span>')
    assert lang_en("Développeuse full-stack") == 'Développeuse <span lang="en">full-stack</span>'
    assert lang_en("insightful, datas scientist") == "insightful, datas scientist"


def test_the_longest_term_wins(tmp_path):
    lang_en = marker("big data", "big data engineer", tmp_path=tmp_path)
    assert lang_en("Big data engineer") == '<span lang="en">Big data engineer</span>'
    assert lang_en("Expert big data") == 'Expert <span lang="en">big data</span>'


def test_markup_and_missing_values_pass_through(tmp_path):
    lang_en = marker("cloud computing", tmp_path=tmp_path)
    html = Markup('<a href="/cloud-computing">cloud computing</a>')
    assert lang_en(html) is html
    assert lang_en(None) == ""


def test_without_the_list_the_filter_only_escapes(tmp_path, caplog):
    lang_en = english_marker(tmp_path / "absent.txt")
    assert lang_en("Growth hacker & co") == "Growth hacker &amp; co"
    assert "absent.txt" in caplog.text


def test_every_listed_term_occurs_in_the_referential():
    # The list says where its terms come from: a term found nowhere is a typo or a leftover.
    texts = []
    for name, column in (("unix_referentiel_appellation_v460_utf8.csv", "libelle_appellation_long"),
                         ("unix_referentiel_code_rome_v460_utf8.csv", "libelle_rome"),
                         ("unix_item_v460_utf8.csv", "libelle"), ("unix_texte_v460_utf8.csv", "libelle_texte")):
        with (ROOT / "data" / "rome" / name).open(encoding="utf-8") as handle:
            texts += [row[column] for row in csv.DictReader(handle)]
    terms = read_terms(TERMS_FILE)
    assert len(terms) > 100
    # One pass with all terms, then each term against what was found (a longer term may hide it).
    found = "\n".join(match.group() for match in terms_pattern(terms).finditer("\n".join(texts)))
    assert [term for term in terms if not terms_pattern([term]).search(found)] == []


def test_the_filter_survives_pelicans_settings_cache(tmp_path):
    lang_en = pickle.loads(pickle.dumps(marker("soft skills", tmp_path=tmp_path)))
    assert lang_en("Les soft skills") == 'Les <span lang="en">soft skills</span>'

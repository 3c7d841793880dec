"""The plain-language content checks (plugins/plain_language): abbreviations spelled out at
their first use and one wording, « Et après ? », for the « what next » section."""

import logging
from types import SimpleNamespace

import pytest

from plain_language.abbreviations import load, unexplained
from plain_language.next_heading import other_next_headings
from plain_language.plugin import check_content

ABBREVIATIONS = {
    "SJR": ["salaire journalier de référence"],
    "ARE": ["allocation d'aide au retour à l'emploi", "aide au retour à l'emploi"],
    "CDD": ["contrat à durée déterminée", "contrats à durée déterminée"],
    "ARCE": ["aide à la reprise ou à la création d'entreprise"],
}


@pytest.mark.parametrize("text", [
    "<p>Votre salaire journalier de référence (SJR) sert de base. Le SJR change peu.</p>",
    "<p>Le SJR (salaire journalier de référence) sert de base.</p>",
    "<p>Le SJR (salaire journalier de référence, calculé sur 24 mois) sert de base.</p>",
    "<p>un capital (aide à la reprise ou à la création d'entreprise, ARCE)</p>",
    "<p>L'<strong>allocation d'aide au retour à l'emploi</strong> (ARE) est versée. L'ARE…</p>",
    "<p>L’aide au retour à l’emploi\n   (ARE) est versée.</p>",  # typographic apostrophes, line breaks
    "<p>Des Contrats à durée déterminée\u00a0(CDD) courts.</p>",  # case, no-break space
    "<p>Pas de sigle seul ici : PARE, ARES, AREF, l'ARE-F.</p>",
    "<pre>ARE SJR</pre><code>CDD</code><p>Aucun sigle lu.</p>",
    '<p><a href="/aides/ARE.html" title="ARE">une page</a> sans sigle dans le texte.</p>',
])
def test_spelled_out_or_absent_abbreviations_pass(text):
    assert unexplained(text, ABBREVIATIONS) == []


@pytest.mark.parametrize("text, abbr", [
    ("<p>Le SJR sert de base.</p>", "SJR"),
    ("<p>Le SJR sert de base. Le salaire journalier de référence (SJR) change peu.</p>", "SJR"),  # too late
    ("<p>Votre allocation (ARE) est versée.</p>", "ARE"),  # a vague word is not the expansion
    ("<p>Un CDD (contrat court) suffit.</p>", "CDD"),
    ("<p>Un précontrat à durée déterminée (CDD).</p>", "CDD"),  # the expansion is a whole word
    ("<p>(ARE, ASS, aide ponctuelle)</p>", "ARE"),
    ("<h2>L'ARE en bref</h2><p>L'allocation d'aide au retour à l'emploi (ARE) est versée.</p>", "ARE"),
    ("<p>Le salaire journalier de référence, ou SJR, sert de base.</p>", "SJR"),
    ("<p>Le salaire journalier de référence, SJR et autres montants.</p>", "SJR"),
])
def test_an_abbreviation_not_spelled_out_at_first_use_is_found(text, abbr):
    problems = unexplained(text, ABBREVIATIONS)
    assert len(problems) == 1 and problems[0].startswith(repr(abbr)), problems
    assert f"({abbr})" in problems[0]  # the message shows the wording to use


def test_the_data_file_lists_expansions_that_are_not_abbreviations_themselves():
    data = load()
    assert {"SJR", "ARE", "ASS", "CPF", "VAE", "CAF", "Urssaf"} <= set(data)
    for abbr, forms in data.items():
        assert forms and all(isinstance(f, str) and len(f) > len(abbr) for f in forms), abbr


@pytest.mark.parametrize("heading", ["Et ensuite ?", "Et ensuite\u202f?", "Et maintenant ?", "La suite",
                                     "Et après", "Après", "<em>Ensuite</em>"])
def test_other_wordings_of_what_next_are_found(heading):
    problems = other_next_headings(f"<h2 id='x'>{heading}</h2><p>Texte.</p>")
    assert len(problems) == 1 and "Et après ?" in problems[0], problems


@pytest.mark.parametrize("page", ["<h2>Et après ?</h2>", "<h2>Et après\u202f?</h2>", "<h3>Après l'entretien</h3>",
                                  "<h2>Après un refus</h2>", "<p>Et ensuite ?</p>", "<h2>La suite du dossier</h2>"])
def test_the_agreed_wording_and_specific_headings_pass(page):
    assert other_next_headings(page) == []


def test_the_plugin_checks_the_text_of_markdown_only(caplog):
    page = SimpleNamespace(_content="<p>Le SJR.</p><h2>Et ensuite ?</h2>", metadata={"summary": "Le SJR."},
                           title="Le SJR", source_path="/c/pages/x.md")
    fiche = SimpleNamespace(_content="<p>Le SJR.</p>", metadata={}, title="", source_path="")
    with caplog.at_level(logging.WARNING):
        check_content(page)
        check_content(fiche)  # generated from data, not written by people
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages  # the SJR of the text and the heading; not the summary or title
    assert all(m.startswith("/c/pages/x.md: ") for m in messages)

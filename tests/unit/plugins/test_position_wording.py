"""The content lint against position-only wording (plugins/position_wording, RGAA 10.9/10.10)."""

import logging
from types import SimpleNamespace

import pytest

from position_wording.check import position_words
from position_wording.plugin import check_content


@pytest.mark.parametrize("text, found", [
    ("Le modèle est à télécharger en bas de page.", "en bas de page"),
    ("<p>Un mémo à\n   télécharger en bas\nde page vous aide.</p>", "en bas de page"),
    ("Le lien « Accessibilité » en bas de chaque page.", "en bas de chaque page"),
    ("Le lien « Offres d'emploi », en haut de chaque page,", "en haut de chaque page"),
    ("elle apparaît en haut de votre espace", "en haut de votre espace"),
    ("Choisissez un thème ci-dessous.", "ci-dessous"),
    ("(voir la liste ci-dessus)", "ci-dessus"),
    ("le formulaire ci-contre", "ci-contre"),
    ("Choisissez sa visibilité (voir plus bas).", "plus bas"),
    ("comme décrit plus haut.", "plus haut"),
    ("le menu en haut à droite", "en haut à droite"),
    ("dans la colonne de gauche", "colonne de gauche"),
    ("le bloc à droite", "bloc à droite"),
    ("le lien à gauche de la page", "à gauche de la page"),
    ("Cliquez sur le bouton vert.", "bouton vert"),
    ("un encadré « À retenir » en fin de page", "en fin de page"),
    ("<p>Voir <strong>ci-dessous</strong></p>", "ci-dessous"),
])
def test_position_only_wording_is_found(text, found):
    problems = position_words(text)
    assert len(problems) == 1 and repr(found) in problems[0], problems


@pytest.mark.parametrize("text", [
    "Le modèle est dans la rubrique Documents à télécharger de cette page.",
    "Voir la section « Choisir la visibilité ».",
    "Une relance remet votre nom en haut de la pile.",
    "Mon plus haut diplôme : CAP. Un salaire plus bas que prévu ne change rien.",
    "le lien « Mon espace » de l'en-tête de chaque page, et le pied de page",
    "Tournez à droite après la mairie.",
    "<pre>voir ci-dessous</pre><code>plus bas.</code>",
    '<a href="/a.html" title="voir ci-dessous">la page</a>',
])
def test_named_places_and_other_meanings_pass(text):
    assert position_words(text) == []


def test_the_plugin_checks_text_summary_and_title_of_markdown_only(caplog):
    page = SimpleNamespace(_content="<p>Voir ci-dessous.</p>", metadata={"summary": "La liste en bas de page."},
                           title="Plus haut", source_path="/c/pages/x.md")
    fiche = SimpleNamespace(_content="<p>Voir ci-dessous.</p>", metadata={}, title="", source_path="")
    with caplog.at_level(logging.WARNING):
        check_content(page)
        check_content(fiche)  # generated from data, not written by people
    assert len(caplog.records) == 3  # the text, the summary and the title
    assert all("/c/pages/x.md" in r.getMessage() for r in caplog.records)

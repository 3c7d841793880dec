"""The no-break spaces of French typography (espace.text.french_spacing)."""

import pytest

from espace.text import french_spacing

N = "\u202f"  # narrow no-break space
B = "\u00a0"  # no-break space


@pytest.mark.parametrize("text, expected", [
    ("Que faire ? Attention ! Oui ; non", f"Que faire{N}? Attention{N}! Oui{N}; non"),
    ("Pièces à fournir : une pièce d'identité", f"Pièces à fournir{B}: une pièce d'identité"),
    ("« Offres d'emploi »", f"«{N}Offres d'emploi{N}»"),
    ("«Offres»", f"«{N}Offres{N}»"),
    ("dans les 30 jours, 1 an, 18 ans, 6 mois", f"dans les 30{B}jours, 1{B}an, 18{B}ans, 6{B}mois"),
    ("soit 1 232,10 € brut, 40,4 % du salaire", f"soit 1{N}232,10{B}€ brut, 40,4{B}% du salaire"),
    ("de 9 h à 15 h 30, pendant 45 min", f"de 9{B}h à 15{B}h{B}30, pendant 45{B}min"),
    ("un fichier de 12 Ko", f"un fichier de 12{B}Ko"),
])
def test_the_spaces_french_typography_keeps_together(text, expected):
    assert french_spacing(text) == expected


def test_a_wrapped_source_line_never_splits_an_amount_or_a_colon():
    # Markdown keeps the source's line breaks inside a paragraph; a browser may break there.
    assert french_spacing("<p>au lieu de 1\n232,10\n€ si elle</p>") == f"<p>au lieu de 1{N}232,10{B}€ si elle</p>"
    assert french_spacing("<p>pas perdus\n: ils repoussent</p>") == f"<p>pas perdus{B}: ils repoussent</p>"
    assert french_spacing("<p>Le délai est de 30\njours.</p>") == f"<p>Le délai est de 30{B}jours.</p>"


@pytest.mark.parametrize("text", [
    '<a href="https://www.service-public.fr/particuliers/vosdroits/F1234?lang=fr#x" title="Que faire ?">lien</a>',
    "Le site https://www.service-public.fr/recherche?keyword=ARE&x=1 : rien",
    "Rendez-vous à 10:30 ou 14:05.",
    "<pre>Objet : demande ?\nMontant : 1 232 €</pre>",
    "<code>a ; b ? c : d</code>",
    "<kbd>Ctrl + ?</kbd> <samp>Erreur : 404</samp>",
    "<!-- note : à revoir ? -->",
    '<input value="30 jours ? oui : non">',
    "Les 3 annonces, 2 heureux, 5 minutieux, ISO 9001, 75342 Paris, le 3949",
    "<td>15</td> <td>h</td>",
])
def test_tags_addresses_code_and_other_words_are_left_as_written(text):
    result = french_spacing(text)
    if text.startswith("Le site"):
        # Only the typed space before the last colon changes; the address keeps ? : & as they are.
        assert result == text.replace(" : rien", f"{B}: rien")
    else:
        assert result == text


def test_an_address_between_guillemets():
    assert french_spacing("« http://exemple.fr/?q=a:b »") == f"«{N}http://exemple.fr/?q=a:b{N}»"


def test_text_split_by_inline_tags_and_html_with_attributes():
    html = '<p>Voir <a href="/a.html?x=1" class="lien">la page « Droits »</a> : <strong>30</strong> jours ?</p>'
    assert french_spacing(html) == (
        f'<p>Voir <a href="/a.html?x=1" class="lien">la page «{N}Droits{N}»</a>{B}: <strong>30</strong> jours{N}?</p>')


def test_applying_twice_changes_nothing_more():
    once = french_spacing("« Que faire ? » : 1 232,10 € en 30 jours, 15 h 30 ; fin !")
    assert french_spacing(once) == once
    assert once == f"«{N}Que faire{N}?{N}»{B}: 1{N}232,10{B}€ en 30{B}jours, 15{B}h{B}30{N}; fin{N}!"

"""Written numbers keep their groups together (plugins/french_numbers)."""

from types import SimpleNamespace

import pytest

from french_numbers.plugin import apply, narrow_number_spaces

N = "\u202f"


@pytest.mark.parametrize("text, expected", [
    ("soit 1 232,10 € brut", f"soit 1{N}232,10 € brut"),
    ("50 400 € par an, 1 234 567 personnes", f"50{N}400 € par an, 1{N}234{N}567 personnes"),
    ("<td>2\u00a0071,20 €</td>", f"<td>2{N}071,20 €</td>"),
    ("<p>Plus de 1 500 offres</p>", f"<p>Plus de 1{N}500 offres</p>"),
])
def test_the_space_inside_a_grouped_number_cannot_break(text, expected):
    assert narrow_number_spaces(text) == expected


@pytest.mark.parametrize("text", [
    "Libre réponse 71120, 75342 Paris CEDEX 07",  # postcodes are not grouped
    "ISO 9001 et ISO 14001", "en 2026 150 personnes", "le 3949", "01 23 45 67 89", "de 14 h 05 à 16 h",
    "70 % × 750 € = 525 €", "entre 18 et 25 ans", "1,5 000", "12.345 678",
])
def test_other_numbers_are_left_as_written(text):
    assert narrow_number_spaces(text) == text


def test_content_summary_and_title_of_a_page_are_fixed():
    page = SimpleNamespace(_content="<p>1 232 € ?</p>", metadata={"summary": "Plus de 1 500 offres"},
                           _summary="Plus de 1 500 offres", title="Les 2 000 premiers")
    apply(page)
    assert (page._content, page.metadata["summary"], page._summary, page.title) == (
        f"<p>1{N}232\u00a0€{N}?</p>", f"Plus de 1{N}500 offres", f"Plus de 1{N}500 offres", f"Les 2{N}000 premiers")

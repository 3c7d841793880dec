"""Find wording that locates content by its place on the screen (RGAA 10.9 and 10.10).

« À télécharger en bas de page », « ci-dessous », « en haut à droite »: where a block shows
depends on the layout (the « Documents à télécharger » box is at the top right on a wide
screen, after the text on a phone, nowhere for a screen reader that jumps between headings).
Name the thing instead: « dans la rubrique Documents à télécharger de cette page », « la
section Pièces à fournir », « le lien Accessibilité, présent sur chaque page ».
``position_words(text)`` lists the position-only phrases of a page's text.
"""

from __future__ import annotations

import re

from espace.text import read_text

_WHERE = r"(?:la |cette |chaque |votre |l')?(?:page|écran|espace)"
POSITION = re.compile("|".join([
    r"\bci-(?:dessous|dessus|contre)\b",
    rf"\b(?:en|au) (?:bas|haut|fin|tête|début) (?:de |d'){_WHERE}\b",
    r"\b(?:bas|haut) de page\b",
    r"\b(?:en )?(?:haut|bas) à (?:droite|gauche)\b",
    rf"\bà (?:droite|gauche) (?:de |d'){_WHERE}\b",
    r"\b(?:colonne|marge|partie|menu|encadré|bloc|côté) (?:de |à )?(?:droite|gauche)\b",
    r"\bplus (?:bas|haut)\b(?=\s*(?:[).,;:!?»]|$))",  # « voir plus bas », not « le plus haut diplôme »
    r"\b(?:bouton|lien|case|encadré|zone|pastille) (?:vert|rouge|bleu|orange|jaune|gris)e?s?\b",
]), re.IGNORECASE)
EXCERPT = 50


def position_words(page: str) -> list[str]:
    """The position-only phrases of ``page`` (HTML or plain text), each quoted with the
    text around it; code samples and tags are not read."""
    text = read_text(page)
    return [f"{m.group(0)!r} locates content by its place on the screen (RGAA 10.9): name it instead, "
            f"near {text[max(0, m.start() - EXCERPT):m.end() + EXCERPT]!r}" for m in POSITION.finditer(text)]

"""« Espace personnel » in content/ always says whose space it is (issue 14): France Travail's
(« votre espace personnel sur francetravail.fr »), where one sends declarations and documents, or
this site's account (« Mon espace », or « … sur Espace candidat » as the service mails say), which
passes nothing on to France Travail. A bare « votre espace personnel » could send a declaration to
the wrong place."""

import re
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content"

# A space someone owns or is pointed to: « votre / mon / son / ton / l' espace personnel ».
OWNED = re.compile(r"\b(?:(?:votre|mon|son|ton)\s+|l['’])espace\s+personnel\b", re.IGNORECASE)
# What may follow to say whose it is: France Travail's site (linked or not), this site, or any site
# (generic), after the end of a bold phrase if need be.
QUALIFIED = re.compile(r"(?:\*\*)?\s+sur\s+\[?(?:francetravail\.fr|Espace\s+candidat|un\s+site\s+d['’]emploi)\b")
# The home page's link label, quoted as it is written there.
QUOTED_LABELS = ("« Créer mon espace personnel »",)


def bare_mentions(text: str) -> list[str]:
    """The owned « espace personnel » of a text that do not say whose space they are."""
    for label in QUOTED_LABELS:
        text = text.replace(label, "« … »")
    return [" ".join(text[max(0, m.start() - 30):m.end() + 30].split())
            for m in OWNED.finditer(text) if not QUALIFIED.match(text, m.end())]


def content_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*") if p.suffix in {".md", ".txt"})


def test_every_owned_espace_personnel_in_content_says_whose_it_is():
    files = content_files()
    found = {str(p.relative_to(CONTENT)): bare
             for p in files if (bare := bare_mentions(p.read_text(encoding="utf-8")))}
    assert found == {}
    assert len(files) > 100


def test_the_check_accepts_the_qualified_forms_and_refuses_a_bare_one():
    assert bare_mentions("Déclarez-le dans votre espace personnel\nsur francetravail.fr.") == []
    assert bare_mentions("Connectez-vous à votre espace personnel sur Espace candidat.") == []
    assert bare_mentions("Ouvrez le lien « Créer mon espace personnel ».") == []
    assert bare_mentions("Envoyez le bulletin depuis votre espace personnel.") != []
    assert bare_mentions("Vérifiez dans l'espace personnel France Travail.") != []
    assert bare_mentions("Connectez-vous à « Mon espace ».") == []

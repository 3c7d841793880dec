"""A text browser shows a level-III page in a usable order."""

import shutil
import subprocess


def test_lynx_dump_of_a_level_three_page(site):
    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    page = site / "candidat" / "mes-droits-et-demarches" / "mes-demarches" / "inscription.html"
    dump = subprocess.run(["lynx", "-dump", "-nolist", "-width=100", "-display_charset=utf-8", str(page)],
                          capture_output=True, text=True, check=True).stdout
    dump = " ".join(dump.split())  # lynx wraps lines; compare the text, not the layout
    skip = dump.index("Aller au contenu")
    crumb = dump.index("Vous êtes : Accueil > Candidat > Mes droits et démarches > Mes démarches >")
    heading = dump.index("S'inscrire")
    assert skip < crumb < heading
    # The main text follows: at least a few hundred words of it.
    assert len(dump[heading:].split()) > 300

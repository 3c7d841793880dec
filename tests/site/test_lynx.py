"""A text browser shows a level-III page in a usable order."""

import re
import shutil
import subprocess


def lynx_text(page) -> str:
    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    dump = subprocess.run(["lynx", "-dump", "-nolist", "-width=100", "-display_charset=utf-8", str(page)],
                          capture_output=True, text=True, check=True).stdout
    # lynx wraps lines: compare the text, not the layout (only ASCII blanks: a no-break space stays).
    return re.sub(r"[ \t\n]+", " ", dump).strip()


def test_lynx_dump_of_a_level_three_page(site):
    dump = lynx_text(site / "candidat" / "mes-droits-et-demarches" / "mes-demarches" / "inscription.html")
    skip = dump.index("Aller au contenu")
    crumb = dump.index("Vous êtes : Accueil > Candidat > Mes droits et démarches > Mes démarches >")
    heading = dump.index("S'inscrire")
    assert skip < crumb < heading
    # The main text follows: at least a few hundred words of it.
    assert len(dump[heading:].split()) > 300


def test_a_skill_and_its_marker_read_apart_in_a_text_browser(site):
    # The badges are drawn by CSS; without it « Appliquer les mortiers cœur de métier » read as one skill.
    dump = lynx_text(site / "metiers" / "F1703.html")
    assert "* Appliquer les mortiers (cœur de métier) * " in dump
    assert "mortiers cœur de métier" not in dump
    skills = dump.split("Compétences : savoir-faire")[1].split("Compétences : savoir-être")[0]
    core = [item for item in skills.split(" * ") if "cœur de métier" in item]
    assert len(core) >= 10 and all(item.strip().endswith("(cœur de métier)") for item in core)


def test_a_count_reads_as_one_number_in_a_text_browser(site):
    # « 12921 » is hard to read: French groups the thousands with a narrow no-break space.
    index = lynx_text(site / "metiers" / "appellations" / "index.html")
    assert "Les 12\u202f921 appellations de métiers du ROME" in index

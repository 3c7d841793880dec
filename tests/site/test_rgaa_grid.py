"""The RGAA 4.1 grid (docs/rgaa/grille.csv) cannot drift from the suite, and the accessibility
statement cannot drift from the grid.

The grid: the 106 criteria, each once, in order; an applicable one has its tests (node ids that
exist in the suite) or what a person checks (« manuel : … »); a criterion that does not apply
says why. The statement (content/pages/accessibilite.md) follows the legal model (arrêté du
20 septembre 2019): its headings, its figures computed from the grid (applicable, respected, the
rate), every criterion not respected or not tested named under « Non-conformités », the state
that goes with the rate, the same state in every page's footer, the versions of the tools and
browsers really used, and no screen reader claimed."""

from __future__ import annotations

import ast
import csv
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

GRID = ROOT / "docs" / "rgaa" / "grille.csv"
STATEMENT = ROOT / "content" / "pages" / "accessibilite.md"
# RGAA 4.1: criteria per theme (images, cadres, couleurs, multimédia, tableaux, liens, scripts,
# éléments obligatoires, structuration, présentation, formulaires, navigation, consultation).
CRITERIA_PER_THEME = (9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12)
COLUMNS = ["critere", "titre", "applicable", "justification", "statut", "tests", "manuel"]
HEADINGS = ["État de conformité", "Résultats des tests", "Contenus non accessibles", "Non-conformités",
            "Dérogations pour charge disproportionnée", "Contenus non soumis à l'obligation d'accessibilité",
            "Pages ayant fait l'objet de la vérification", "Technologies utilisées pour la réalisation du site",
            "Environnement de test", "Outils pour évaluer l'accessibilité", "Retour d'information et contact",
            "Voies de recours", "Établissement de cette déclaration"]
SCREEN_READERS = ("NVDA", "JAWS", "VoiceOver", "TalkBack", "Narrator", "Orca")


def grid() -> list[dict[str, str]]:
    with GRID.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def statement() -> str:
    return STATEMENT.read_text(encoding="utf-8")


@cache
def defined_tests(path: str) -> frozenset[str]:
    file = ROOT / path
    if not file.is_file():
        return frozenset()
    tree = ast.parse(file.read_text(encoding="utf-8"))
    return frozenset(node.name for node in tree.body
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"))


def referenced_tests(row: dict[str, str]) -> list[str]:
    return [t.strip() for t in row["tests"].split(";") if t.strip()]


def test_the_grid_has_the_106_criteria_once_and_in_order():
    rows = grid()
    assert list(rows[0]) == COLUMNS
    expected = [f"{theme}.{n}" for theme, count in enumerate(CRITERIA_PER_THEME, start=1)
                for n in range(1, count + 1)]
    assert [row["critere"] for row in rows] == expected
    assert all(row["titre"].strip() for row in rows)


def test_each_row_says_why_and_how_it_is_checked():
    problems = []
    for row in grid():
        n, applicable, status = row["critere"], row["applicable"], row["statut"]
        if applicable not in ("oui", "non") or status not in ("C", "NC", "NT", "NA"):
            problems.append(f"{n}: applicable {applicable!r}, statut {status!r}")
        elif (applicable == "non") != (status == "NA"):
            problems.append(f"{n}: statut NA if and only if the criterion does not apply")
        if not row["justification"].strip():
            problems.append(f"{n}: no justification")
        if applicable == "oui" and not referenced_tests(row) and not row["manuel"].strip():
            problems.append(f"{n}: applicable, with neither a test nor a manual check")
        if row["manuel"] and not row["manuel"].startswith("manuel : "):
            problems.append(f"{n}: a manual check reads « manuel : what a person checks »")
        if applicable == "non" and (referenced_tests(row) or row["manuel"]):
            problems.append(f"{n}: does not apply, yet lists checks")
    assert problems == []


def test_every_test_the_grid_names_exists():
    missing = []
    for row in grid():
        for node in referenced_tests(row):
            path, _, name = node.partition("::")
            if name.split("[")[0] not in defined_tests(path):
                missing.append(f"{row['critere']}: {node}")
    assert missing == []


def test_the_check_finds_a_test_that_does_not_exist():
    assert "test_the_check_finds_a_test_that_does_not_exist" in defined_tests("tests/site/test_rgaa_grid.py")
    assert "test_nope" not in defined_tests("tests/site/test_rgaa_grid.py")
    assert defined_tests("tests/site/no_such_file.py") == frozenset()


def figures(rows: list[dict[str, str]]) -> dict:
    applicable = [r for r in rows if r["applicable"] == "oui"]
    respected = [r for r in applicable if r["statut"] == "C"]
    rate = 100 * len(respected) / len(applicable)
    if rate == 100:
        state = "totalement conforme"
    elif rate >= 50:
        state = "partiellement conforme"
    else:
        state = "non conforme"
    return {"applicable": len(applicable), "respected": len(respected), "rate": f"{rate:.1f}".replace(".", ","),
            "state": state, "failing": [r["critere"] for r in applicable if r["statut"] in ("NC", "NT")]}


def section(text: str, heading: str) -> str:
    match = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^## )", text + "\n## ", re.M | re.S)
    assert match, f"no section « {heading} »"
    return match.group(1)


def test_the_statement_has_the_model_s_sections():
    headings = re.findall(r"^#+ (.+)$", statement(), re.M)
    assert [h for h in HEADINGS if h not in headings] == []


def test_the_statement_s_figures_are_the_grid_s():
    text = re.sub(r"\s+", " ", statement())
    f = figures(grid())
    assert f"**{f['applicable']} critères sur 106 s'appliquent**" in text
    assert f"respecte **{f['respected']}**" in text
    assert f"**taux de conformité de {f['rate']} %**" in text
    assert f"est **{f['state']}**" in text
    for other in ("totalement conforme", "partiellement conforme", "non conforme"):
        if other != f["state"] and other not in f["state"]:
            assert f"**{other}**" not in text


def test_every_criterion_not_respected_is_named_in_the_non_conformities():
    text = section(statement(), "Non-conformités")
    f = figures(grid())
    assert [n for n in f["failing"] if f"critère {n} " not in text] == []
    named = set(re.findall(r"critère (\d+\.\d+)", text))
    assert named <= set(f["failing"]), "a criterion named as failing is respected in the grid"
    statuses = {r["critere"]: r["statut"] for r in grid()}
    if not [n for n in f["failing"] if statuses[n] == "NC"]:
        assert "Aucune non-conformité connue" in text


def test_every_page_s_footer_says_the_statement_s_state():
    footer = (ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    assert f">Accessibilité : {figures(grid())['state']}</a>" in footer


def test_the_tools_and_browsers_are_the_ones_the_tests_use():
    text = re.sub(r"\s+", " ", section(statement(), "Outils pour évaluer l'accessibilité")
                  + section(statement(), "Environnement de test"))
    for package, name in (("axe-core", "axe-core"), ("vnu-jar", "vnu-jar")):
        manifest = ROOT / "node_modules" / package / "package.json"
        if manifest.is_file():
            assert f"{name} {json.loads(manifest.read_text())['version']}" in text
    from tests.browser.conftest import EXPERIMENTAL_RULES

    assert all(rule in text for rule in EXPERIMENTAL_RULES)


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists() or not shutil.which("lynx"),
                    reason="the browsers of the browser tests")
def test_the_browser_versions_are_the_installed_ones():
    text = re.sub(r"\s+", " ", section(statement(), "Environnement de test"))
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout
    major = re.search(r"Chromium (\d+)\.", chromium).group(1)
    assert f"Chromium {major} " in text
    lynx = subprocess.run(["lynx", "-version"], capture_output=True, text=True).stdout
    version = re.search(r"Version (\d+\.\d+\.\d+)", lynx).group(1)
    assert f"Lynx {version}" in text


def test_no_screen_reader_is_claimed_as_used():
    """The grid's 7.1 says no screen reader was used: the statement names none but to say so."""
    text = re.sub(r"\s+", " ", statement())
    assert [name for name in SCREEN_READERS if name in text] == []
    assert "Aucun lecteur d'écran" in text


def test_the_statement_was_updated_after_the_grid_changed():
    text = re.sub(r"\s+", " ", section(statement(), "Établissement de cette déclaration"))
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    day, month, year = re.search(r"mis(?:e)? à jour le (\d+)(?:er)? (\w+) (\d{4})", text).groups()
    updated = f"{year}-{months.index(month) + 1:02d}-{int(day):02d}"
    modified = re.search(r"^Modified: (\S+)", statement(), re.M).group(1)
    assert updated == modified
    changed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(GRID)], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
    assert not changed or changed <= updated, f"the grid changed on {changed}, the statement says {updated}"

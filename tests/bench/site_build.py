"""Site build benchmark: this project's build against bare Pelican on the same content.

The baseline is Pelican with its bundled ``simple`` theme and no plugin, building
the same Markdown pages plus every ROME fiche written out as a Markdown page with
the same text. Both run side by side, alternating, on the same machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "functions"))

from espace.rome import load_referential  # noqa: E402

EDITED_PAGE = Path("pages/candidat/mes-droits-et-demarches/mes-demarches/inscription.md")
BASELINE_SETTINGS = """
PATH = {content!r}
THEME = "simple"
SITENAME = "Baseline"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["actualites"]
STATIC_PATHS = ["documents", "extra"]
PATH_METADATA = r"pages/(?P<subpath>(?:[^/]+/)*)[^/]+\\.md"
SLUGIFY_SOURCE = "basename"
PAGE_URL = PAGE_SAVE_AS = "{{subpath}}{{slug}}.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False
# The simple theme lists every page in every page's menu by default, which makes the
# baseline quadratic in the 1,800 fiches; our theme has no such list, so neither does the baseline.
DISPLAY_PAGES_ON_MENU = False
CACHE_CONTENT = False
"""


def fiche_markdown(ref, fiche) -> str:
    lines = [f"Title: {fiche.title} ({fiche.code})", f"Summary: {' '.join(fiche.definition[:1])}", ""]
    gd, dp = ref.grands_domaines[fiche.grand_domaine], ref.domaines[fiche.domaine]
    lines += [f"Grand domaine : {gd.title}. Domaine professionnel : {dp.title}.", "",
              f"[Voir les offres](/offres/recherche?codeROME={fiche.code})", "", "## Définition", ""]
    lines += [f"{s}\n" for s in fiche.definition] + ["## Accès au métier", ""] + [f"{s}\n" for s in fiche.access]
    lines += ["## Appellations", ""] + [f"- {a.label}" for a in fiche.published_appellations] + [""]
    for kind, values in fiche.items.items():
        lines += [f"## {kind}", ""] + [f"- {i.label}" for i in values] + [""]
    lines += ["## Métiers proches", ""] + [f"- [{ref.fiches[c].title}](/metiers/{c}.html)" for c in fiche.close_codes]
    return "\n".join(lines) + "\n"


def make_baseline_content(target: Path) -> Path:
    shutil.copytree(ROOT / "content", target)
    ref = load_referential(ROOT / "data" / "rome")
    folder = target / "pages" / "metiers"
    folder.mkdir()
    for fiche in ref.fiches.values():
        (folder / f"{fiche.code}.md").write_text(fiche_markdown(ref, fiche), encoding="utf-8")
    for dp in ref.domaines.values():
        body = "\n".join(f"- [{ref.fiches[c].title}](/metiers/{c}.html)" for c in dp.fiche_codes)
        (folder / f"{dp.code}.md").write_text(f"Title: {dp.title}\n\n{body}\n", encoding="utf-8")
    for gd in ref.grands_domaines.values():
        body = "\n".join(f"- [{ref.domaines[d].title}](/metiers/{d}.html)" for d in gd.domaine_codes)
        (folder / f"{gd.code}.md").write_text(f"Title: {gd.title}\n\n{body}\n", encoding="utf-8")
    return target


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


def run(rounds: int = 3) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        baseline_content = make_baseline_content(work / "baseline-content")
        settings = work / "baseline.py"
        settings.write_text(BASELINE_SETTINGS.format(content=str(baseline_content)))
        our_content = work / "content"
        shutil.copytree(ROOT / "content", our_content)
        pelican = [sys.executable, "-m", "pelican"]
        ours_cmd = [*pelican, str(our_content), "-s", "pelicanconf.py", "-o", str(work / "out")]
        # Every cache of our build lives in the work folder: a cold run clears it, and the
        # benchmark never touches the caches of a `make run` going on beside it.
        ours_env = {**os.environ, "ESPACE_BUILD_CACHE": str(work / "cache")}
        baseline_cmd = [*pelican, "-s", str(settings), "-o", str(work / "baseline-out")]
        cold, baseline, rebuild = [], [], []
        for _ in range(rounds):
            for folder in ("out", "cache", "baseline-out"):
                shutil.rmtree(work / folder, ignore_errors=True)
            baseline.append(timed(baseline_cmd))
            cold.append(timed(ours_cmd, ours_env))
            # Edit one Markdown page, as an author would, and rebuild.
            page = our_content / EDITED_PAGE
            page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
            rebuild.append(timed(ours_cmd, ours_env))
        pages = sum(1 for _ in (work / "out").rglob("*.html"))
        baseline_pages = sum(1 for _ in (work / "baseline-out").rglob("*.html"))
        return {
            "cold": statistics.median(cold), "baseline": statistics.median(baseline),
            "rebuild": statistics.median(rebuild), "pages": pages, "baseline_pages": baseline_pages,
            "weight": theme_weight(work / "out"),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def theme_weight(output: Path) -> dict:
    css = sum(p.stat().st_size for p in (output / "theme" / "css").glob("*.css"))
    js = sum(p.stat().st_size for p in (output / "theme" / "js").glob("*.js"))
    level_three = [
        p for p in (output / "candidat").glob("*/*/*.html") if p.name != "index.html"
    ]
    heaviest = max(level_three, key=lambda p: p.stat().st_size)
    return {"css": css, "js": js, "heaviest": heaviest.relative_to(output).as_posix(),
            "heaviest_total": heaviest.stat().st_size + css}

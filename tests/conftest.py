"""Shared fixtures: the built site and the list of its pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "functions"))
pytest_plugins = ["tests.opensearch_node"]


def build_site(output: Path, content: str | Path = "content", settings: str = "pelicanconf.py",
               extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """Build with --fatal warnings: a plugin that fails to load, a broken {filename}
    link or a bad metadata value fails the build instead of being only logged."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output),
         "--fatal", "warnings", "--ignore-cache", *extra],
        # Caches of its own, so parallel test workers never share one.
        cwd=ROOT, capture_output=True, text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "ESPACE_BUILD_CACHE": f"{output}.cache"},
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("site")
    result = build_site(output)
    assert result.returncode == 0, f"Pelican build failed:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    return output


@pytest.fixture(scope="session")
def html_pages(site) -> list[Path]:
    return sorted(site.rglob("*.html"))


GENERATED_FOLDERS = ("metiers", "secteurs")


@pytest.fixture(scope="session")
def handwritten_pages(site, html_pages) -> list[Path]:
    """Pages written by people (Markdown, articles, home, plan du site), not generated from ROME."""
    return [p for p in html_pages if p.relative_to(site).parts[0] not in GENERATED_FOLDERS]


@pytest.fixture(scope="session")
def fiche_sample(site) -> list[Path]:
    """At least 100 fiches spread evenly over the 14 grands domaines, plus the ROME index pages."""
    fiches = sorted(site.glob("metiers/[A-N][0-9][0-9][0-9][0-9].html"))
    step = max(1, len(fiches) // 110)
    indexes = sorted(site.glob("metiers/[A-N].html")) + sorted(site.glob("metiers/[A-N][0-9][0-9].html"))[::11]
    indexes += sorted(site.glob("metiers/appellations/*.html"))[:4] + sorted(site.glob("secteurs/*.html"))[:3]
    return fiches[::step] + indexes

"""W3C Nu Html Checker: zero errors on every built page."""

import subprocess

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker_finds_no_error(site):
    assert VNU.is_file(), "vnu.jar missing: run `make test`, which installs it with npm"
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "text", str(site)],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]


def test_nu_html_checker_finds_no_error_in_the_component_examples(tmp_path):
    from tests.components import render_examples

    render_examples(tmp_path)
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "text", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-8000:] + result.stdout[-2000:]

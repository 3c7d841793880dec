"""Every function built with `BuildMethod: makefile` has its target in functions/Makefile."""

from __future__ import annotations

import subprocess

import pytest

from tests.infra.cloudformation import ROOT, load_sam_template


def makefile_functions() -> list[str]:
    resources = load_sam_template()["Resources"]
    return [
        name
        for name, resource in resources.items()
        if resource["Type"] == "AWS::Serverless::Function"
        and resource.get("Metadata", {}).get("BuildMethod") == "makefile"
    ]


def test_functions_are_built_by_the_makefile():
    assert "AccountsFunction" in makefile_functions()


@pytest.mark.parametrize("function", makefile_functions())
def test_build_target_packages_code_theme_and_navigation(function, tmp_path):
    # A dry run (-n): prints the recipe of the target SAM will call, installs nothing.
    result = subprocess.run(
        ["make", "-n", "-f", str(ROOT / "functions" / "Makefile"), f"build-{function}", f"ARTIFACTS_DIR={tmp_path}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    recipe = result.stdout
    # Wheels for the Lambda platform, whatever machine builds.
    flags = ("--platform manylinux2014_aarch64", "--only-binary=:all:", "--python-version 3.12",
             f'--target "{tmp_path}"')
    for flag in flags:
        assert flag in recipe
    assert f'{ROOT}/functions/espace" "{tmp_path}/espace"' in recipe
    assert f'{ROOT}/theme/templates" "{tmp_path}/theme/templates"' in recipe
    assert f'{ROOT}/output/navigation.json" "{tmp_path}/navigation.json"' in recipe

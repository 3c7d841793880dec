"""The suite proves the code on the Python that Lambda runs: the template's runtime, the version
the Makefile builds the virtualenv with and the interpreter running this test are one."""

from __future__ import annotations

import re
import sys

from tests.infra.cloudformation import ROOT, load_sam_template


def runtimes(template: dict) -> set[str]:
    found = {template["Globals"]["Function"]["Runtime"]}
    for resource in template["Resources"].values():
        if resource["Type"] in ("AWS::Serverless::Function", "AWS::Lambda::Function"):
            found.add(resource["Properties"].get("Runtime", template["Globals"]["Function"]["Runtime"]))
    return found


def test_the_suite_runs_on_the_lambda_runtime():
    running = f"python{sys.version_info.major}.{sys.version_info.minor}"
    assert runtimes(load_sam_template()) == {running}, (
        f"Lambda runs {runtimes(load_sam_template())} but this suite runs on {running}: "
        "rebuild the virtualenv with `rm -rf .venv && make deps`")


def test_the_makefile_builds_the_virtualenv_with_that_version():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    [version] = re.findall(r"^PYTHON_VERSION := (\d+\.\d+)$", makefile, re.MULTILINE)
    assert runtimes(load_sam_template()) == {f"python{version}"}

"""infra/template.yaml passes cfn-lint (errors and warnings), and CloudFormation could order it."""

from __future__ import annotations

from cfnlint.api import ManualArgs, lint_file

from tests.infra.cloudformation import REGION, TEMPLATE, dependencies, find_cycle, translate


def test_cfn_lint_finds_no_error_and_no_warning():
    # cfn-lint runs the SAM transform itself and needs no network. Exceptions, if any, live in
    # the template's Metadata with their reason, not here.
    matches = lint_file(TEMPLATE, ManualArgs(regions=[REGION]))
    assert matches == [], "\n".join(f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches)


def test_no_circular_dependency_after_translation():
    # cfn-lint 1.x does not see a cycle that goes through a SAM-generated API body (the function
    # -> the distribution -> the API -> the function), yet CloudFormation refuses such a stack.
    # That cycle is why ESPACE_SITE_URL comes from parameters, not from the distribution.
    cycle = find_cycle(dependencies(translate({"MailDomain": "emploi.example.org"})))
    assert cycle is None, "circular dependency: " + " -> ".join(cycle)

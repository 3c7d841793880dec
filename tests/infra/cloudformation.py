"""infra/template.yaml as CloudFormation sees it: parsed, then translated by SAM, offline.

The loader of tests/aws_resources.py keeps short tags as {"Sub": …}, which is enough to read
properties but not what the SAM translator expects; this one gives the long form
({"Fn::Sub": …}, GetAtt split in two) of CloudFormation itself.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"
REGION = "eu-west-3"  # the region of infra/samconfig.toml


class _CfnLoader(yaml.SafeLoader):
    """Short-form tags (!Ref, !Sub, !GetAtt…) read into their long form."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix in ("Ref", "Condition"):
        return {suffix: value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)  # "Fn.FunctionMetadata.FunctionARN" -> ["Fn", "FunctionMetadata.FunctionARN"]
    return {f"Fn::{suffix}": value}


_CfnLoader.add_multi_constructor("!", _tag)


def load_sam_template(path: Path = TEMPLATE) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CfnLoader)


def _no_managed_policies() -> dict[str, str]:
    """Stands in for samtranslator's ManagedPolicyLoader, which asks IAM for the ARN of every AWS
    managed policy. The template names none by short name (SAM adds the ARNs of the basic
    execution and X-Ray policies itself), so an empty map is the truth, and no network is used."""
    return {}


def translate(parameters: dict[str, str] | None = None, code_uri: str = "s3://espace-artifacts/accounts.zip") -> dict:
    """The CloudFormation template `sam deploy` would send, with every CodeUri set to ``code_uri``
    (what `sam package` does after uploading the build)."""
    import boto3
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    template = copy.deepcopy(load_sam_template())
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = code_uri
    # A session with an explicit region (no credentials needed): the translator reads the region
    # for AWS::Region and the partition, and the environment may have none.
    translator = Translator(None, Parser(), boto_session=boto3.Session(region_name=REGION))
    return translator.translate(template, dict(parameters or {}), get_managed_policy_map=_no_managed_policies)


_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")


def references(node: Any) -> set[str]:
    """Logical ids (and pseudo parameters) that ``node`` refers to through Ref, GetAtt or Sub."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                found.add(value[0] if isinstance(value, list) else value.split(".", 1)[0])
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                found.update(_SUB_NAME.findall(text))
                if isinstance(value, list):
                    found |= references(value[1])
            else:
                found |= references(value)
    elif isinstance(node, list):
        for item in node:
            found |= references(item)
    return found


def dependencies(cfn: dict) -> dict[str, set[str]]:
    """Resource -> resources it needs first (references and DependsOn), as CloudFormation orders them."""
    resources = cfn["Resources"]
    graph = {}
    for name, resource in resources.items():
        needed = references(resource.get("Properties", {}))
        depends_on = resource.get("DependsOn", [])
        needed |= {depends_on} if isinstance(depends_on, str) else set(depends_on)
        graph[name] = {other for other in needed if other in resources}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circular dependency, as a path that ends where it starts, or None."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for other in sorted(graph[node]):
            if state.get(other) == "open":
                return [*path[path.index(other):], other]
            if other not in state and (cycle := visit(other, path)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node, [])):
            return cycle
    return None

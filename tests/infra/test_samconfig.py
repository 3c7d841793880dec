"""infra/samconfig.toml agrees with the template it deploys."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.infra.cloudformation import REGION, ROOT, load_sam_template

SAMCONFIG = ROOT / "infra" / "samconfig.toml"


@pytest.fixture(scope="module")
def config() -> dict:
    return tomllib.loads(SAMCONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def overrides(config) -> dict[str, str]:
    # SAM's own syntax: Key="value" pairs separated by spaces, values quoted as they may hold some.
    text = config["default"]["deploy"]["parameters"]["parameter_overrides"]
    pairs = re.findall(r'([A-Za-z0-9]+)="((?:[^"\\]|\\.)*)"', text)
    assert " ".join(f'{k}="{v}"' for k, v in pairs) == text.strip(), "every value must be quoted"
    return dict(pairs)


def test_stack_region_and_capabilities(config):
    assert config["default"]["global"]["parameters"] == {"stack_name": "espace-candidat", "region": REGION}
    deploy = config["default"]["deploy"]["parameters"]
    assert deploy["capabilities"] == "CAPABILITY_IAM"
    assert deploy["resolve_s3"] is True


def test_overrides_name_every_template_parameter(overrides):
    assert set(overrides) == set(load_sam_template()["Parameters"])


def test_placeholders_fit_the_template_except_the_mail_domain(overrides):
    # CHANGE-ME must be refused by CloudFormation, so nobody deploys the placeholder by accident;
    # every other placeholder is a value the template accepts.
    parameters = load_sam_template()["Parameters"]
    for name, value in overrides.items():
        declared = parameters[name]
        fits = "AllowedPattern" not in declared or re.fullmatch(declared["AllowedPattern"], value) is not None
        if "AllowedValues" in declared:
            fits = fits and value in {str(v) for v in declared["AllowedValues"]}
        assert fits is (name != "MailDomain"), f"{name}={value!r}"

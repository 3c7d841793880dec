"""The stack of infra/template.yaml created in moto, once per test module that asks for it (``aws``),
from the template as translated for AWS (``cfn``). A module may define its own to override them."""

from __future__ import annotations

import pytest
from moto import mock_aws

from tests.infra.cloudformation import translate
from tests.infra.test_template_deploys_in_moto import ARTIFACT_KEY, ARTIFACTS_BUCKET, PARAMETERS, create_stack


@pytest.fixture(scope="module")
def cfn() -> dict:
    return translate(PARAMETERS, code_uri=f"s3://{ARTIFACTS_BUCKET}/{ARTIFACT_KEY}")


@pytest.fixture(scope="module")
def aws(cfn):
    with mock_aws():
        yield create_stack(cfn, PARAMETERS)

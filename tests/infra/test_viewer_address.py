"""Behind CloudFront the services learn the visitor's address from a header CloudFront writes,
trusted only on requests that carry the secret CloudFront adds (the API's own address stays
reachable, so anyone could send that header there)."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.infra.cloudformation import load_sam_template

SECRET_REFERENCE = {"Fn::Sub": "{{resolve:secretsmanager:${OriginVerifySecret}}}"}


@pytest.fixture(scope="module")
def template() -> dict:
    return load_sam_template()


def distribution_config(template: dict) -> dict:
    return template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]


def test_every_service_behaviour_writes_the_viewer_address(template):
    for behaviour in distribution_config(template)["CacheBehaviors"]:
        associations = behaviour.get("FunctionAssociations", [])
        assert {"EventType": "viewer-request",
                "FunctionARN": {"Fn::GetAtt": ["ViewerAddressFunction", "FunctionMetadata.FunctionARN"]}} \
            in associations, behaviour["PathPattern"]


def test_cloudfront_and_the_functions_share_the_origin_secret(template):
    origins = {origin["Id"]: origin for origin in distribution_config(template)["Origins"]}
    assert origins["services"]["OriginCustomHeaders"] == [{"HeaderName": "X-Origin-Verify",
                                                           "HeaderValue": SECRET_REFERENCE}]
    assert "OriginCustomHeaders" not in origins["site"]  # S3 needs no secret and must not see it
    environment = template["Globals"]["Function"]["Environment"]["Variables"]
    assert environment["ESPACE_ORIGIN_VERIFY"] == SECRET_REFERENCE
    assert environment["ESPACE_PROFILE"] == "aws"
    secret = template["Resources"]["OriginVerifySecret"]["Properties"]["GenerateSecretString"]
    assert secret["PasswordLength"] >= 32 and secret["ExcludePunctuation"] is True  # a plain header value


@pytest.mark.parametrize("sent", [None, "203.0.113.66"])
def test_the_function_replaces_what_the_client_sent(template, sent):
    code = template["Resources"]["ViewerAddressFunction"]["Properties"]["FunctionCode"]
    headers = {"x-espace-viewer-address": {"value": sent}} if sent else {}
    event = {"viewer": {"ip": "2001:db8::7"}, "request": {"uri": "/connexion", "headers": headers}}
    script = code + f"\nprocess.stdout.write(JSON.stringify(handler({json.dumps(event)}).headers));\n"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["x-espace-viewer-address"] == {"value": "2001:db8::7"}

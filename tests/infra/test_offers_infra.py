"""OffersFunction and its OpenSearch domain: routes, package, settings, and who may call the index."""

from __future__ import annotations

import re
import subprocess
import tomllib
from dataclasses import fields

import boto3
import pytest
from moto import mock_aws

from tests.infra.cloudformation import REGION, ROOT, load_sam_template, references, translate

HTTP_VERBS = {"ESHttpGet", "ESHttpHead", "ESHttpPost", "ESHttpPut", "ESHttpDelete"}
DOMAIN_ARN = "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/${AWS::StackName}-offres"


@pytest.fixture(scope="module")
def template() -> dict:
    return load_sam_template()


@pytest.fixture(scope="module")
def cfn() -> dict:
    return translate({"MailDomain": "emploi.example.org"})


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_the_function_is_read_only(template):
    """Its routes (compared with the handler's in tests/infra/test_routes.py) are all GETs but the
    OAuth2 token endpoint, which stores nothing (its tokens are signed): the offers function has no
    bucket or mail access and reads one record of the table, so it must offer nothing to change."""
    events = template["Resources"]["OffersFunction"]["Properties"]["Events"].values()
    posts = {e["Properties"]["Path"] for e in events if e["Properties"]["Method"] != "GET"}
    assert {e["Properties"]["Method"] for e in events} == {"GET", "POST"}
    assert posts == {"/connexion/oauth2/access_token"}


def test_function_is_built_with_the_referentials(template):
    function = template["Resources"]["OffersFunction"]
    assert function["Metadata"] == {"BuildMethod": "makefile"}
    assert function["Properties"]["Handler"] == "espace.handlers.offers.handler"
    assert function["Properties"]["CodeUri"] == "../functions/"
    assert function["Properties"]["LoggingConfig"] == {"LogGroup": {"Ref": "OffersFunctionLogGroup"}}
    assert template["Resources"]["OffersFunctionLogGroup"]["Properties"] == {
        "RetentionInDays": {"Ref": "LogRetentionDays"}}


def test_build_target_copies_rome_and_communes(tmp_path):
    result = subprocess.run(["make", "-n", "-f", str(ROOT / "functions" / "Makefile"), "build-OffersFunction",
                             f"ARTIFACTS_DIR={tmp_path}"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f'{ROOT}/data/rome" "{tmp_path}/data/rome"' in result.stdout
    assert f'{ROOT}/data/communes" "{tmp_path}/data/communes"' in result.stdout
    assert f'{ROOT}/data/referentiels" "{tmp_path}/data/referentiels"' in result.stdout


def test_settings_point_at_the_domain_and_the_packaged_data(template):
    from espace.settings import Settings

    variables = template["Resources"]["OffersFunction"]["Properties"]["Environment"]["Variables"]
    assert variables["ESPACE_DATA_DIR"] == "/var/task/data"
    assert variables["ESPACE_SEARCH_URL"] == {"Fn::Sub": "opensearchs://${SearchDomain.DomainEndpoint}:443/offres"}
    known = {f"ESPACE_{spec.name.upper()}" for spec in fields(Settings)}
    assert set(variables) <= known


def test_role_may_only_call_the_domain(cfn):
    """No bucket or mail: the function only reads the index (and creates it when absent), and of the
    table only the signing key's record (pk CONFIG; created when absent, like the index)."""
    role = cfn["Resources"]["OffersFunctionRole"]["Properties"]
    statements = [s for policy in role["Policies"] for s in policy["PolicyDocument"]["Statement"]]
    assert statements
    [key] = [s for s in statements if s.get("Sid") == "ReadSigningKey"]
    assert key["Effect"] == "Allow" and sorted(key["Action"]) == ["dynamodb:GetItem", "dynamodb:PutItem"]
    assert key["Resource"] == {"Fn::GetAtt": ["RecordsTable", "Arn"]}
    assert key["Condition"] == {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["CONFIG"]}}
    from espace.web.signing import KEY_PK

    assert KEY_PK == "CONFIG"
    statements.remove(key)
    verbs = set()
    for statement in statements:
        assert statement["Effect"] == "Allow"
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            assert service == "es" and verb in HTTP_VERBS, action
            verbs.add(verb)
        assert [r["Fn::Sub"] for r in statement["Resource"]] == [DOMAIN_ARN, DOMAIN_ARN + "/*"]
    assert verbs == HTTP_VERBS
    managed = {str(arn).rsplit("/", 1)[-1].strip("'\"}") for arn in role["ManagedPolicyArns"]}
    assert managed == {"AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess"}


def test_domain_is_encrypted_https_only_and_reserved_to_the_function(template):
    domain = template["Resources"]["SearchDomain"]
    props = domain["Properties"]
    assert props["EngineVersion"] == "OpenSearch_2.19"
    assert props["DomainName"] == {"Fn::Sub": "${AWS::StackName}-offres"}
    assert props["ClusterConfig"]["InstanceType"] == {"Ref": "SearchInstanceType"}
    assert props["ClusterConfig"]["InstanceCount"] == 1
    assert template["Parameters"]["SearchInstanceType"]["Default"] == "t3.small.search"
    assert props["EBSOptions"] == {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 10}
    assert props["EncryptionAtRestOptions"] == {"Enabled": True}
    assert props["NodeToNodeEncryptionOptions"] == {"Enabled": True}
    assert props["DomainEndpointOptions"]["EnforceHTTPS"] is True
    assert props["DomainEndpointOptions"]["TLSSecurityPolicy"].startswith("Policy-Min-TLS-1-2")
    statements = {s["Sid"]: s for s in props["AccessPolicies"]["Statement"]}
    # The alerts job reads the offers and writes the alerts index (its role narrows it to those).
    assert set(statements) == {"OffersFunctionOnly", "AlertsFunction", "AccountsFunctionReadsOffers",
                               "AccountsFunctionWritesAlerts", "AccountsFunctionWritesCvs",
                               "RecruitersFunctionWritesOffers", "RecruitersFunctionReadsCvs"}
    assert statements["AlertsFunction"]["Principal"] == {"AWS": {"Fn::GetAtt": ["AlertsFunctionRole", "Arn"]}}
    # The accounts function reads the offers index (the classeur, issue 9): GET and POST only.
    accounts = statements["AccountsFunctionReadsOffers"]
    assert accounts["Principal"] == {"AWS": {"Fn::GetAtt": ["AccountsFunctionRole", "Arn"]}}
    assert {a.partition(":")[2] for a in accounts["Action"]} == {"ESHttpGet", "ESHttpPost"}
    assert accounts["Resource"] == {"Fn::Sub": DOMAIN_ARN + "/offres/*"}
    # … and keeps the alerts index (saved searches) in step: that index only.
    alerts = statements["AccountsFunctionWritesAlerts"]
    assert alerts["Principal"] == {"AWS": {"Fn::GetAtt": ["AccountsFunctionRole", "Arn"]}}
    assert alerts["Resource"] == [{"Fn::Sub": DOMAIN_ARN + "/alertes"}, {"Fn::Sub": DOMAIN_ARN + "/alertes/*"}]
    # … and the CV bank's index (issue 10): that index only.
    cvs = statements["AccountsFunctionWritesCvs"]
    assert cvs["Principal"] == {"AWS": {"Fn::GetAtt": ["AccountsFunctionRole", "Arn"]}}
    assert {a.partition(":")[2] for a in cvs["Action"]} == HTTP_VERBS
    assert cvs["Resource"] == [{"Fn::Sub": DOMAIN_ARN + "/cvs"}, {"Fn::Sub": DOMAIN_ARN + "/cvs/*"}]
    # The recruiters' function (issue 11) publishes offers and reads the CV bank's index, no more.
    publishing = statements["RecruitersFunctionWritesOffers"]
    assert publishing["Principal"] == {"AWS": {"Fn::GetAtt": ["RecruitersFunctionRole", "Arn"]}}
    assert publishing["Resource"] == [{"Fn::Sub": DOMAIN_ARN + "/offres"}, {"Fn::Sub": DOMAIN_ARN + "/offres/*"}]
    cv_bank = statements["RecruitersFunctionReadsCvs"]
    assert {a.partition(":")[2] for a in cv_bank["Action"]} == {"ESHttpGet", "ESHttpPost"}
    assert cv_bank["Resource"] == {"Fn::Sub": DOMAIN_ARN + "/cvs/*"}
    statement = statements["OffersFunctionOnly"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"] == {"AWS": {"Fn::GetAtt": ["OffersFunctionRole", "Arn"]}}
    assert {a.partition(":")[2] for a in statement["Action"]} == HTTP_VERBS
    assert statement["Resource"] == {"Fn::Sub": DOMAIN_ARN + "/*"}
    assert "Condition" not in statement
    # The domain names the role; the role names the domain by its ARN, not by reference (no cycle).
    assert "SearchDomain" not in references(template["Resources"]["OffersFunction"]["Properties"]["Policies"])


def test_stack_name_gives_a_valid_domain_name():
    config = tomllib.loads((ROOT / "infra" / "samconfig.toml").read_text(encoding="utf-8"))
    name = config["default"]["global"]["parameters"]["stack_name"] + "-offres"
    # OpenSearch: 3 to 28 characters, lower-case letters, digits and hyphens, starting with a letter.
    assert re.fullmatch(r"[a-z][a-z0-9-]{2,27}", name), name


def test_function_in_moto_gets_the_settings(cfn):
    from tests.infra.test_template_deploys_in_moto import ARTIFACT_KEY, ARTIFACTS_BUCKET, PARAMETERS, create_stack

    packaged = translate(PARAMETERS, code_uri=f"s3://{ARTIFACTS_BUCKET}/{ARTIFACT_KEY}")
    with mock_aws():
        stack = create_stack(packaged, PARAMETERS)
        config = boto3.client("lambda", region_name=REGION).get_function_configuration(
            FunctionName=stack["OffersFunction"])
    assert config["Handler"] == "espace.handlers.offers.handler"
    variables = config["Environment"]["Variables"]
    assert variables["ESPACE_DATA_DIR"] == "/var/task/data"
    # The domain is not modelled by moto (UNSUPPORTED_BY_MOTO): its endpoint is a placeholder there.
    assert variables["ESPACE_SEARCH_URL"].startswith("opensearchs://") and variables["ESPACE_SEARCH_URL"].endswith(
        ":443/offres")

"""The translated template creates a stack in moto's CloudFormation, with resources as declared.

What moto's CloudFormation cannot model is removed first (UNSUPPORTED_BY_MOTO); what it models
only partly is checked in moto when moto reports it, and otherwise in the CloudFormation that
would be sent to AWS (see each fallback below).
"""

from __future__ import annotations

import ast
import copy
import io
import json
import re
import warnings
import zipfile

import boto3
import pytest
from moto import mock_aws

from tests.infra.cloudformation import REGION, references, translate

MAIL_DOMAIN = "emploi.example.org"
PARAMETERS = {
    "MailDomain": MAIL_DOMAIN,
    "DomainName": MAIL_DOMAIN,
    "CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000",
}
ARTIFACTS_BUCKET = "espace-artifacts"
ARTIFACT_KEY = "accounts.zip"

# moto 5.2's CloudFormation has no model for these types (it would skip them with a warning
# and leave dangling references). They are removed before create_stack, and every reference to
# them is replaced by a placeholder string. They are still linted by cfn-lint.
UNSUPPORTED_BY_MOTO = {
    "AWS::ApiGatewayV2::Api",  # HttpApi (its routes and integrations live in its OpenAPI body)
    "AWS::ApiGatewayV2::Stage",  # HttpApi's $default stage, with the access logs
    "AWS::CloudFront::Distribution",
    "AWS::CloudFront::Function",
    "AWS::CloudFront::OriginAccessControl",
    "AWS::CloudFront::ResponseHeadersPolicy",
    "AWS::OpenSearchService::Domain",  # SearchDomain, the offer index of OffersFunction
    "AWS::S3::BucketPolicy",  # SiteBucketPolicy (OAC only, TLS only), FilesBucketPolicy (TLS only)
    # AlertsDailySchedule (its role and target are checked in tests/infra/test_alerts_infra.py) and
    # NewsletterSchedule (created through moto's EventBridge Scheduler API instead, with the stack's
    # function and role: tests/infra/test_newsletter_infra.py).
    "AWS::Scheduler::Schedule",
    "AWS::SES::ConfigurationSet",  # MailConfigurationSet
    "AWS::SES::ConfigurationSetEventDestination",  # MailFeedbackDestination (bounces, complaints -> SNS)
    "AWS::SNS::Subscription",  # AlertsFunction's MailFeedback event (the topic and permission are in moto)
    "AWS::SES::EmailIdentity",  # MailIdentity
    "AWS::SecretsManager::Secret",  # OriginVerifySecret (CloudFront -> API)
}


def _without(node, removed: set[str]):
    """``node`` with every Ref, GetAtt or Sub variable naming a removed resource made a string."""
    if isinstance(node, dict):
        if node.get("Ref") in removed:
            return f"{node['Ref']}-not-in-moto"
        if "Fn::GetAtt" in node and node["Fn::GetAtt"][0] in removed:
            return f"{node['Fn::GetAtt'][0]}-{node['Fn::GetAtt'][1]}-not-in-moto"
        if "Fn::Sub" in node and isinstance(node["Fn::Sub"], str):
            text = re.sub(
                r"\$\{([A-Za-z0-9]+)((?:\.[A-Za-z0-9.]+)?)\}",
                lambda m: f"{m[1]}-not-in-moto" if m[1] in removed else m[0],
                node["Fn::Sub"],
            )
            return {"Fn::Sub": text}
        return {key: _without(value, removed) for key, value in node.items()}
    if isinstance(node, list):
        return [_without(item, removed) for item in node]
    return node


def for_moto(cfn: dict) -> dict:
    cfn = copy.deepcopy(cfn)
    removed = {name for name, res in cfn["Resources"].items() if res["Type"] in UNSUPPORTED_BY_MOTO}
    cfn["Resources"] = {
        name: _without(res, removed) for name, res in cfn["Resources"].items() if name not in removed
    }
    # Outputs of removed resources (site URL, distribution, DKIM records) have nothing to show.
    cfn["Outputs"] = {
        name: out for name, out in cfn.get("Outputs", {}).items() if not references(out["Value"]) & removed
    }
    return cfn


@pytest.fixture(scope="module")
def cfn() -> dict:
    return translate(PARAMETERS, code_uri=f"s3://{ARTIFACTS_BUCKET}/{ARTIFACT_KEY}")


def create_stack(cfn: dict, parameters: dict[str, str], name: str = "espace-candidat") -> dict[str, str]:
    """Create the stack in the current moto mock; {logical id: physical id}, plus the account."""
    s3 = boto3.client("s3", region_name=REGION)
    if ARTIFACTS_BUCKET not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=ARTIFACTS_BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        package = io.BytesIO()
        with zipfile.ZipFile(package, "w") as archive:
            archive.writestr("espace/handlers/accounts.py", "def handler(event, context):\n    return {}\n")
        s3.put_object(Bucket=ARTIFACTS_BUCKET, Key=ARTIFACT_KEY, Body=package.getvalue())

    cloudformation = boto3.client("cloudformation", region_name=REGION)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cloudformation.create_stack(
            StackName=name,
            TemplateBody=json.dumps(for_moto(cfn)),
            Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
            Capabilities=["CAPABILITY_IAM"],
        )
    skipped = [str(w.message) for w in caught if "not supported by moto" in str(w.message)]
    assert not skipped, f"moto skipped resources: add their types to UNSUPPORTED_BY_MOTO? {skipped}"

    assert cloudformation.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    resources = cloudformation.describe_stack_resources(StackName=name)["StackResources"]
    account = boto3.client("sts", region_name=REGION).get_caller_identity()["Account"]
    # (moto gives no physical id to Lambda permissions; nothing below needs one)
    return {"account": account, **{r["LogicalResourceId"]: r.get("PhysicalResourceId") for r in resources}}


@pytest.fixture(scope="module")
def stack(cfn):
    with mock_aws():
        yield create_stack(cfn, PARAMETERS)


def test_unsupported_list_is_exact(cfn):
    """Every removed type is still unknown to moto (drop it from the list when moto learns it),
    and every other type of the template is one moto creates."""
    from moto.cloudformation.parsing import get_model_map

    modelled = set(get_model_map())
    assert not UNSUPPORTED_BY_MOTO & modelled, "moto supports these now: stop removing them"
    types = {res["Type"] for res in cfn["Resources"].values()}
    assert types - UNSUPPORTED_BY_MOTO <= modelled, types - UNSUPPORTED_BY_MOTO - modelled


def test_records_table(stack, cfn):
    dynamodb = boto3.client("dynamodb", region_name=REGION)
    declared = cfn["Resources"]["RecordsTable"]["Properties"]
    table = dynamodb.describe_table(TableName=stack["RecordsTable"])["Table"]
    assert table["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    if "SSEDescription" in table:
        assert table["SSEDescription"]["Status"] == "ENABLED"
    else:  # moto 5.2 reads SSESpecification in the API's shape ("Enabled"), not CloudFormation's
        assert declared["SSESpecification"] == {"SSEEnabled": True}

    ttl = dynamodb.describe_time_to_live(TableName=stack["RecordsTable"])["TimeToLiveDescription"]
    if ttl["TimeToLiveStatus"] == "ENABLED":
        assert ttl["AttributeName"] == "expires_at"
    else:  # moto 5.2's CloudFormation ignores TimeToLiveSpecification
        assert declared["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}

    backups = dynamodb.describe_continuous_backups(TableName=stack["RecordsTable"])["ContinuousBackupsDescription"]
    pitr = backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
    if pitr != "ENABLED":  # moto 5.2's CloudFormation ignores PointInTimeRecoverySpecification
        assert declared["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}


def _bucket_is_private_versioned_encrypted(bucket: str, declared: dict) -> None:
    s3 = boto3.client("s3", region_name=REGION)
    s3.head_bucket(Bucket=bucket)
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"

    versioning = s3.get_bucket_versioning(Bucket=bucket).get("Status")
    if versioning is not None:
        assert versioning == "Enabled"
    else:  # moto 5.2's CloudFormation ignores VersioningConfiguration
        assert declared["VersioningConfiguration"] == {"Status": "Enabled"}

    all_blocked = dict.fromkeys(
        ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], True
    )
    try:
        blocked = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    except s3.exceptions.ClientError:  # moto 5.2's CloudFormation ignores PublicAccessBlockConfiguration
        blocked = declared["PublicAccessBlockConfiguration"]
    assert blocked == all_blocked
    assert declared["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}


def test_files_bucket(stack, cfn):
    _bucket_is_private_versioned_encrypted(stack["FilesBucket"], cfn["Resources"]["FilesBucket"]["Properties"])


def test_site_bucket(stack, cfn):
    _bucket_is_private_versioned_encrypted(stack["SiteBucket"], cfn["Resources"]["SiteBucket"]["Properties"])


def test_accounts_function(stack, cfn):
    declared = cfn["Resources"]["AccountsFunction"]["Properties"]
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=stack["AccountsFunction"]
    )
    assert config["Runtime"] == "python3.12"
    assert config["Handler"] == "espace.handlers.accounts.handler"
    assert (config["MemorySize"], config["Timeout"]) == (512, 10)
    if config.get("Architectures") != ["arm64"]:  # moto 5.2's CloudFormation ignores Architectures
        assert declared["Architectures"] == ["arm64"]
    assert declared["TracingConfig"] == {"Mode": "Active"}  # not modelled by moto's CloudFormation
    assert declared["LoggingConfig"] == {"LogGroup": {"Ref": "AccountsFunctionLogGroup"}}

    assert config["Environment"]["Variables"] == {
        "ESPACE_PROFILE": "aws",
        "ESPACE_RECORDS_URL": f"dynamodb://{stack['RecordsTable']}",
        "ESPACE_FILES_URL": f"s3://{stack['FilesBucket']}",
        "ESPACE_MAIL_URL": "ses://",
        "ESPACE_MAIL_SENDER": f"Espace candidat <ne-pas-repondre@{MAIL_DOMAIN}>",
        "ESPACE_SITE_URL": f"https://{PARAMETERS['DomainName']}",
        "ESPACE_SECURE_COOKIES": "true",
        # The classeur (issue 9) reads the offer index; saved searches use the alert matcher and
        # read criteria against the referentials packaged with the function.
        "ESPACE_SEARCH_URL": "opensearchs://SearchDomain-not-in-moto:443/offres",
        "ESPACE_MATCHER_URL": "opensearchs://SearchDomain-not-in-moto:443/alertes",
        "ESPACE_CV_INDEX_URL": "opensearchs://SearchDomain-not-in-moto:443/cvs",  # the CV bank (issue 10)
        "ESPACE_DATA_DIR": "/var/task/data",
        # A dynamic reference to OriginVerifySecret, which moto cannot create (nor resolve).
        "ESPACE_ORIGIN_VERIFY": "{{resolve:secretsmanager:OriginVerifySecret-not-in-moto}}",
        "ESPACE_TEMPLATES_DIR": "/var/task/theme/templates",
        "ESPACE_NAVIGATION_FILE": "/var/task/navigation.json",
        "ESPACE_SEARCH_INDEX_FILE": "/var/task/search-index.json",
        "POWERTOOLS_SERVICE_NAME": "espace-candidat",
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }


def test_environment_names_are_settings(cfn):
    """Every ESPACE_* variable of the template is one that espace.settings reads."""
    from dataclasses import fields

    from espace.settings import Settings

    known = {f"ESPACE_{spec.name.upper()}" for spec in fields(Settings)}
    variables = cfn["Resources"]["AccountsFunction"]["Properties"]["Environment"]["Variables"]
    assert {name for name in variables if name.startswith("ESPACE_")} <= known


def test_log_groups_have_retention(stack):
    logs = boto3.client("logs", region_name=REGION)
    for logical_id in ("AccountsFunctionLogGroup", "HttpApiAccessLogGroup"):
        groups = logs.describe_log_groups(logGroupNamePrefix=stack[logical_id])["logGroups"]
        assert [g.get("retentionInDays") for g in groups] == [90], logical_id


def _statements(document) -> list[dict]:
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except json.JSONDecodeError:
            # moto 5.2 stores a CloudFormation inline policy with str(dict): a Python literal.
            document = ast.literal_eval(document)
    statements = document["Statement"]
    return [statements] if isinstance(statements, dict) else statements


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_function_role_is_least_privilege(stack, cfn):
    iam = boto3.client("iam", region_name=REGION)
    role = stack["AccountsFunctionRole"]
    statements = [
        statement
        for name in iam.list_role_policies(RoleName=role)["PolicyNames"]
        for statement in _statements(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])
    ]
    account, table, bucket = stack["account"], stack["RecordsTable"], stack["FilesBucket"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    allowed = {
        "dynamodb": {table_arn, f"{table_arn}/index/*"},
        "s3": {f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"},
        "ses": {f"arn:aws:ses:{REGION}:{account}:identity/{MAIL_DOMAIN}"},
        # The classeur (issue 9) reads the offers index of the stack's domain; saved searches keep
        # the alerts index (the matcher) in step. Those two indexes only.
        "es": {f"arn:aws:es:{REGION}:{account}:domain/espace-candidat-offres/offres/*",
               f"arn:aws:es:{REGION}:{account}:domain/espace-candidat-offres/alertes",
               f"arn:aws:es:{REGION}:{account}:domain/espace-candidat-offres/alertes/*",
               # The CV bank (issue 10): the cvs index, kept in step with the published CVs.
               f"arn:aws:es:{REGION}:{account}:domain/espace-candidat-offres/cvs",
               f"arn:aws:es:{REGION}:{account}:domain/espace-candidat-offres/cvs/*"},
    }
    granted: dict[str, set[str]] = {}
    for statement in statements:
        assert statement["Effect"] == "Allow"
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            assert service in allowed, f"unexpected service in {action}"
            assert "*" not in verb, f"wildcard action {action}"
            resources = set(_as_list(statement["Resource"]))
            assert "*" not in resources, f"{action} on every resource"
            assert resources <= allowed[service], f"{action} on {resources - allowed[service]}"
            granted.setdefault(service, set()).add(verb)

    # What the adapters call, including erasing every version of an account's files.
    assert {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "ConditionCheckItem"} <= granted["dynamodb"]
    assert {"ListBucket", "ListBucketVersions", "GetObject", "PutObject"} <= granted["s3"]
    assert {"DeleteObject", "DeleteObjectVersion"} <= granted["s3"]
    assert granted["ses"] == {"SendEmail"}
    # Reads the offers, never writes them (ReadOfferIndex); writes only the alerts index.
    offers_verbs = {action.partition(":")[2] for statement in statements
                    if any(r.endswith("/offres/*") for r in _as_list(statement["Resource"]))
                    for action in _as_list(statement["Action"])}
    assert offers_verbs == {"ESHttpGet", "ESHttpPost"}

    # Managed policies (moto's CloudFormation does not attach them): logs and X-Ray only.
    managed = cfn["Resources"]["AccountsFunctionRole"]["Properties"]["ManagedPolicyArns"]
    assert {json.dumps(arn).rsplit("/", 1)[-1].strip('"') for arn in managed} == {
        "AWSLambdaBasicExecutionRole",
        "AWSXrayWriteOnlyAccess",
    }


def test_outputs_for_deployment(cfn, stack):
    assert {"SiteUrl", "DistributionId", "SiteBucketName", "RecordsTableName", "FilesBucketName"} <= set(cfn["Outputs"])
    outputs = boto3.client("cloudformation", region_name=REGION).describe_stacks(StackName="espace-candidat")[
        "Stacks"
    ][0]["Outputs"]
    values = {o["OutputKey"]: o["OutputValue"] for o in outputs}
    assert values["SiteBucketName"] == stack["SiteBucket"]
    assert values["RecordsTableName"] == stack["RecordsTable"]
    assert values["FilesBucketName"] == stack["FilesBucket"]


def test_without_custom_domain(stack):
    """The CloudFront-address variant: the site URL comes from CloudFrontSiteUrl, and a chosen
    sender replaces the default one. (A second stack in the mock of ``stack``.)"""
    parameters = {
        "MailDomain": MAIL_DOMAIN,
        "MailSender": f"Mon espace <contact@{MAIL_DOMAIN}>",
        "CloudFrontSiteUrl": "https://d111111abcdef8.cloudfront.net",
    }
    cfn = translate(parameters, code_uri=f"s3://{ARTIFACTS_BUCKET}/{ARTIFACT_KEY}")
    resources = create_stack(cfn, parameters, name="espace-candidat-cloudfront-address")
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=resources["AccountsFunction"]
    )
    variables = config["Environment"]["Variables"]
    assert variables["ESPACE_SITE_URL"] == "https://d111111abcdef8.cloudfront.net"
    assert variables["ESPACE_MAIL_SENDER"] == f"Mon espace <contact@{MAIL_DOMAIN}>"


def test_site_bucket_policy_lets_only_the_distribution_read(cfn):
    """Checked on the translated template: moto has no AWS::S3::BucketPolicy model."""
    document = cfn["Resources"]["SiteBucketPolicy"]["Properties"]["PolicyDocument"]
    assert cfn["Resources"]["SiteBucketPolicy"]["Properties"]["Bucket"] == {"Ref": "SiteBucket"}
    allows = [s for s in document["Statement"] if s["Effect"] == "Allow"]
    assert {action for s in allows for action in _as_list(s["Action"])} == {"s3:GetObject", "s3:ListBucket"}
    for statement in allows:
        assert statement["Principal"] == {"Service": "cloudfront.amazonaws.com"}
        source = statement["Condition"]["StringEquals"]["AWS:SourceArn"]
        assert "Distribution" in references(source), "only this stack's distribution"
    denies = [s for s in document["Statement"] if s["Effect"] == "Deny"]
    assert [s["Condition"] for s in denies] == [{"Bool": {"aws:SecureTransport": "false"}}]

    origin = cfn["Resources"]["Distribution"]["Properties"]["DistributionConfig"]["Origins"][0]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["SiteOriginAccessControl", "Id"]}
    oac = cfn["Resources"]["SiteOriginAccessControl"]["Properties"]["OriginAccessControlConfig"]
    assert (oac["OriginAccessControlOriginType"], oac["SigningBehavior"]) == ("s3", "always")

"""The alerts' resources: AlertsFunction created in moto's CloudFormation with a least-privilege
role and no HTTP route; its EventBridge Scheduler schedule and the SES bounce/complaint path
(configuration set -> SNS -> the function), checked in the translated template where moto's
CloudFormation has no model for them (tests/infra/test_template_deploys_in_moto.py)."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.test_template_deploys_in_moto import PARAMETERS, _as_list, _statements, create_stack


@pytest.fixture(scope="module")
def cfn():
    from tests.infra.cloudformation import translate

    return translate(PARAMETERS, code_uri="s3://espace-artifacts/accounts.zip")


@pytest.fixture(scope="module")
def stack(cfn):
    with mock_aws():
        yield create_stack(cfn, PARAMETERS)


def test_alerts_function_is_created_without_http_routes(stack):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=stack["AlertsFunction"])
    assert config["Handler"] == "espace.handlers.alerts.handler"
    assert config["Timeout"] == 900
    variables = config["Environment"]["Variables"]
    assert variables["ESPACE_MAIL_URL"] == "ses://" and variables["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert variables["ESPACE_MATCHER_URL"].endswith(":443/alertes")
    events = load_sam_template()["Resources"]["AlertsFunction"]["Properties"]["Events"]
    assert {event["Type"] for event in events.values()} == {"SNS"}


def test_alerts_environment_names_are_settings(cfn):
    from dataclasses import fields

    from espace.settings import Settings

    # matcher_url comes with the matcher's part of issue 9 (espace.settings), merged alongside.
    known = {f"ESPACE_{spec.name.upper()}" for spec in fields(Settings)} | {"ESPACE_MATCHER_URL"}
    variables = cfn["Resources"]["AlertsFunction"]["Properties"]["Environment"]["Variables"]
    assert {name for name in variables if name.startswith("ESPACE_")} <= known


def test_alerts_role_is_least_privilege(stack):
    iam = boto3.client("iam", region_name=REGION)
    role = stack["AlertsFunctionRole"]
    statements = [statement for name in iam.list_role_policies(RoleName=role)["PolicyNames"]
                  for statement in _statements(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])]
    account, table = stack["account"], stack["RecordsTable"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    domain = f"arn:aws:es:{REGION}:{account}:domain/espace-candidat-offres"
    allowed = {"dynamodb": {table_arn, f"{table_arn}/index/*"},
               "ses": {f"arn:aws:ses:{REGION}:{account}:identity/{PARAMETERS['MailDomain']}",
                       f"arn:aws:ses:{REGION}:{account}:configuration-set/MailConfigurationSet-not-in-moto"},
               "es": {f"{domain}/offres*", f"{domain}/alertes*"}}
    writes = {"ESHttpPut", "ESHttpDelete"}
    for statement in statements:
        resources = set(_as_list(statement["Resource"]))
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            assert service in allowed, action
            assert "*" not in verb and resources <= allowed[service], (action, resources)
            if verb in writes and service == "es":
                assert resources == {f"{domain}/alertes*"}  # the offer index is read only


def test_daily_schedule_invokes_the_function(cfn):
    resources = cfn["Resources"]
    schedule = resources["AlertsDailySchedule"]["Properties"]
    assert schedule["ScheduleExpression"] == {"Ref": "AlertsSchedule"}
    assert schedule["Target"]["Arn"] == {"Fn::GetAtt": ["AlertsFunction", "Arn"]}
    assert schedule["Target"]["RoleArn"] == {"Fn::GetAtt": ["AlertsScheduleRole", "Arn"]}
    role = resources["AlertsScheduleRole"]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "scheduler.amazonaws.com"}
    [policy] = role["Policies"]
    assert policy["PolicyDocument"]["Statement"] == [
        {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": {"Fn::GetAtt": ["AlertsFunction", "Arn"]}}]


def test_schedule_role_is_created_in_moto(stack):
    iam = boto3.client("iam", region_name=REGION)
    document = iam.get_role(RoleName=stack["AlertsScheduleRole"])["Role"]["AssumeRolePolicyDocument"]
    assert "scheduler.amazonaws.com" in str(document)


def test_bounces_and_complaints_reach_the_function(cfn, stack):
    resources = cfn["Resources"]
    identity = resources["MailIdentity"]["Properties"]
    assert identity["ConfigurationSetAttributes"] == {"ConfigurationSetName": {"Ref": "MailConfigurationSet"}}
    destination = resources["MailFeedbackDestination"]["Properties"]["EventDestination"]
    assert sorted(destination["MatchingEventTypes"]) == ["bounce", "complaint"]
    assert destination["SnsDestination"] == {"TopicARN": {"Ref": "MailFeedbackTopic"}}
    subscriptions = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::SNS::Subscription"]
    assert {"Protocol": "lambda", "Endpoint": {"Fn::GetAtt": ["AlertsFunction", "Arn"]},
            "TopicArn": {"Ref": "MailFeedbackTopic"}}.items() <= subscriptions[0].items()
    permissions = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Permission"
                   and r["Properties"].get("Principal") == "sns.amazonaws.com"]
    assert permissions and permissions[0]["FunctionName"] == {"Ref": "AlertsFunction"}
    assert stack["MailFeedbackTopic"].startswith("arn:aws:sns:")

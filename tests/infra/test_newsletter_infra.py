"""NewsletterFunction and its monthly NewsletterSchedule, created in moto.

moto's CloudFormation creates the function and both roles; it has no model of
AWS::Scheduler::Schedule, so the schedule's own properties (as translated for AWS) are given to
moto's EventBridge Scheduler API, with the function and the role the stack created.
"""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from tests.infra.cloudformation import REGION, translate
from tests.infra.test_template_deploys_in_moto import (
    ARTIFACT_KEY,
    ARTIFACTS_BUCKET,
    MAIL_DOMAIN,
    PARAMETERS,
    _as_list,
    _statements,
    create_stack,
)


@pytest.fixture(scope="module")
def cfn() -> dict:
    return translate(PARAMETERS, code_uri=f"s3://{ARTIFACTS_BUCKET}/{ARTIFACT_KEY}")


@pytest.fixture(scope="module")
def aws(cfn):
    with mock_aws():
        yield create_stack(cfn, PARAMETERS)


def _role_statements(role: str) -> list[dict]:
    iam = boto3.client("iam", region_name=REGION)
    return [statement for name in iam.list_role_policies(RoleName=role)["PolicyNames"]
            for statement in _statements(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])]


def test_the_function_exists_with_the_newsletter_handler(aws):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["NewsletterFunction"])
    assert config["Handler"] == "espace.handlers.newsletter.handler"
    assert config["Timeout"] == 900  # one mail per subscriber: the longest run Lambda allows
    assert config["Environment"]["Variables"]["ESPACE_NAVIGATION_FILE"] == "/var/task/navigation.json"


def test_the_function_role_reaches_only_the_newsletter_records_and_mail(aws):
    account, table = aws["account"], aws["RecordsTable"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    granted: dict[str, set[str]] = {}
    for statement in _role_statements(aws["NewsletterFunctionRole"]):
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            resources = set(_as_list(statement["Resource"]))
            if service == "dynamodb":
                assert resources == {table_arn}
                keys = statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
                assert "USER#*" not in keys and "*" not in keys
            else:
                assert (service, resources) == ("ses", {f"arn:aws:ses:{REGION}:{account}:identity/{MAIL_DOMAIN}"})
            granted.setdefault(service, set()).add(verb)
    assert granted == {"dynamodb": {"GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query", "ConditionCheckItem"},
                       "ses": {"SendEmail"}}


def test_the_monthly_schedule_invokes_the_function_with_its_own_role(aws, cfn):
    schedule = cfn["Resources"]["NewsletterSchedule"]["Properties"]
    assert schedule["ScheduleExpression"] == "cron(0 9 1 * ? *)"
    assert schedule["ScheduleExpressionTimezone"] == "Europe/Paris"
    assert schedule["Target"]["Input"] == '{"job": "newsletter"}'
    function_arn = boto3.client("lambda", region_name=REGION).get_function(
        FunctionName=aws["NewsletterFunction"])["Configuration"]["FunctionArn"]
    role_arn = boto3.client("iam", region_name=REGION).get_role(RoleName=aws["NewsletterScheduleRole"])["Role"]["Arn"]
    scheduler = boto3.client("scheduler", region_name=REGION)
    scheduler.create_schedule(Name="newsletter", ScheduleExpression=schedule["ScheduleExpression"],
                              ScheduleExpressionTimezone=schedule["ScheduleExpressionTimezone"],
                              FlexibleTimeWindow=schedule["FlexibleTimeWindow"],
                              Target={"Arn": function_arn, "RoleArn": role_arn, "Input": schedule["Target"]["Input"],
                                      "RetryPolicy": schedule["Target"]["RetryPolicy"]})
    created = scheduler.get_schedule(Name="newsletter")
    assert created["Target"]["Arn"] == function_arn and created["ScheduleExpression"] == "cron(0 9 1 * ? *)"
    # The role may only invoke that function, and only the scheduler may assume it.
    [statement] = _role_statements(aws["NewsletterScheduleRole"])
    assert _as_list(statement["Action"]) == ["lambda:InvokeFunction"]
    assert _as_list(statement["Resource"]) == [function_arn]
    trust = boto3.client("iam", region_name=REGION).get_role(
        RoleName=aws["NewsletterScheduleRole"])["Role"]["AssumeRolePolicyDocument"]
    assert [s["Principal"] for s in _statements(trust)] == [{"Service": "scheduler.amazonaws.com"}]

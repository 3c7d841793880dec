"""PaymentsFunction and its PaymentsSchedule (issue 13: the monthly allowance payments, each
morning from the 1st to the 16th for the previous month), created in moto.

moto's CloudFormation creates the function and both roles; it has no model of
AWS::Scheduler::Schedule, so the schedule's own properties (as translated for AWS) are given to
moto's EventBridge Scheduler API, with the function and the role the stack created.
"""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from tests.infra.cloudformation import REGION, load_sam_template, translate
from tests.infra.test_template_deploys_in_moto import (
    ARTIFACT_KEY,
    ARTIFACTS_BUCKET,
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


def test_the_function_exists_with_the_payments_handler_and_no_route(aws):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["PaymentsFunction"])
    assert config["Handler"] == "espace.handlers.payments.handler"
    assert config["Timeout"] == 900
    assert config["Environment"]["Variables"]["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert "Events" not in load_sam_template()["Resources"]["PaymentsFunction"]["Properties"]


def test_the_role_reaches_only_the_users_the_declarations_index_the_suppression_list_and_mail(aws):
    account, table = aws["account"], aws["RecordsTable"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    granted: dict[tuple[str, str], set[str]] = {}
    for statement in _role_statements(aws["PaymentsFunctionRole"]):
        resources = set(_as_list(statement["Resource"]))
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            if service == "dynamodb":
                assert resources == {table_arn}
                keys = statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
                for key in _as_list(keys):
                    granted.setdefault(("dynamodb", key), set()).add(verb)
            else:
                assert action == "ses:SendEmail"
                assert all(":identity/" in r or ":configuration-set/" in r for r in resources), resources
                granted.setdefault(("ses", ""), set()).add(verb)
    assert granted == {("dynamodb", "USER#*"): {"GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query"},
                       ("dynamodb", "DECLARED#*"): {"Query"},
                       ("dynamodb", "SUPPRESSED#*"): {"GetItem"},
                       ("ses", ""): {"SendEmail"}}
    assert not any(s.startswith("s3:") or s.startswith("es:") for s in
                   (a for st in _role_statements(aws["PaymentsFunctionRole"]) for a in _as_list(st["Action"])))


def test_the_schedule_invokes_the_function_with_its_own_role(aws, cfn):
    schedule = cfn["Resources"]["PaymentsSchedule"]["Properties"]
    assert schedule["ScheduleExpression"] == "cron(30 6 1-16 * ? *)"
    assert schedule["ScheduleExpressionTimezone"] == "Europe/Paris"
    assert schedule["Target"]["Input"] == '{"job": "payments"}'
    function_arn = boto3.client("lambda", region_name=REGION).get_function(
        FunctionName=aws["PaymentsFunction"])["Configuration"]["FunctionArn"]
    role_arn = boto3.client("iam", region_name=REGION).get_role(RoleName=aws["PaymentsScheduleRole"])["Role"]["Arn"]
    scheduler = boto3.client("scheduler", region_name=REGION)
    scheduler.create_schedule(Name="payments", ScheduleExpression=schedule["ScheduleExpression"],
                              ScheduleExpressionTimezone=schedule["ScheduleExpressionTimezone"],
                              FlexibleTimeWindow=schedule["FlexibleTimeWindow"],
                              Target={"Arn": function_arn, "RoleArn": role_arn, "Input": schedule["Target"]["Input"],
                                      "RetryPolicy": schedule["Target"]["RetryPolicy"]})
    created = scheduler.get_schedule(Name="payments")
    assert created["Target"]["Arn"] == function_arn and created["Target"]["RoleArn"] == role_arn
    [statement] = _role_statements(aws["PaymentsScheduleRole"])
    assert _as_list(statement["Action"]) == ["lambda:InvokeFunction"]
    assert _as_list(statement["Resource"]) == [function_arn]
    trust = boto3.client("iam", region_name=REGION).get_role(
        RoleName=aws["PaymentsScheduleRole"])["Role"]["AssumeRolePolicyDocument"]
    assert [s["Principal"] for s in _statements(trust)] == [{"Service": "scheduler.amazonaws.com"}]

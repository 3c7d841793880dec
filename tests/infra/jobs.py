"""What the scheduled jobs' infrastructure tests share (drafts, retention, newsletter,
actualisation, payments): the stack created once per module in moto, the role's statements, the
grants of a job that reads and writes the table and sends mail, and the schedule that invokes the
function with its own role.

moto's CloudFormation creates the functions and roles; it has no model of AWS::Scheduler::Schedule,
so a schedule's own properties (as translated for AWS) are given to moto's EventBridge Scheduler
API, with the function and the role the stack created. The stack itself is the ``aws`` fixture of
tests/infra/conftest.py.
"""

from __future__ import annotations

from typing import Any

import boto3

from tests.infra.cloudformation import REGION
from tests.infra.test_template_deploys_in_moto import _as_list, _statements


def role_statements(role: str) -> list[dict]:
    iam = boto3.client("iam", region_name=REGION)
    return [statement for name in iam.list_role_policies(RoleName=role)["PolicyNames"]
            for statement in _statements(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])]


def table_and_mail_grants(aws: dict, role: str) -> dict[tuple[str, str], set[str]]:
    """{("dynamodb", leading key) or ("ses", ""): verbs} of a job's role, after checking that its
    table rights are on the records table only and its mail rights on identities only — and that
    it has no file or search index right at all."""
    table_arn = f"arn:aws:dynamodb:{REGION}:{aws['account']}:table/{aws['RecordsTable']}"
    granted: dict[tuple[str, str], set[str]] = {}
    for statement in role_statements(aws[role]):
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
    return granted


def scheduled(aws: dict, cfn: dict, name: str) -> dict[str, Any]:
    """The properties of ``{name}Schedule`` after checking, in moto's Scheduler, that it invokes
    ``{name}Function`` with ``{name}ScheduleRole``, a role that may only invoke that function and
    that only the scheduler may assume."""
    schedule = cfn["Resources"][f"{name}Schedule"]["Properties"]
    assert schedule["ScheduleExpressionTimezone"] == "Europe/Paris"
    function_arn = boto3.client("lambda", region_name=REGION).get_function(
        FunctionName=aws[f"{name}Function"])["Configuration"]["FunctionArn"]
    iam = boto3.client("iam", region_name=REGION)
    role = iam.get_role(RoleName=aws[f"{name}ScheduleRole"])["Role"]
    scheduler = boto3.client("scheduler", region_name=REGION)
    scheduler.create_schedule(Name=name, ScheduleExpression=schedule["ScheduleExpression"],
                              ScheduleExpressionTimezone=schedule["ScheduleExpressionTimezone"],
                              FlexibleTimeWindow=schedule["FlexibleTimeWindow"],
                              Target={"Arn": function_arn, "RoleArn": role["Arn"], "Input": schedule["Target"]["Input"],
                                      "RetryPolicy": schedule["Target"]["RetryPolicy"]})
    created = scheduler.get_schedule(Name=name)
    assert created["Target"]["Arn"] == function_arn and created["Target"]["RoleArn"] == role["Arn"]
    [statement] = role_statements(aws[f"{name}ScheduleRole"])
    assert _as_list(statement["Action"]) == ["lambda:InvokeFunction"]
    assert _as_list(statement["Resource"]) == [function_arn]
    assert [s["Principal"] for s in _statements(role["AssumeRolePolicyDocument"])] == [
        {"Service": "scheduler.amazonaws.com"}]
    return schedule

"""NewsletterFunction and its monthly NewsletterSchedule, created in moto.

moto's CloudFormation creates the function and both roles; it has no model of
AWS::Scheduler::Schedule, so the schedule's own properties (as translated for AWS) are given to
moto's EventBridge Scheduler API, with the function and the role the stack created.
"""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION
from tests.infra.jobs import role_statements, scheduled
from tests.infra.test_template_deploys_in_moto import (
    MAIL_DOMAIN,
    _as_list,
)


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
    for statement in role_statements(aws["NewsletterFunctionRole"]):
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
    schedule = scheduled(aws, cfn, "Newsletter")
    assert schedule["ScheduleExpression"] == "cron(0 9 1 * ? *)"
    assert schedule["Target"]["Input"] == '{"job": "newsletter"}'

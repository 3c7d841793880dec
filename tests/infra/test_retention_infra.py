"""RetentionFunction and its daily RetentionSchedule (issue 11), created in moto.

moto's CloudFormation creates the function and both roles; it has no model of
AWS::Scheduler::Schedule, so the schedule's own properties (as translated for AWS) are given to
moto's EventBridge Scheduler API, with the function and the role the stack created.
"""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.jobs import role_statements, scheduled
from tests.infra.test_template_deploys_in_moto import (
    _as_list,
)


def test_the_function_exists_with_the_retention_handler_and_no_route(aws):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["RetentionFunction"])
    assert config["Handler"] == "espace.handlers.retention.handler"
    assert config["Timeout"] == 900
    assert config["Environment"]["Variables"]["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert "Events" not in load_sam_template()["Resources"]["RetentionFunction"]["Properties"]


def test_the_role_reaches_only_the_applications_the_retention_index_and_the_cvs_sent(aws):
    account, table, bucket = aws["account"], aws["RecordsTable"], aws["FilesBucket"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    granted: dict[str, set[str]] = {}
    for statement in role_statements(aws["RetentionFunctionRole"]):
        resources = set(_as_list(statement["Resource"]))
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            if service == "dynamodb":
                assert resources == {table_arn}
                keys = statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
                assert sorted(keys) == ["RETENTION#*", "RETENTION-DONE#*", "USER#*"]
            elif verb.startswith("List"):
                assert resources == {f"arn:aws:s3:::{bucket}"}
                assert statement["Condition"] == {"StringLike": {"s3:prefix": "users/*/candidatures/*"}}
            else:
                assert resources == {f"arn:aws:s3:::{bucket}/users/*/candidatures/*"}
            granted.setdefault(service, set()).add(verb)
    assert granted == {"dynamodb": {"GetItem", "PutItem", "DeleteItem", "Query"},
                       "s3": {"ListBucket", "ListBucketVersions", "DeleteObject", "DeleteObjectVersion"}}


def test_the_daily_schedule_invokes_the_function_with_its_own_role(aws, cfn):
    schedule = scheduled(aws, cfn, "Retention")
    assert schedule["ScheduleExpression"] == "cron(30 3 * * ? *)"
    assert schedule["Target"]["Input"] == '{"job": "retention"}'

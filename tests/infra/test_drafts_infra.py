"""DraftsFunction and its daily DraftsSchedule (issue 12: registration drafts' reminder and
deletion), created in moto."""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.jobs import scheduled, table_and_mail_grants


def test_the_function_exists_with_the_drafts_handler_and_no_route(aws):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["DraftsFunction"])
    assert config["Handler"] == "espace.handlers.drafts.handler"
    assert config["Timeout"] == 900
    assert config["Environment"]["Variables"]["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert "Events" not in load_sam_template()["Resources"]["DraftsFunction"]["Properties"]


def test_the_role_reaches_only_the_users_the_age_index_the_suppression_list_and_mail(aws):
    granted = table_and_mail_grants(aws, "DraftsFunctionRole")
    assert granted == {("dynamodb", "USER#*"): {"GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query"},
                       ("dynamodb", "DRAFT-AGE#*"): {"Query", "DeleteItem"},
                       ("dynamodb", "SUPPRESSED#*"): {"GetItem"},
                       ("ses", ""): {"SendEmail"}}


def test_the_daily_schedule_invokes_the_function_with_its_own_role(aws, cfn):
    schedule = scheduled(aws, cfn, "Drafts")
    assert schedule["ScheduleExpression"] == "cron(45 3 * * ? *)"
    assert schedule["Target"]["Input"] == '{"job": "drafts"}'

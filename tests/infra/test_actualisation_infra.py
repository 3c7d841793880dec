"""ActualisationFunction and its daily ActualisationSchedule (issue 13: the actualisation reminders and
missed windows), created in moto."""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.jobs import scheduled, table_and_mail_grants


def test_the_function_exists_with_the_actualisation_handler_and_no_route(aws):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["ActualisationFunction"])
    assert config["Handler"] == "espace.handlers.actualisation.handler"
    assert config["Timeout"] == 900
    assert config["Environment"]["Variables"]["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert config["Environment"]["Variables"]["ESPACE_DATA_DIR"] == "/var/task/data"  # the windows' calendar
    assert "Events" not in load_sam_template()["Resources"]["ActualisationFunction"]["Properties"]


def test_the_role_reaches_only_users_registered_index_agencies_missed_entries_suppression_list_mail(aws):
    granted = table_and_mail_grants(aws, "ActualisationFunctionRole")
    assert granted == {("dynamodb", "USER#*"): {"GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query"},
                       ("dynamodb", "REGISTERED#*"): {"Query", "DeleteItem"},
                       ("dynamodb", "AGENCY#*"): {"PutItem"},
                       ("dynamodb", "SUPPRESSED#*"): {"GetItem"},
                       ("ses", ""): {"SendEmail"}}


def test_the_daily_schedule_invokes_the_function_with_its_own_role(aws, cfn):
    schedule = scheduled(aws, cfn, "Actualisation")
    assert schedule["ScheduleExpression"] == "cron(30 7 * * ? *)"
    assert schedule["Target"]["Input"] == '{"job": "actualisation"}'

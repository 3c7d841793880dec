"""PaymentsFunction and its PaymentsSchedule (issue 13: the monthly allowance payments, each
morning from the 1st to the 16th for the previous month), created in moto."""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.jobs import scheduled, table_and_mail_grants


def test_the_function_exists_with_the_payments_handler_and_no_route(aws):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["PaymentsFunction"])
    assert config["Handler"] == "espace.handlers.payments.handler"
    assert config["Timeout"] == 900
    assert config["Environment"]["Variables"]["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert "Events" not in load_sam_template()["Resources"]["PaymentsFunction"]["Properties"]


def test_the_role_reaches_only_the_users_the_two_indexes_the_suppression_list_and_mail(aws):
    granted = table_and_mail_grants(aws, "PaymentsFunctionRole")
    assert granted == {("dynamodb", "USER#*"): {"GetItem", "PutItem", "DeleteItem", "UpdateItem", "Query"},
                       ("dynamodb", "DECLARED#*"): {"Query"},
                       ("dynamodb", "REGULARISE#*"): {"Query", "DeleteItem"},
                       ("dynamodb", "SUPPRESSED#*"): {"GetItem"},
                       ("ses", ""): {"SendEmail"}}


def test_the_schedule_invokes_the_function_with_its_own_role(aws, cfn):
    schedule = scheduled(aws, cfn, "Payments")
    assert schedule["ScheduleExpression"] == "cron(30 6 1-16 * ? *)"
    assert schedule["Target"]["Input"] == '{"job": "payments"}'

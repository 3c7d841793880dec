"""CounsellorsFunction (issue 12) created in moto's CloudFormation: its handler and settings, its
role as the template declares it and no more (no search index, no listing nor deleting of files;
of the files, the letters only), its routes all under /conseiller, and its logs."""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.jobs import role_statements
from tests.infra.test_template_deploys_in_moto import (
    MAIL_DOMAIN,
    PARAMETERS,
    _as_list,
)


def test_the_function_is_created_with_the_counsellors_handler(aws, cfn):
    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["CounsellorsFunction"])
    assert config["Handler"] == "espace.handlers.counsellors.handler"
    variables = config["Environment"]["Variables"]
    assert variables["ESPACE_PROFILE"] == "aws" and variables["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    assert variables["ESPACE_DATA_DIR"] == "/var/task/data"  # the agencies' data
    declared = cfn["Resources"]["CounsellorsFunction"]["Properties"]["Environment"]["Variables"]
    # No offer, alert or CV index: the counsellors' side reads none of them.
    assert not {"ESPACE_SEARCH_URL", "ESPACE_MATCHER_URL", "ESPACE_CV_INDEX_URL"} & set(declared)


def test_the_role_is_what_the_template_declares_and_no_more(aws):
    account, table, bucket = aws["account"], aws["RecordsTable"], aws["FilesBucket"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    allowed = {
        "dynamodb": {table_arn, f"{table_arn}/index/*"},
        "s3": {f"arn:aws:s3:::{bucket}/users/*/courriers/*"},  # the letters a validation writes
        "ses": {f"arn:aws:ses:{REGION}:{account}:identity/{MAIL_DOMAIN}"},
    }
    granted: dict[str, set[str]] = {}
    for statement in role_statements(aws["CounsellorsFunctionRole"]):
        assert statement["Effect"] == "Allow"
        resources = set(_as_list(statement["Resource"]))
        assert "*" not in resources
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            assert service in allowed and "*" not in verb, action
            assert resources <= allowed[service], (action, resources - allowed[service])
            granted.setdefault(service, set()).add(verb)
    assert granted["s3"] == {"GetObject", "PutObject"}  # never lists nor deletes a file
    assert granted["ses"] == {"SendEmail"}
    # Transactions (booking, validation, corrections with their audit entries) and conditional writes.
    assert {"GetItem", "PutItem", "DeleteItem", "Query", "UpdateItem", "ConditionCheckItem"} <= granted["dynamodb"]


def test_every_route_is_under_conseiller_and_head_is_allowed(aws, cfn):
    events = load_sam_template()["Resources"]["CounsellorsFunction"]["Properties"]["Events"]
    paths = set()
    for name, event in events.items():
        assert event["Type"] == "HttpApi", name
        path = event["Properties"]["Path"]
        assert path == "/conseiller" or path.startswith("/conseiller/"), (name, path)
        paths.add((event["Properties"]["Method"], path))
    assert {("GET", "/conseiller/agenda"), ("POST", "/conseiller/agenda/ouverture"),
            ("POST", "/conseiller/demandes/{demande}/validation"),
            ("POST", "/conseiller/demandes/{demande}/{etape}")} <= paths
    permission = cfn["Resources"]["CounsellorsFunctionHeadPermission"]["Properties"]
    assert permission["FunctionName"] == {"Ref": "CounsellorsFunction"}
    assert permission["SourceArn"]["Fn::Sub"].endswith("/*/HEAD/*")
    assert any(name.startswith("CounsellorsFunction") and name.endswith("Permission") for name in aws)
    behaviours = cfn["Resources"]["Distribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
    assert {"/conseiller", "/conseiller/*"} <= {behaviour["PathPattern"] for behaviour in behaviours}


def test_its_logs_are_kept_as_long_as_the_others(aws):
    group = aws["CounsellorsFunctionLogGroup"]
    [found] = boto3.client("logs", region_name=REGION).describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert found["retentionInDays"] == int(PARAMETERS.get("LogRetentionDays", 90))

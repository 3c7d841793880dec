"""RecruitersFunction (issue 11) created in moto's CloudFormation: its handler, settings, its role as
declared (least privilege), the search domain letting it in, and its routes all under /recruteur."""

from __future__ import annotations

import boto3

from tests.infra.cloudformation import REGION, load_sam_template
from tests.infra.jobs import role_statements
from tests.infra.test_template_deploys_in_moto import (
    MAIL_DOMAIN,
    PARAMETERS,
    _as_list,
)

DOMAIN = "espace-candidat-offres"


def test_the_function_is_created_with_the_recruiters_handler_and_both_indexes(aws, cfn):
    from dataclasses import fields

    from espace.settings import Settings

    config = boto3.client("lambda", region_name=REGION).get_function_configuration(
        FunctionName=aws["RecruitersFunction"])
    assert config["Handler"] == "espace.handlers.recruiters.handler"
    variables = config["Environment"]["Variables"]
    assert variables["ESPACE_PROFILE"] == "aws" and variables["ESPACE_RECORDS_URL"].startswith("dynamodb://")
    declared = cfn["Resources"]["RecruitersFunction"]["Properties"]["Environment"]["Variables"]
    assert declared["ESPACE_SEARCH_URL"]["Fn::Sub"].endswith(":443/offres")
    assert declared["ESPACE_CV_INDEX_URL"]["Fn::Sub"].endswith(":443/cvs")
    known = {f"ESPACE_{spec.name.upper()}" for spec in fields(Settings)} | {"ESPACE_MATCHER_URL"}
    assert {name for name in declared if name.startswith("ESPACE_")} <= known


def test_the_role_is_what_the_template_declares_and_no_more(aws):
    account, table, bucket = aws["account"], aws["RecordsTable"], aws["FilesBucket"]
    table_arn = f"arn:aws:dynamodb:{REGION}:{account}:table/{table}"
    domain = f"arn:aws:es:{REGION}:{account}:domain/{DOMAIN}"
    allowed = {
        "dynamodb": {table_arn, f"{table_arn}/index/*"},
        # The CVs sent with applications and the CV bank's files: read only.
        "s3": {f"arn:aws:s3:::{bucket}/users/*/candidatures/*", f"arn:aws:s3:::{bucket}/users/*/cv/*"},
        "ses": {f"arn:aws:ses:{REGION}:{account}:identity/{MAIL_DOMAIN}"},
        "es": {f"{domain}/offres", f"{domain}/offres/*", f"{domain}/cvs/*"},
    }
    granted: dict[str, set[str]] = {}
    es_by_resource: dict[str, set[str]] = {}
    for statement in role_statements(aws["RecruitersFunctionRole"]):
        assert statement["Effect"] == "Allow"
        resources = set(_as_list(statement["Resource"]))
        assert "*" not in resources
        for action in _as_list(statement["Action"]):
            service, _, verb = action.partition(":")
            assert service in allowed and "*" not in verb, action
            assert resources <= allowed[service], (action, resources - allowed[service])
            granted.setdefault(service, set()).add(verb)
            if service == "es":
                for resource in resources:
                    es_by_resource.setdefault(resource, set()).add(verb)
    assert granted["s3"] == {"GetObject"}  # never writes nor deletes a candidate's file
    assert granted["ses"] == {"SendEmail"}
    assert {"GetItem", "PutItem", "DeleteItem", "Query", "UpdateItem", "ConditionCheckItem"} <= granted["dynamodb"]
    # Publishing writes the offers index; the CV bank is read only (GET, POST for _search).
    assert {"ESHttpPut", "ESHttpDelete"} <= es_by_resource[f"{domain}/offres/*"]
    assert es_by_resource[f"{domain}/cvs/*"] == {"ESHttpGet", "ESHttpPost"}


def test_the_search_domain_lets_the_recruiters_role_in_on_those_indexes_only(cfn):
    statements = {s["Sid"]: s for s in cfn["Resources"]["SearchDomain"]["Properties"]["AccessPolicies"]["Statement"]}
    for sid in ("RecruitersFunctionWritesOffers", "RecruitersFunctionReadsCvs"):
        assert statements[sid]["Principal"] == {"AWS": {"Fn::GetAtt": ["RecruitersFunctionRole", "Arn"]}}
    reads = statements["RecruitersFunctionReadsCvs"]
    assert sorted(reads["Action"]) == ["es:ESHttpGet", "es:ESHttpPost"]
    assert reads["Resource"]["Fn::Sub"].endswith("/cvs/*")
    writes = [r["Fn::Sub"] for r in _as_list(statements["RecruitersFunctionWritesOffers"]["Resource"])]
    assert all(r.endswith(("/offres", "/offres/*")) for r in writes)


def test_every_route_is_under_recruteur_and_head_is_allowed(aws, cfn):
    events = load_sam_template()["Resources"]["RecruitersFunction"]["Properties"]["Events"]
    assert events, "RecruitersFunction serves HTTP routes"
    for name, event in events.items():
        assert event["Type"] == "HttpApi", name
        path = event["Properties"]["Path"]
        assert path == "/recruteur" or path.startswith("/recruteur/"), (name, path)
    permission = cfn["Resources"]["RecruitersFunctionHeadPermission"]["Properties"]
    assert permission["FunctionName"] == {"Ref": "RecruitersFunction"}
    assert permission["SourceArn"]["Fn::Sub"].endswith("/*/HEAD/*")
    # API Gateway may invoke it (SAM's permission per event, created in moto).
    assert any(name.startswith("RecruitersFunction") and name.endswith("Permission") for name in aws)


def test_its_logs_are_kept_as_long_as_the_others(aws):
    group = aws["RecruitersFunctionLogGroup"]
    [found] = boto3.client("logs", region_name=REGION).describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert found["retentionInDays"] == int(PARAMETERS.get("LogRetentionDays", 90))

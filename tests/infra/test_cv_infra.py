"""The CV bank's index in the template (issue 10): the accounts function is told where the cvs
index is, and may write that index — the one its URL names — and no other new one."""

from __future__ import annotations

from espace.bootstrap import _offers_target
from tests.infra.cloudformation import load_sam_template

DOMAIN_ARN = "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/${AWS::StackName}-offres"
WRITE_VERBS = {"es:ESHttpPut", "es:ESHttpDelete"}


def accounts_function() -> dict:
    return load_sam_template()["Resources"]["AccountsFunction"]["Properties"]


def test_the_cv_index_url_is_a_valid_opensearch_url_naming_cvs():
    url = accounts_function()["Environment"]["Variables"]["ESPACE_CV_INDEX_URL"]["Fn::Sub"]
    assert url == "opensearchs://${SearchDomain.DomainEndpoint}:443/cvs"
    # What bootstrap.cv_index_from_url reads, with the endpoint CloudFormation puts there.
    target = _offers_target(url.replace("${SearchDomain.DomainEndpoint}", "search-x.eu-west-3.es.amazonaws.com"),
                            "CV index")
    assert target.scheme == "opensearch" and target.where.https and target.where.index_name == "cvs"
    assert not target.where.credentials  # signed with the function's role (bootstrap._opensearch_client)


def test_the_role_reads_and_writes_the_cvs_index_only():
    statements = {s["Sid"]: s for policy in accounts_function()["Policies"] if "Statement" in policy
                  for s in policy["Statement"]}
    cvs = statements["ReadWriteCvIndex"]
    assert cvs["Effect"] == "Allow"
    # What the adapter sends: HEAD (exists), GET (mapping, search, count), PUT (index creation,
    # a document), POST (_search, _bulk, _refresh), DELETE (a document, drop).
    assert set(cvs["Action"]) == {"es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut",
                                  "es:ESHttpDelete"}
    assert cvs["Resource"] == [{"Fn::Sub": DOMAIN_ARN + "/cvs"}, {"Fn::Sub": DOMAIN_ARN + "/cvs/*"}]
    # Writes to OpenSearch go to the alerts (issue 9) and cvs indexes, never the offers or the domain.
    written = {resource["Fn::Sub"].removeprefix(DOMAIN_ARN) for s in statements.values()
               if set(s["Action"] if isinstance(s["Action"], list) else [s["Action"]]) & WRITE_VERBS
               for resource in (s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]])
               if isinstance(resource, dict) and DOMAIN_ARN in resource.get("Fn::Sub", "")}
    assert written == {"/alertes", "/alertes/*", "/cvs", "/cvs/*"}

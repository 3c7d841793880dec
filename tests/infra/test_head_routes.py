"""HEAD reaches the function of every GET route once deployed.

API Gateway HTTP APIs route on method and path: a HEAD request matches no GET route, so the
template declares HEAD routes in HttpApi's OpenAPI definition. Here API Gateway's route selection
(espace.gateway.routes.match, the local gateway's copy of it) is run over the events' routes plus
those HEAD routes, for a path of every GET route of the template.
"""

from __future__ import annotations

import re

import pytest

from espace.gateway.routes import Route, load_routes, match
from tests.infra.cloudformation import TEMPLATE, load_sam_template, translate

INTEGRATION_REF = re.compile(r"^#/components/x-amazon-apigateway-integrations/([A-Za-z0-9_-]+)$")
FUNCTION_ARN = re.compile(r"\$\{([A-Za-z0-9]+)\.Arn\}")


@pytest.fixture(scope="module")
def template() -> dict:
    return load_sam_template()


@pytest.fixture(scope="module")
def definition(template) -> dict:
    return template["Resources"]["HttpApi"]["Properties"]["DefinitionBody"]


def integration_functions(definition: dict) -> dict[str, str]:
    """Integration name -> the logical id of the function it invokes."""
    found = {}
    for name, integration in definition["components"]["x-amazon-apigateway-integrations"].items():
        assert (integration["type"], integration["httpMethod"], integration["payloadFormatVersion"]) == (
            "aws_proxy", "POST", "2.0"), name  # what SAM writes for the events' own routes
        [function] = FUNCTION_ARN.findall(integration["uri"]["Fn::Sub"])
        found[name] = function
    return found


def head_routes(definition: dict) -> list[Route]:
    functions = integration_functions(definition)
    routes = []
    for path, operations in definition["paths"].items():
        assert set(operations) == {"head"}, f"{path}: only HEAD routes here; the others are function events"
        reference = operations["head"]["x-amazon-apigateway-integration"]["$ref"]
        name = INTEGRATION_REF.fullmatch(reference)[1]
        routes.append(Route(method="HEAD", path=path, handler="-", function_id=functions[name]))
    return routes


def sample(path: str) -> str:
    return re.sub(r"\{[^}/]+\}", "x", path)


def test_every_get_route_has_a_head_route_to_the_same_function(definition):
    events = load_routes(TEMPLATE)
    routes = events + head_routes(definition)
    gets = [route for route in events if route.method == "GET"]
    assert gets
    for get in gets:
        found = match(routes, "HEAD", sample(get.path))
        assert found is not None
        head, _ = found
        assert head.method == "HEAD", f"HEAD {get.path} has no route once deployed: add one to HttpApi's DefinitionBody"
        assert head.function_id == get.function_id, f"HEAD {get.path} would reach {head.function_id}"


def test_head_routes_stay_under_the_services_of_cloudfront(definition, template):
    # A HEAD route outside the service behaviours would never be reached (CloudFront sends those
    # paths to the site's bucket).
    from tests.infra.test_routes import behaviour_for

    for route in head_routes(definition):
        assert behaviour_for(template, sample(route.path))["TargetOriginId"] == "services", route.path


def test_each_function_reached_by_head_lets_the_api_invoke_it(definition, template):
    permissions = {}
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Lambda::Permission":
            props = resource["Properties"]
            permissions[props["FunctionName"]["Ref"]] = props
    for function in set(integration_functions(definition).values()):
        assert template["Resources"][function]["Type"] == "AWS::Serverless::Function"
        permission = permissions[function]
        assert (permission["Action"], permission["Principal"]) == ("lambda:InvokeFunction", "apigateway.amazonaws.com")
        assert permission["SourceArn"]["Fn::Sub"].endswith(":${HttpApi}/*/HEAD/*")


def test_sam_keeps_the_head_routes_beside_the_events():
    body = translate({"MailDomain": "emploi.example.org"})["Resources"]["HttpApi"]["Properties"]["Body"]
    assert "head" in body["paths"]["/connexion"] and "get" in body["paths"]["/connexion"]
    assert "x-amazon-apigateway-integrations" in body["components"]

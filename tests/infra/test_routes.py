"""The HttpApi events of the template and the CloudFront behaviours that lead to them.

A route that no behaviour covers would be served by the static bucket (a 404 in production,
while it works under `make run`): these tests keep the two lists in step.
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess

import pytest

from tests.infra.cloudformation import load_sam_template

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
ALL_METHODS = {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}

@pytest.fixture(scope="module")
def template() -> dict:
    return load_sam_template()


def http_api_events(template: dict) -> list[tuple[str, str, str, dict]]:
    """(function, event name, method, properties) of every HttpApi event."""
    events = []
    for function, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for name, event in resource["Properties"].get("Events", {}).items():
            if event["Type"] == "HttpApi":
                events.append((function, name, event["Properties"]["Method"].upper(), event["Properties"]))
    return events


def distribution_config(template: dict) -> dict:
    return template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]


def cloudfront_match(pattern: str, path: str) -> bool:
    """CloudFront path patterns: case-sensitive, * is any run of characters (slashes included),
    ? is one character, and nothing else is special."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, path) is not None


def behaviour_for(template: dict, path: str) -> dict:
    """The behaviour CloudFront applies to ``path``: the first matching one, else the default."""
    config = distribution_config(template)
    for behaviour in config.get("CacheBehaviors", []):
        if cloudfront_match(behaviour["PathPattern"], path):
            return behaviour
    return config["DefaultCacheBehavior"]


def test_events_are_plain_http_api_events(template):
    # The local gateway reads exactly these three properties.
    events = http_api_events(template)
    assert events
    for function, name, _, properties in events:
        assert set(properties) == {"Path", "Method", "ApiId"}, f"{function}.{name}"
        assert properties["ApiId"] == {"Ref": "HttpApi"}, f"{function}.{name}"


def app_routes(handler: str) -> set[tuple[str, str]]:
    """(method, path) of every route the handler's application declares; path parameters
    written {} (the template says {id}, Powertools <offer_id>: only their place matters)."""
    module = importlib.import_module(handler.rsplit(".", 1)[0])
    app = module.app
    routes = [*app._static_routes, *app._dynamic_routes]
    return {(route.method, re.sub(r"<[^>]+>", "{}", route.path)) for route in routes}


def test_each_function_declares_exactly_the_routes_of_its_handler(template):
    """Both lists come from the code: a route added to a handler but not to the template
    (or the reverse) fails here, and the local gateway serves exactly the template's."""
    events = http_api_events(template)
    functions = {function for function, *_ in events}
    assert functions, "no HttpApi events in the template"
    for function in functions:
        handler = template["Resources"][function]["Properties"]["Handler"]
        declared = {(method, re.sub(r"\{[^}]+\}", "{}", props["Path"]))
                    for name, _, method, props in events if name == function}
        assert declared == app_routes(handler), function


def test_paths_start_with_a_slash_and_are_unique_per_method(template):
    seen: dict[tuple[str, str], str] = {}
    for function, name, method, properties in http_api_events(template):
        path = properties["Path"]
        assert path.startswith("/"), f"{function}.{name}: {path}"
        key = (method, path)
        assert key not in seen, f"{method} {path} is both {seen[key]} and {function}.{name}"
        seen[key] = f"{function}.{name}"


def test_every_route_reaches_the_api_through_cloudfront(template):
    for function, name, method, properties in http_api_events(template):
        # A path parameter stands for one segment; any sample value will do.
        path = re.sub(r"\{[^}/]+\}", "x", properties["Path"])
        behaviour = behaviour_for(template, path)
        assert behaviour.get("PathPattern"), f"{method} {path} ({function}.{name}) falls to the static site"
        assert behaviour["TargetOriginId"] == "services", f"{method} {path} -> {behaviour['TargetOriginId']}"
        assert method in behaviour["AllowedMethods"] or method == "ANY"


def test_service_behaviours_are_uncached_and_forward_everything(template):
    config = distribution_config(template)
    origins = {origin["Id"]: origin for origin in config["Origins"]}
    assert "CustomOriginConfig" in origins["services"]
    assert origins["services"]["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    patterns = []
    for behaviour in config["CacheBehaviors"]:
        patterns.append(behaviour["PathPattern"])
        assert behaviour["TargetOriginId"] == "services", behaviour["PathPattern"]
        assert behaviour["CachePolicyId"] == CACHING_DISABLED, behaviour["PathPattern"]
        assert behaviour["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST_HEADER, behaviour["PathPattern"]
        assert set(behaviour["AllowedMethods"]) == ALL_METHODS, behaviour["PathPattern"]
        assert behaviour["ViewerProtocolPolicy"] in {"redirect-to-https", "https-only"}
    # /offres/* is declared ahead of the offer search issue, so its routes work on arrival.
    assert patterns == [
        "/connexion", "/deconnexion", "/compte/*", "/mon-espace", "/mon-espace/*", "/alertes/*", "/api/*", "/offres/*",
        "/recherche", "/partenaire/*", "/connexion/oauth2/*", "/recruteur", "/recruteur/*",
        "/inscription", "/agences", "/simulateur-allocation", "/calendrier-actualisation", "/agences/*",
        "/verifier-une-attestation", "/mon-dossier", "/mon-dossier/*", "/conseiller", "/conseiller/*",
        "/lettre/*",
    ]
    # CloudFront's default quota is 25 cache behaviours per distribution: past it, the deployment
    # fails. Group new service paths under fewer patterns before raising the quota.
    assert len(patterns) <= 25


def test_static_pages_stay_on_the_site_bucket(template):
    default = distribution_config(template)["DefaultCacheBehavior"]
    assert default["TargetOriginId"] == "site"
    assert default["CachePolicyId"] == CACHING_OPTIMIZED
    for path in ("/", "/index.html", "/404.html", "/candidat/", "/metiers/A1101.html", "/theme/css/main.css",
                 "/comptes.html", "/mon-espace.html", "/apiculture/"):
        assert behaviour_for(template, path) is default, path


def test_not_found_shows_the_site_404_page(template):
    errors = distribution_config(template)["CustomErrorResponses"]
    assert {"ErrorCode": 404, "ResponseCode": 404, "ResponsePagePath": "/404.html"}.items() <= errors[0].items()


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("/", "/index.html"),
        ("/actualites/", "/actualites/index.html"),
        ("/candidat/mes-droits-et-demarches/", "/candidat/mes-droits-et-demarches/index.html"),
        ("/faq.html", "/faq.html"),
        ("/theme/css/main.css", "/theme/css/main.css"),
        ("/actualites", "/actualites"),
    ],
)
def test_index_rewrite_function(template, uri, expected):
    # cloudfront-js-2.0 is ECMAScript 5.1 plus a few ES6 features: what Node runs here it runs.
    code = template["Resources"]["IndexRewriteFunction"]["Properties"]["FunctionCode"]
    script = code + f"\nprocess.stdout.write(handler({{request: {{uri: {json.dumps(uri)}, headers: {{}}}}}}).uri);\n"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected

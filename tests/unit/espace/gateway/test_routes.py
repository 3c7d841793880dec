"""Routes read from a SAM template, and API Gateway's choice among them."""

from __future__ import annotations

import textwrap

import pytest

from espace.gateway.routes import (
    MethodNotAllowedError,
    Route,
    TemplateError,
    default_route,
    load_routes,
    match,
)

TEMPLATE = """
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
    Handler: espace.handlers.pages.handler
    CodeUri: ../functions/
    MemorySize: 256
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
  RecordsTable:
    Type: AWS::DynamoDB::Table
  AccountsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: espace.handlers.accounts.handler
      FunctionName: !Sub "${AWS::StackName}-accounts"
      Timeout: 10
      Environment:
        Variables:
          TABLE: !Ref RecordsTable
      Events:
        Login:
          Type: HttpApi
          Properties: {Path: /connexion, Method: get, ApiId: !Ref HttpApi}
        LoginPost:
          Type: HttpApi
          Properties: {Path: /connexion, Method: POST, ApiId: !Ref HttpApi}
        Step:
          Type: HttpApi
          Properties: {Path: "/compte/{etape}", Method: ANY, ApiId: !Ref HttpApi}
        Nightly:
          Type: Schedule
          Properties: {Schedule: rate(1 day)}
  OffersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../functions/
      Events:
        Search:
          Type: HttpApi
          Properties: {Path: /offres/recherche, Method: GET, ApiId: !Ref HttpApi}
        Offer:
          Type: HttpApi
          Properties: {Path: "/offres/{id}", Method: GET, ApiId: !Ref HttpApi}
        Files:
          Type: HttpApi
          Properties: {Path: "/offres/{id}/{proxy+}", Method: GET, ApiId: !Ref HttpApi}
        Anything:
          Type: HttpApi
          Properties: {Path: "/{proxy+}", Method: DELETE}
"""


def write(tmp_path, text: str):
    infra = tmp_path / "infra"
    infra.mkdir(exist_ok=True)
    path = infra / "template.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def routes(tmp_path) -> list[Route]:
    return load_routes(write(tmp_path, TEMPLATE))


def test_every_httpapi_event_becomes_a_route(routes, tmp_path):
    assert [(r.method, r.path, r.function_id) for r in routes] == [
        ("GET", "/connexion", "AccountsFunction"),
        ("POST", "/connexion", "AccountsFunction"),
        ("ANY", "/compte/{etape}", "AccountsFunction"),
        ("GET", "/offres/recherche", "OffersFunction"),
        ("GET", "/offres/{id}", "OffersFunction"),
        ("GET", "/offres/{id}/{proxy+}", "OffersFunction"),
        ("DELETE", "/{proxy+}", "OffersFunction"),
    ]
    login = routes[0]
    assert login.handler == "espace.handlers.accounts.handler"
    assert login.route_key == "GET /connexion"
    assert login.code_dir == (tmp_path / "functions").resolve()
    assert login.api_id == "HttpApi"
    # An intrinsic FunctionName cannot be evaluated: the logical id stands in.
    assert login.function_name == "AccountsFunction"
    assert (login.memory_mb, login.timeout_s) == (256, 10)


def test_globals_fill_what_a_function_leaves_out(routes):
    offers = routes[3]
    assert offers.handler == "espace.handlers.pages.handler"
    assert (offers.memory_mb, offers.timeout_s) == (256, 3)
    assert routes[-1].api_id == "ServerlessHttpApi"  # no ApiId: SAM's implicit API


@pytest.mark.parametrize(
    ("method", "path", "route_key", "params"),
    [
        ("GET", "/connexion", "GET /connexion", {}),
        ("post", "/connexion", "POST /connexion", {}),
        ("PATCH", "/compte/creation", "ANY /compte/{etape}", {"etape": "creation"}),
        ("GET", "/compte/l'étape", "ANY /compte/{etape}", {"etape": "l'étape"}),
        # A literal segment beats a parameter, a parameter beats a greedy one.
        ("GET", "/offres/recherche", "GET /offres/recherche", {}),
        ("GET", "/offres/123ABC", "GET /offres/{id}", {"id": "123ABC"}),
        ("GET", "/offres/123ABC/pieces/cv.pdf", "GET /offres/{id}/{proxy+}",
         {"id": "123ABC", "proxy": "pieces/cv.pdf"}),
        ("DELETE", "/a/b/c", "DELETE /{proxy+}", {"proxy": "a/b/c"}),
        # The method takes part in the choice: DELETE falls through to the greedy route.
        ("DELETE", "/offres/1", "DELETE /{proxy+}", {"proxy": "offres/1"}),
    ],
)
def test_match_picks_the_most_specific_route(routes, method, path, route_key, params):
    route, found = match(routes, method, path)
    assert route.route_key == route_key
    assert found == params


@pytest.mark.parametrize("path", ["/", "/connexion/", "/compte", "/compte/", "/compte/a/b", "/offres//x"])
def test_match_returns_none_for_unknown_paths(routes, path):
    without_greedy = [r for r in routes if r.path != "/{proxy+}"]
    assert match(without_greedy, "GET", path) is None


def test_a_known_path_with_another_method_is_405(routes):
    without_greedy = [r for r in routes if r.path != "/{proxy+}"]
    with pytest.raises(MethodNotAllowedError) as caught:
        match(without_greedy, "PUT", "/connexion")
    assert caught.value.allowed == ["GET", "HEAD", "POST"]  # HEAD comes with GET
    # "DELETE /{proxy+}" also covers /connexion: Allow lists every method the path accepts.
    with pytest.raises(MethodNotAllowedError) as caught:
        match(routes, "PUT", "/connexion")
    assert caught.value.allowed == ["DELETE", "GET", "HEAD", "POST"]


def test_head_takes_the_get_route_unless_it_has_its_own(tmp_path):
    template = write(tmp_path, """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Events:
                Get: {Type: HttpApi, Properties: {Path: "/offres/{id}", Method: GET}}
                Post: {Type: HttpApi, Properties: {Path: /envoi, Method: POST}}
                Head: {Type: HttpApi, Properties: {Path: /propre, Method: HEAD}}
                GetOwn: {Type: HttpApi, Properties: {Path: /propre, Method: GET}}
                Files: {Type: HttpApi, Properties: {Path: "/fichiers/{proxy+}", Method: ANY}}
                FileGet: {Type: HttpApi, Properties: {Path: /fichiers/a, Method: GET}}
    """)
    routes = load_routes(template)
    route, params = match(routes, "HEAD", "/offres/123")
    assert (route.route_key, params) == ("GET /offres/{id}", {"id": "123"})
    assert match(routes, "HEAD", "/propre")[0].route_key == "HEAD /propre"
    # An ANY route takes HEAD as API Gateway would, even a less specific one.
    assert match(routes, "HEAD", "/fichiers/a")[0].route_key == "ANY /fichiers/{proxy+}"
    with pytest.raises(MethodNotAllowedError) as caught:
        match(routes, "HEAD", "/envoi")  # no GET: nothing to answer HEAD with
    assert caught.value.allowed == ["POST"]


def test_exact_method_wins_over_any(tmp_path):
    template = write(tmp_path, """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.b
              Events:
                Any: {Type: HttpApi, Properties: {Path: /x, Method: ANY}}
                Get: {Type: HttpApi, Properties: {Path: /x, Method: GET}}
    """)
    assert match(load_routes(template), "GET", "/x")[0].method == "GET"
    assert match(load_routes(template), "POST", "/x")[0].method == "ANY"


def test_an_event_without_path_is_the_default_route(tmp_path):
    template = write(tmp_path, """
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Events:
                Catch: {Type: HttpApi}
    """)
    routes = load_routes(template)
    assert default_route(routes).route_key == "$default"
    assert match(routes, "GET", "/anything") is None  # files come first; the app falls back


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("Handler: !Ref Thing", "Handler"),
        ("Handler: nodots", "Handler"),
        ("Handler: a.b\n      Events: {E: {Type: HttpApi, Properties: {Path: /x, Method: FETCH}}}", "method"),
        ("Handler: a.b\n      Events: {E: {Type: HttpApi, Properties: {Path: x, Method: GET}}}", "start with"),
        ("Handler: a.b\n      Events: {E: {Type: HttpApi, Properties: {Path: '/a{b}', Method: GET}}}", "whole segment"),
        ("Handler: a.b\n      Events: {E: {Type: HttpApi, Properties: {Path: '/{p+}/x', Method: GET}}}", "greedy"),
        ("Handler: a.b\n      Events: {E: {Type: HttpApi, Properties: {Path: /x, Method: GET}},"
         " F: {Type: HttpApi, Properties: {Path: /x, Method: get}}}", "declared by"),
    ],
)
def test_template_errors_are_refused(tmp_path, snippet, message):
    text = "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      " + snippet + "\n"
    if "Events" not in snippet:
        text += "      Events: {E: {Type: HttpApi, Properties: {Path: /x, Method: GET}}}\n"
    with pytest.raises(TemplateError, match=message):
        load_routes(write(tmp_path, text))


def test_unreadable_templates_are_refused(tmp_path):
    with pytest.raises(TemplateError):
        load_routes(tmp_path / "missing.yaml")
    with pytest.raises(TemplateError, match="Resources"):
        load_routes(write(tmp_path, "Description: nothing\n"))


def test_the_project_template_gives_routes():
    """infra/template.yaml itself parses, and each route names a handler in the package."""
    from pathlib import Path

    template = Path(__file__).resolve().parents[4] / "infra" / "template.yaml"
    for route in load_routes(template):
        assert route.handler.startswith("espace."), route
        assert route.code_dir == template.parent.parent / "functions"

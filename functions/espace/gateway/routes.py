"""Routes read from the SAM template, and API Gateway's route selection.

Every `AWS::Serverless::Function` event of `Type: HttpApi` becomes a `Route`; nothing else
declares routes, so a path works locally exactly when it is deployed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_ROUTE = "$default"
ANY = "ANY"
# Methods API Gateway accepts in a route key.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", ANY})
# The Lambda defaults SAM applies when the template says nothing.
DEFAULT_MEMORY_MB = 128
DEFAULT_TIMEOUT_S = 3

_PARAM = re.compile(r"^\{([A-Za-z0-9_.-]+)(\+?)\}$")


class TemplateError(ValueError):
    """The template cannot be turned into routes (the gateway refuses to start)."""


class MethodNotAllowedError(LookupError):
    """The path exists, but not with this method; `allowed` feeds the Allow header."""

    def __init__(self, allowed: list[str]):
        super().__init__(", ".join(allowed))
        self.allowed = allowed


@dataclass(frozen=True)
class Route:
    method: str  # "GET", … or "ANY"
    path: str  # "/offres/{id}", "/fichiers/{proxy+}" or "$default"
    handler: str  # import string, "espace.handlers.accounts.handler"
    function_id: str  # the template's logical id
    function_name: str = ""  # FunctionName when it is a plain string, else the logical id
    code_dir: Path | None = None  # CodeUri resolved against the template's folder
    api_id: str = "ServerlessHttpApi"  # the ApiId reference (SAM's implicit API otherwise)
    memory_mb: int = DEFAULT_MEMORY_MB
    timeout_s: int = DEFAULT_TIMEOUT_S

    @property
    def route_key(self) -> str:
        """The `routeKey` API Gateway puts in the event ("GET /offres/{id}" or "$default")."""
        return DEFAULT_ROUTE if self.path == DEFAULT_ROUTE else f"{self.method} {self.path}"


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation short-form tags (!Ref, !Sub, !GetAtt…) as {"Ref": …}-style values.

    A copy of tests/aws_resources.py's loader: the package cannot import from tests/.
    """


def _tag(loader, suffix, node):
    # "!Ref X" → {"Ref": "X"}, "!GetAtt A.B" → {"Fn::GetAtt": "A.B"}: the long form's shape.
    key = suffix if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        return {key: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {key: loader.construct_sequence(node, deep=True)}
    return {key: loader.construct_mapping(node, deep=True)}


_CfnLoader.add_multi_constructor("!", _tag)


def load_template(path: str | Path) -> dict:
    path = Path(path)
    try:
        template = yaml.load(path.read_text(encoding="utf-8"), Loader=_CfnLoader)
    except (OSError, yaml.YAMLError) as error:
        raise TemplateError(f"cannot read {path}: {error}") from error
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise TemplateError(f"{path} has no Resources section")
    return template


def load_routes(template_path: str | Path) -> list[Route]:
    """Every HttpApi event of every serverless function, in template order."""
    template_path = Path(template_path)
    template = load_template(template_path)
    globals_ = (template.get("Globals") or {}).get("Function") or {}
    routes: list[Route] = []
    seen: dict[tuple[str, str], str] = {}
    for logical_id, resource in template["Resources"].items():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = {**globals_, **(resource.get("Properties") or {})}
        for event_id, event in (props.get("Events") or {}).items():
            if not isinstance(event, dict) or event.get("Type") != "HttpApi":
                continue  # schedules, queues…: not HTTP
            route = _route(template_path, logical_id, props, event.get("Properties") or {})
            key = (route.method, route.path)
            if key in seen:
                # API Gateway refuses a duplicate route key at deploy time; so do we.
                raise TemplateError(f"route {route.route_key!r} declared by {seen[key]} and {logical_id}.{event_id}")
            seen[key] = f"{logical_id}.{event_id}"
            routes.append(route)
    return routes


def _route(template_path: Path, logical_id: str, props: dict, event_props: dict) -> Route:
    handler = props.get("Handler")
    if not isinstance(handler, str) or "." not in handler:
        raise TemplateError(f"{logical_id}: Handler must be a 'module.function' string, not {handler!r}")
    path = event_props.get("Path", DEFAULT_ROUTE)
    # An HttpApi event without Path/Method is SAM's catch-all "$default" route.
    method = str(event_props.get("Method", ANY)).upper() if path != DEFAULT_ROUTE else ANY
    if method not in METHODS:
        raise TemplateError(f"{logical_id}: unknown method {method!r}")
    if path != DEFAULT_ROUTE:
        _check_path(logical_id, path)
    code_uri = props.get("CodeUri")
    code_dir = (template_path.parent / code_uri).resolve() if isinstance(code_uri, str) else None
    api = event_props.get("ApiId")
    api_id = api["Ref"] if isinstance(api, dict) and isinstance(api.get("Ref"), str) else "ServerlessHttpApi"
    name = props.get("FunctionName")
    return Route(
        method=method,
        path=path,
        handler=handler,
        function_id=logical_id,
        function_name=name if isinstance(name, str) else logical_id,
        code_dir=code_dir,
        api_id=api_id,
        memory_mb=_int(props.get("MemorySize"), DEFAULT_MEMORY_MB),
        timeout_s=_int(props.get("Timeout"), DEFAULT_TIMEOUT_S),
    )


def _int(value, default: int) -> int:
    # Intrinsics ({"Ref": …}) cannot be evaluated here: keep SAM's default.
    return value if isinstance(value, int) else default


def _check_path(logical_id: str, path) -> None:
    if not isinstance(path, str) or not path.startswith("/"):
        raise TemplateError(f"{logical_id}: Path must start with '/', not {path!r}")
    segments = path.split("/")[1:]
    for index, segment in enumerate(segments):
        if "{" not in segment and "}" not in segment:
            continue
        found = _PARAM.match(segment)
        if not found:
            raise TemplateError(f"{logical_id}: a path parameter must fill a whole segment: {path!r}")
        if found.group(2) and index != len(segments) - 1:
            raise TemplateError(f"{logical_id}: a greedy parameter must end the path: {path!r}")


def _match_path(template: str, path: str) -> dict[str, str] | None:
    """Path parameters when `path` (already percent-decoded) fits `template`, else None."""
    wanted = template.split("/")[1:]
    given = path.split("/")[1:]
    params: dict[str, str] = {}
    for index, segment in enumerate(wanted):
        found = _PARAM.match(segment)
        if found and found.group(2):  # {proxy+}: one or more segments, the rest of the path
            rest = "/".join(given[index:])
            if not rest:
                return None
            params[found.group(1)] = rest
            return params
        if index >= len(given):
            return None
        if found:
            if not given[index]:
                return None  # "{id}" never matches an empty segment
            params[found.group(1)] = given[index]
        elif segment != given[index]:
            return None
    return params if len(given) == len(wanted) else None


def _specificity(template: str) -> tuple[int, ...]:
    # API Gateway prefers the most specific route: literal segments over "{x}", and greedy
    # "{x+}" last. Comparing these tuples left to right gives that order.
    ranks = []
    for segment in template.split("/")[1:]:
        found = _PARAM.match(segment)
        ranks.append(2 if found and found.group(2) else 1 if found else 0)
    return tuple(ranks)


def match(routes: list[Route], method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route API Gateway would pick for `method path`, with its path parameters.

    Returns None when no route has this path; raises MethodNotAllowedError when some do but
    with other methods. The "$default" route is never matched here (see `default_route`):
    locally the site's files come before it.

    HEAD without a HEAD or ANY route takes the GET route: deployed, the template's HEAD routes
    send it to the same function (tests/infra/test_head_routes.py), which answers it as GET
    without the body.
    """
    method = method.upper()
    candidates = []
    gets = []
    allowed: set[str] = set()
    for route in routes:
        if route.path == DEFAULT_ROUTE:
            continue
        params = _match_path(route.path, path)
        if params is None:
            continue
        allowed.add(route.method)
        if route.method in (method, ANY):
            # An exact method beats ANY on the same path.
            candidates.append((_specificity(route.path), route.method == ANY, route, params))
        elif route.method == "GET":
            gets.append((_specificity(route.path), False, route, params))
    if method == "HEAD" and not candidates:
        candidates = gets
    if candidates:
        _, _, route, params = min(candidates, key=lambda c: (c[0], c[1]))
        return route, params
    if allowed:
        raise MethodNotAllowedError(sorted(allowed | ({"HEAD"} if "GET" in allowed else set())))
    return None


def default_route(routes: list[Route]) -> Route | None:
    return next((route for route in routes if route.path == DEFAULT_ROUTE), None)

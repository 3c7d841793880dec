"""France Travail's "Offres d'emploi v2" JSON API, on this site's offer index.

A client written for https://api.francetravail.io/partenaire/offresdemploi/v2
works here with only the host changed: the API is served under the real path
prefix /partenaire/offresdemploi/v2 (and under /api/offresdemploi/v2, the site's
own), with the same parameter names, status codes and headers, and an OAuth2
token endpoint at the real path (espace.offers.api_token). A token is optional
(the offers are public); a bad one is a 401 as on the real API.

- GET …/v2/offres/search: 200 when every result is in the page, 206 when there
  are more, 204 (empty body) when nothing matches, with ``Content-Range:
  offres */0`` as the real API's document says, or when the range starts after
  the last result (``offres */total``). ``Content-Range: offres a-b/total`` and
  ``Accept-Range: offres 150`` otherwise. Parameters: espace.offers.api_params.
- GET …/v2/offres/<id>: the offer's v2 JSON as imported; 204 No Content when no
  offer has that number (the real API's answer, its document says « L'offre
  n'existe pas »: expired offers are removed by the importer), 400 for a
  malformed number.
- GET …/v2/referentiel/<name>: espace.offers.api_referentiel.
- GET …/v2/openapi.json: the OpenAPI document (api_openapi), its paths under the
  prefix it was asked under.

Errors are {"codeHttp": status, "message": "…"} like the real API's, not the site's
{"code": …} shape: a France Travail client reads this one.
"""

from __future__ import annotations

import json
import time

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.offers import api_params, api_token, services
from espace.offers.api_params import OFFER_ID, WINDOW, ApiError
from espace.offers.model import SearchResult

router = APIGatewayHttpRouter()
JSON = "application/json"
ACCEPT_RANGE = f"offres {WINDOW}"
# The real API's filtresPossibles, in its order: filter name -> (port facet, how a facet value reads
# as that parameter's value). Every valeurPossible is a value the same parameter accepts, so a
# client can re-query with it; nbResultats is then the total it gets.
FACETS = (
    ("typeContrat", "contract_type", lambda v: v),
    ("experience", "experience_level", lambda v: v),
    ("qualification", "executive", lambda v: {"true": "9", "false": "0"}.get(v)),
    ("natureContrat", "nature", lambda v: v),
)
# The value that counts the offers a facet leaves out (no experience level, no qualification).
UNSPECIFIED = {"experience": "0", "qualification": "X"}


def _json(status: int, payload, headers: dict | None = None) -> Response:
    return Response(status_code=status, content_type=JSON, body=json.dumps(payload, ensure_ascii=False),
                    headers={"Cache-Control": "no-store", **(headers or {})})


@router.exception_handler(ApiError)
def api_error(error: ApiError) -> Response:
    return _json(error.status, {"codeHttp": error.status, "message": error.message})


def _no_content(total: int) -> Response:
    # "*/total": RFC 9110's form for a range that selects nothing (total 0, or a start past the end).
    return Response(status_code=204, body="", headers={"Content-Range": f"offres */{total}",
                                                       "Accept-Range": ACCEPT_RANGE, "Cache-Control": "no-store"})


def possible_filters(result: SearchResult) -> list[dict]:
    filters = []
    for name, facet, convert in FACETS:
        counts: dict[str, int] = {}
        for value, count in (result.facets.get(facet) or {}).items():
            key = convert(value)
            if key is not None:
                counts[key] = counts.get(key, 0) + count
        if name in UNSPECIFIED:
            # Offers without the value count under "not specified", as the real API's 0 and X.
            counts[UNSPECIFIED[name]] = result.total - sum(n for k, n in counts.items() if k != UNSPECIFIED[name])
        counts = {k: n for k, n in counts.items() if n > 0}
        if counts:
            filters.append({"filtre": name, "agregation": [{"valeurPossible": v, "nbResultats": n}
                                                           for v, n in sorted(counts.items())]})
    return filters


@router.get("/offresdemploi/v2/offres/search", include_in_schema=False, middlewares=api_token.ON_API_ROUTES)
def search() -> Response:
    params = router.current_event.query_string_parameters or {}
    parsed = api_params.parse(params, rome=services.rome, places=services.places, now=int(time.time()))
    if parsed.query is None:
        return _no_content(0)
    result = services.offer_index().search(parsed.query)
    total = result.total
    if not result.hits:
        return _no_content(total)
    last = parsed.start + len(result.hits) - 1
    # 200 only when this page is the whole result, as the real API; any other page is partial.
    status = 200 if parsed.start == 0 and len(result.hits) == total else 206
    body = {"resultats": [hit.offer.raw for hit in result.hits], "filtresPossibles": possible_filters(result)}
    return _json(status, body, {"Content-Range": f"offres {parsed.start}-{last}/{total}",
                                "Accept-Range": ACCEPT_RANGE})


@router.get("/offresdemploi/v2/offres/<offer_id>", include_in_schema=False, middlewares=api_token.ON_API_ROUTES)
def offer(offer_id: str) -> Response:
    if not OFFER_ID.fullmatch(offer_id):
        raise ApiError(400, f"Identifiant d'offre incorrect : « {offer_id[:20]} ». Il compte 7 chiffres ou "
                            "lettres majuscules, par exemple 201WLXK.")
    found = services.offer_index().get(offer_id)
    if found is None:  # pourvue, retirée or expirée: the real API's 204, no body
        return Response(status_code=204, body="", headers={"Cache-Control": "no-store"})
    return _json(200, found.raw)


@router.get("/offresdemploi/v2/openapi.json", include_in_schema=False, middlewares=api_token.ON_API_ROUTES)
def openapi() -> Response:
    from espace.offers.api_openapi import document

    path = router.current_event.raw_path or ""
    return _json(200, document(path.removesuffix("/offresdemploi/v2/openapi.json")))

"""`/recherche`: search the information pages and fiches, server-rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.bootstrap import get_services
from espace.web.pages import renderer_for

if TYPE_CHECKING:  # the index module (and the stemmer's) is loaded with the index, on the first search
    from espace.infosearch.index import InfoHit

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]  # Powertools leaves __init__ untyped
MAX_QUERY = 200


@router.get("/recherche")
def site_search() -> Response[str]:
    services = get_services()
    renderer = renderer_for(services.settings)
    query = " ".join((router.current_event.query_string_parameters or {}).get("q", "").split())
    error: str | None = None
    hits: list[InfoHit] = []
    total = 0
    if len(query) > MAX_QUERY:
        error = f"Saisissez {MAX_QUERY} caractères au plus."
    elif query:
        hits, total = services.info_index.search(query)
    national = [h for h in hits if not h.region]
    regional = [h for h in hits if h.region]
    page = renderer.page("/recherche", "Rechercher sur le site")
    return renderer.render("site_search.html", page=page, query=query[:MAX_QUERY], national=national,
                           regional=regional, total=total, error=error, status=400 if error else 200,
                           error_list=[("q", error)] if error else [])

"""`/recherche`: search the information pages and fiches, server-rendered, by pages of 20."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.bootstrap import get_services
from espace.web.pages import renderer_for
from espace.web.paging import Pagination, linker, offset_page

if TYPE_CHECKING:  # the index module (and the stemmer's) is loaded with the index, on the first search
    from espace.infosearch.index import InfoHit

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]  # Powertools leaves __init__ untyped
MAX_QUERY = 200
PER_PAGE = 20


@router.get("/recherche")
def site_search() -> Response[str]:
    services = get_services()
    renderer = renderer_for(services.settings)
    params = router.current_event.query_string_parameters or {}
    query = " ".join(params.get("q", "").split())
    error: str | None = None
    too_vague = False
    hits: list[InfoHit] = []
    pagination: Pagination | None = None
    if len(query) > MAX_QUERY:
        error = f"Saisissez {MAX_QUERY} caractères au plus."
    elif query:
        from espace.infosearch.index import significant_words

        # « a », « le la »: not an error in what was typed, but nothing worth searching for
        # (such words are on every page): the page says so instead of listing 1,400 pages.
        too_vague = not significant_words(query)
        if not too_vague:
            hits, pagination = offset_page(
                params.get("page"), per_page=PER_PAGE, link=linker("/recherche", {"q": query}),
                fetch=lambda offset, limit: services.info_index.search(query, offset, limit))
    page = renderer.page("/recherche", "Rechercher sur le site")
    return renderer.render("site_search.html", page=page, query=query[:MAX_QUERY], hits=hits, pagination=pagination,
                           too_vague=too_vague, per_page=PER_PAGE, error=error, status=400 if error else 200,
                           error_list=[("q", error)] if error else [])

"""HTML routes of the offer search: the search page (four modes, results) and the offer page."""

from __future__ import annotations

import dataclasses
import re
from functools import partial
from typing import Any
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.offers import search_form
from espace.offers.offer_apply import how_to_apply, link
from espace.offers.offer_map import offer_map
from espace.offers.services import offer_index, places, rome
from espace.settings import get_settings
from espace.text import french_date, plural
from espace.web import paging
from espace.web.auth import current_context
from espace.web.errors import NotFoundError
from espace.web.pages import renderer_for

router = APIGatewayHttpRouter()
TRAIL = (("Offres d'emploi", "/offres/recherche"),)
COLUMNS = (("pertinence", "Pertinence"), ("offre", "Offre"), ("lieu", "Lieu de travail"),
           ("distance", "Distance"), ("contrat", "Type de contrat"), ("date", "Date d'émission"))
CONTRACT_LABELS = dict(search_form.CONTRACTS)
DISTANCE_OPTIONS = [("", "10 km (par défaut)"), ("0", "Dans la commune seulement")] + [
    (str(km), f"{km} km") for km in (5, 20, 30, 50, 100)]
MODE_TITLES = {"simple": "Recherche simplifiée", "avancee": "Recherche avancée", "numero": "Par numéro d'offre",
               "metier": "Par métier (code ROME)"}
SINCE_OPTIONS = [("", "Indifférent")] + [(d, f"{d} jour" + ("s" if d != "1" else "")) for d in search_form.SINCE]


def _params(event) -> tuple[dict[str, str], dict[str, list[str]]]:
    single = dict(event.query_string_parameters or {})
    # API Gateway joins repeated parameters with commas: typeContrat=CDI&typeContrat=CDD -> "CDI,CDD".
    multi = {"typeContrat": [single["typeContrat"]]} if "typeContrat" in single else {}
    return single, multi


def url_with(values: dict, **changes) -> str:
    merged = {**values, **changes}
    pairs = []
    for key, value in merged.items():
        if key in ("version",) and key not in changes:
            continue
        if isinstance(value, list):
            pairs += [(key, v) for v in value]
        elif value not in ("", None):
            pairs.append((key, value))
    return "/offres/recherche?" + urlencode(pairs)


@router.get("/offres/recherche")
def search_page():
    event = router.current_event
    renderer = renderer_for(get_settings())
    single, multi = _params(event)
    criteria = search_form.build(single, multi, rome(), places())
    if set(single) <= {"mode"}:
        # Opening a tab of the form (?mode=numero) is not sending it: no error before anything is typed.
        criteria.errors.clear()
    if criteria.redirect:
        return current_context().redirect(criteria.redirect)
    context: dict[str, Any] = {"criteria": criteria, "values": criteria.values, "errors": criteria.errors,
               "error_list": [(_field_id(name), message) for name, message in criteria.errors.items()],
               "contracts": search_form.CONTRACTS, "distance_options": DISTANCE_OPTIONS,
               "since_options": SINCE_OPTIONS, "url_with": url_with,
               "columns": COLUMNS, "contract_labels": CONTRACT_LABELS, "submitted": bool(single),
               "printable": criteria.values.get("version") == "imprimable"}
    if criteria.query is not None and single:
        context.update(_results(criteria))
    page = renderer.page("/offres/recherche", "Rechercher une offre d'emploi")
    status = 400 if criteria.errors else 200
    return renderer.render("offers/search.html", page=page, status=status,
                           title_detail=_title_detail(criteria, context), **context)


def _title_detail(criteria, context: dict) -> str:
    """What tells this state of the search page from the others, for its <title> (WCAG 2.4.2):
    the mode, what was asked, then the choice to make or the number of offers, and the page."""
    values = criteria.values
    detail = MODE_TITLES[criteria.mode]
    asked = criteria.appellation.label if criteria.appellation else criteria.value(
        {"numero": "numero", "metier": "codeROME"}.get(criteria.mode, "motsCles")) or criteria.value("metier")
    if asked:
        detail += f", « {asked[:60]} »"
    if values.get("lieu"):
        detail += f", {values['lieu'][:60]}"
    if criteria.job_choices:
        detail += " : choisissez le métier"
    elif criteria.place_choices or criteria.place_suggestions:
        detail += " : précisez le lieu"
    elif "result" in context:
        detail += f" : {plural(context['result'].total, 'offre')}"
        if context["page_number"] > 1:
            detail += f", page {context['page_number']} sur {context['pages']}"
    if context["printable"]:
        detail += ", version imprimable"
    return detail


def _field_id(name: str) -> str:
    return {"motsCles": "emploi-recherche", "lieu": "lieu-de-travail", "typeContrat": "type-de-contrat"}.get(name, name)


def _results(criteria) -> dict:
    values = criteria.values
    per_page = int(values["parPage"]) if values["parPage"] in search_form.PER_PAGE else 20
    query = criteria.query

    def fetch(offset: int, limit: int):
        result = offer_index().search(dataclasses.replace(query, offset=offset, limit=limit, facets=False))
        return result, result.total

    result, pagination = paging.offset_page(values["page"], per_page=per_page, fetch=fetch,
                                            link=partial(url_with, values), cap=search_form.MAX_RESULTS)
    return {"result": result, "pagination": pagination,
            "page_number": pagination.number, "pages": pagination.total_pages, "per_page": per_page,
            "shown": pagination.total_items,
            "exact_hits": [h for h in result.hits if h.group == "exact"],
            "close_hits": [h for h in result.hits if h.group == "close"],
            "sort": values["tri"] if values["tri"] in search_form.SORTS else "pertinence",
            "descending": values["ordre"] == "desc"}


OFFER_ID = re.compile(r"^[0-9A-Z]{7}$")


@router.get("/offres/<offer_id>")
def offer_page(offer_id: str):
    offer_id = offer_id.upper()
    offer = offer_index().get(offer_id) if OFFER_ID.match(offer_id) else None
    if offer is None:
        raise NotFoundError("Cette offre n'existe pas ou n'est plus disponible : elle a peut-être été pourvue ou "
                            "retirée par le recruteur. Lancez une nouvelle recherche pour trouver des offres proches.",
                            title="Offre introuvable")
    settings = get_settings()
    renderer = renderer_for(settings)
    raw = offer.raw
    page = renderer.page(f"/offres/{offer.id}", raw.get("intitule") or offer.title, TRAIL)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw.get("description") or "") if p.strip()]
    return renderer.render("offers/offer.html", page=page, offer=offer, raw=raw, paragraphs=paragraphs,
                           created=french_date(offer.created_at), contract_labels=CONTRACT_LABELS,
                           where=offer_map(offer, places(), settings.data_dir), apply=how_to_apply(raw),
                           external_link=link)

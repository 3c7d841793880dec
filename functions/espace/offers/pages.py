"""HTML routes of the offer search: the search page (four modes, results), the offer page, and
the commune nearest to a position (/offres/lieu-proche, JSON for the page script's « Autour de moi »).

Sorting: ``ordre=asc|desc`` is literal (``SearchQuery.descending``); without it a column has its
natural order (pertinence and date: best and newest first; the others ascending), which is also
the order of a column's first click. At most ``search_form.MAX_RESULTS`` results are ever shown;
the printable version shows them all on one page, with the criteria.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from functools import partial
from typing import Any
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter
from markupsafe import Markup, escape

from espace.candidatures.opening import offer_page_kind
from espace.offers import search_form, summary
from espace.offers.offer_apply import how_to_apply, link
from espace.offers.offer_map import offer_map
from espace.offers.services import offer_index, places, rome
from espace.settings import get_settings
from espace.text import french_date, plural
from espace.web import csrf, paging, pending
from espace.web.auth import current_context
from espace.web.errors import NotFoundError
from espace.web.pages import renderer_for

router = APIGatewayHttpRouter()
TRAIL = (("Offres d'emploi", "/offres/recherche"),)
COLUMNS = (("pertinence", "Pertinence"), ("offre", "Offre"), ("lieu", "Lieu de travail"),
           ("distance", "Distance"), ("contrat", "Type de contrat"), ("date", "Date d'émission"))
CONTRACT_LABELS = summary.CONTRACT_LABELS
DISTANCE_OPTIONS = [("", "10 km (par défaut)"), ("0", "Dans la commune seulement")] + [
    (str(km), f"{km} km") for km in (5, 20, 30, 50, 100)]
MODE_TITLES, SINCE_OPTIONS = summary.MODE_TITLES, summary.SINCE_OPTIONS


def _params(event) -> tuple[dict[str, str], dict[str, list[str]]]:
    single = dict(event.query_string_parameters or {})
    # API Gateway joins repeated parameters with commas: typeContrat=CDI&typeContrat=CDD -> "CDI,CDD".
    multi = {"typeContrat": [single["typeContrat"]]} if "typeContrat" in single else {}
    return single, multi


def url_with(values: dict, **changes) -> str:
    merged = {**values, **changes}
    pairs = []
    for key, value in merged.items():
        if key in ("version", "formulaire") and key not in changes:
            continue
        if isinstance(value, list):
            pairs += [(key, v) for v in value]
        elif value not in ("", None):
            pairs.append((key, value))
    return "/offres/recherche?" + urlencode(pairs)


def mode_links(criteria: search_form.Criteria) -> dict[str, str]:
    """Each tab of the form, filled with what was asked (WCAG 3.3.7): ``formulaire=1`` shows the
    form without searching, so a tab never answers with an error. The job goes to the tab's own
    field: the simple form's « Emploi recherché », the advanced form's « Métier »."""
    values = {k: v for k, v in criteria.values.items() if k not in ("page", "version", "formulaire", "numero")}
    label = criteria.appellation.label if criteria.appellation else ""
    code = criteria.appellation.rome_code if criteria.appellation else values["codeROME"]
    # The advanced « Métier » may hold a ROME code: the simple form shows it in its own field.
    metier_code = values["metier"].upper() if search_form.ROME_CODE.match(values["metier"].upper()) else ""
    return {
        "simple": url_with(values, mode="simple", codeROME=metier_code or values["codeROME"], metier="",
                           motsCles=label or values["motsCles"] or ("" if metier_code else values["metier"]),
                           formulaire="1"),
        "avancee": url_with(values, mode="avancee", metier=label or values["metier"],
                            motsCles="" if values["motsCles"] == label else values["motsCles"], formulaire="1"),
        # The number form has no other field, but its own tabs carry the criteria on.
        "numero": url_with(values, mode="numero", formulaire="1"),
        "metier": url_with(values, mode="metier", motsCles="", metier="", codeROME=code, formulaire="1"),
    }


@router.get("/offres/recherche")
def search_page():
    event = router.current_event
    renderer = renderer_for(get_settings())
    single, multi = _params(event)
    criteria = search_form.build(single, multi, rome(), places())
    if criteria.redirect:
        return current_context().redirect(criteria.redirect)
    printable = criteria.values.get("version") == "imprimable"
    context: dict[str, Any] = {"criteria": criteria, "values": criteria.values,
               "errors": {name: _linked(message) for name, message in criteria.errors.items()},
               "error_list": [(_field_id(name), message) for name, message in criteria.errors.items()],
               "contracts": search_form.CONTRACTS, "distance_options": DISTANCE_OPTIONS,
               "since_options": SINCE_OPTIONS, "url_with": url_with, "mode_links": mode_links(criteria),
               "columns": COLUMNS, "contract_labels": CONTRACT_LABELS, "rome_index": search_form.ROME_INDEX,
               "printable": printable, "sort": criteria.sort, "descending": criteria.descending,
               "natural_descending": search_form.NATURAL_DESCENDING, "place_note": _place_note(criteria)}
    if criteria.query is not None:
        context.update(_all_results(criteria) if printable else _results(criteria))
        context["summary"] = _summary(criteria)
        if not printable and summary.narrows(criteria.query):
            context["save_criteria_url"] = summary.save_path(criteria.values)
    page = renderer.page("/offres/recherche", "Rechercher une offre d'emploi")
    status = 400 if criteria.errors else 200
    return renderer.render("offers/search.html", page=page, status=status,
                           title_detail=_title_detail(criteria, context), **_classeur_form(), **context)


def _linked(message: str) -> str:
    """A field's message with « la liste des métiers » as a link to it (the error summary keeps
    the plain text: its entries are links to the fields already)."""
    words = "la liste des métiers"
    if words not in message:
        return message
    link = Markup('<a href="{}">{}</a>').format(search_form.ROME_INDEX, words)
    return Markup(link).join(escape(part) for part in message.split(words))


_area = summary.area


def _place_note(criteria) -> str:
    area = _area(criteria)
    return f"Offres situées {area}." if area.startswith("dans ") else ""


def _summary(criteria) -> list[tuple[str, str]]:
    """The criteria of the search as (label, value) pairs, for the printed page: with its sort."""
    direction = "décroissant" if criteria.descending else "croissant"
    return [*summary.rows(criteria, rome()), ("Tri", f"{dict(COLUMNS)[criteria.sort]}, ordre {direction}")]


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


def _split(result, shown: int) -> dict:
    return {"result": result, "shown": shown,
            "exact_hits": [h for h in result.hits if h.group == "exact"],
            "close_hits": [h for h in result.hits if h.group == "close"],
            "any_distance": any(h.distance_km is not None for h in result.hits)}


def _results(criteria) -> dict:
    values = criteria.values
    per_page = int(values["parPage"]) if values["parPage"] in search_form.PER_PAGE else 20
    query = criteria.query

    def fetch(offset: int, limit: int):
        result = offer_index().search(dataclasses.replace(query, offset=offset, limit=limit, facets=False))
        return result, result.total

    result, pagination = paging.offset_page(values["page"], per_page=per_page, fetch=fetch,
                                            link=partial(url_with, values), cap=search_form.MAX_RESULTS)
    return {**_split(result, pagination.total_items or 0), "pagination": pagination,
            "page_number": pagination.number, "pages": pagination.total_pages, "per_page": per_page}


def _all_results(criteria) -> dict:
    """The printable version: every result shown (the 150 first), on one page."""
    result = offer_index().search(dataclasses.replace(criteria.query, offset=0, limit=search_form.MAX_RESULTS,
                                                      facets=False))
    return {**_split(result, min(result.total, search_form.MAX_RESULTS)), "page_number": 1, "pages": 1,
            "per_page": search_form.MAX_RESULTS}


@router.get("/offres/lieu-proche")
def nearest_place():
    """« Autour de moi »: the commune nearest to a position, as JSON for the page script.

    The position comes from the browser and goes nowhere else (no external service)."""
    params = router.current_event.query_string_parameters or {}
    latitude, longitude = _degrees(params.get("lat"), 90), _degrees(params.get("lon"), 180)
    if latitude is None or longitude is None:
        return _json(400, {"message": "La position n'est pas valide : lat et lon sont attendus en degrés."})
    place = places().nearest_commune(latitude, longitude)
    if place is None:
        return _json(404, {"message": "Aucune commune française n'est proche de votre position : "
                                      "saisissez le lieu de travail."})
    return _json(200, {"code": place.code, "libelle": place.label, "lieuCode": f"commune:{place.code}"})


def _degrees(raw: str | None, limit: int) -> float | None:
    try:
        value = float(raw or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


def _json(status: int, payload: dict) -> Response:
    # A position is personal: neither the browser nor CloudFront keeps the answer.
    return Response(status_code=status, content_type="application/json",
                    body=json.dumps(payload, ensure_ascii=False), headers={"Cache-Control": "no-store"})


OFFER_ID = re.compile(r"^[0-9A-Z]{7}$")


def _classeur_form() -> dict[str, Any]:
    """What the « Ajouter au classeur » forms need: they post to the accounts function, with a
    token bound to the visitor's nonce cookie (this function reads no session); and what the
    accounts function said about it (« L'offre … est ajoutée »), carried by a signed cookie."""
    ctx = current_context()
    return {"csrf_field": csrf.FIELD, "csrf": ctx.visitor_csrf_token(),
            "here": ctx.request.path_with_query, "flashes": pending.take_notices(ctx)}


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
                           apply_here=offer_page_kind(raw, settings.site_url, offer.id),
                           external_link=link, **_classeur_form())

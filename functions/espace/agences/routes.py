"""« Je trouve mon agence »: the public agency finder, GET /agences and /agences/<agence>.

The finder is a GET form (a search: nothing changes, the result can be bookmarked and shared), read
by the places referential's ``resolve`` — a commune name, a postal code, « La Rochelle (17) »… A
postal code or a name shared by several communes gives a choice (links to ``?commune=<INSEE>``),
never a silent pick: the agency depends on the commune. What the referential does not know gets a
message with its close names. Every agency of the demo is fictional, and each page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_lambda_powertools.event_handler import Response

from espace.agences.model import Agencies, Agency
from espace.places.place import Place
from espace.places.referential import Places
from espace.places.resolve import MAX_INPUT
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, StringField, length, strip
from espace.web.request import FormData

router = AreaRouter()

PATH = "/agences"
TITLE = "Je trouve mon agence"
EMPTY = "Saisissez le nom de votre commune ou son code postal, par exemple « La Rochelle » ou « 17000 »."
REGION = ("Une région compte plusieurs agences : saisissez le nom de votre commune ou son code postal, par "
          "exemple « La Rochelle » ou « 17000 ».")
NOT_AGENCY = "Cette agence n'existe pas. Cherchez la vôtre à partir de votre commune ou de votre code postal."


class FinderForm(KitForm):
    lieu = StringField("Votre commune ou votre code postal", filters=[strip],
                       description="Par exemple : La Rochelle, ou 17000.",
                       validators=[length(MAX_INPUT, "Le nom de la commune")])


@dataclass
class Finding:
    """What a search found: an agency (for a commune, or a département), communes to choose
    from, close names, or an error message for the form."""

    agency: Agency | None = None
    place: Place | None = None
    choices: list[Place] | None = None
    suggestions: list[Place] | None = None
    error: str = ""

    @property
    def nearest(self) -> bool:
        """The agency is the nearest one: none serves the commune's territory."""
        place, agency = self.place, self.agency
        return (place is not None and agency is not None and place.kind == "commune"
                and place.code not in agency.communes and (place.departement or "") not in agency.departements)


def agencies_of_departement(agencies: Agencies, code: str) -> list[Agency]:
    return [agency for agency in agencies.all() if code in agency.departements]


def find(agencies: Agencies, places: Places, text: str) -> Finding:
    """The agency for what a visitor typed (already stripped)."""
    if not text:
        return Finding(error=EMPTY)
    if len(text) > MAX_INPUT:
        return Finding(error=f"Le nom de la commune doit contenir au plus {MAX_INPUT} caractères.")
    resolution = places.resolve(text)
    place = resolution.match
    if place is not None and place.kind == "commune":
        return for_commune(agencies, places, place.code)
    if place is not None and place.kind == "departement":
        serving = agencies_of_departement(agencies, place.code)
        if serving:
            return Finding(agency=serving[0], place=place)
        return Finding(place=place, error=f"Aucune agence n'accueille les habitants de {place.label}.")
    if place is not None:  # a région
        return Finding(error=REGION)
    if resolution.choices:
        communes = [choice for choice in resolution.choices if choice.kind == "commune"]
        if len(communes) == 1:
            return for_commune(agencies, places, communes[0].code)
        if communes:
            return Finding(choices=communes)
        return Finding(error=REGION)
    suggestions = [s for s in resolution.suggestions if s.kind == "commune"]
    if suggestions:
        return Finding(suggestions=suggestions, error=f"Nous ne trouvons pas de commune « {text} ». Vérifiez "
                                                       "l'orthographe, ou choisissez une des communes proposées.")
    return Finding(error=f"Nous ne trouvons pas de commune ni de code postal « {text} ». Vérifiez l'orthographe "
                         "ou saisissez le code postal, par exemple « 17000 ».")


def for_commune(agencies: Agencies, places: Places, insee: str) -> Finding:
    place = places.commune(insee)
    if place is None:
        return Finding(error="Cette commune n'existe pas. Saisissez le nom de votre commune ou son code postal.")
    agency = agencies.for_commune(place.code, places)
    if agency is None:
        return Finding(place=place, error=f"Aucune agence de la démonstration n'accueille les habitants de "
                                          f"{place.label}.")
    return Finding(agency=agency, place=place)


def served_label(agency: Agency, places: Places) -> list[str]:
    """The territory an agency serves, told after « les habitants de »: its départements, then
    single communes."""
    lines = []
    for code in agency.departements:
        departement = places.departement(code)
        lines.append(f"toutes les communes de {departement.label}" if departement
                     else f"toutes les communes du département {code}")
    for code in agency.communes:
        commune = places.commune(code)
        if commune is not None:
            lines.append(f"la commune de {commune.label}")
    return lines


@router.get(PATH)
def finder(ctx: Context) -> Response:
    services = ctx.services
    commune = ctx.request.query("commune")[:10]
    asked = "lieu" in (ctx.request.event.query_string_parameters or {})
    form = FinderForm(FormData({"lieu": [ctx.request.query("lieu")[:1000]]}) if asked else None)
    finding: Finding | None = None
    if commune:
        finding = for_commune(services.agencies, services.places, commune.strip().upper())
        if finding.place is not None:
            form.lieu.data = finding.place.label
    elif asked:
        form.validate()
        finding = find(services.agencies, services.places, form.lieu.data or "") if not form.errors else None
    if finding is not None and finding.error:
        form.add_error("lieu", finding.error)
    failed = bool(form.errors) or (finding is not None and finding.agency is None and not finding.choices)
    agency = finding.agency if finding else None
    title = f"{TITLE} : résultat" if agency else TITLE
    page = ctx.page(PATH, title)
    every = services.agencies.all() if finding is None else []
    return ctx.render("services/agences/finder.html", page, form=form, finding=finding, agency=agency,
                      served=served_label(agency, services.places) if agency else [],
                      every=every, departements={a.id: _departement(services.places, a) for a in every},
                      status=400 if failed else 200)


def _departement(places: Places, agency: Agency) -> str:
    found = places.departement(agency.departements[0]) if agency.departements else None
    return found.label if found else ""


@router.get(f"{PATH}/<agence>")
def agency_page(ctx: Context, agence: str) -> Response:
    agency = ctx.services.agencies.get(agence[:10].lower())
    if agency is None:
        raise NotFoundError(NOT_AGENCY, title="Agence introuvable")
    page = ctx.page(f"{PATH}/{agency.id}", agency.name, ((TITLE, PATH),))
    return ctx.render("services/agences/agency.html", page, agency=agency,
                      served=served_label(agency, ctx.services.places))

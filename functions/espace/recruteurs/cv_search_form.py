"""The CV bank's search form (a GET form: a search is a link to share and to come back to).

The métier and the place are chosen without JavaScript as on the CV's own target
(``espace.cv.targeting``): words naming one appellation are that appellation, several are listed
as radios in the same form, a ROME code is read as such; a place typed that names several is
listed the same way. Every criterion is optional: an empty search lists every published CV,
most recently updated first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from espace.cv.index import CvQuery
from espace.cv.model import CONTRACTS, LANGUAGES, LICENCES
from espace.cv.targeting import JobForm, PlaceForm, check_place
from espace.offers.job_choice import Wording, check_job
from espace.web.forms import CheckboxesField, RadioField, SelectField, StringField, choices, length, rule, strip
from espace.web.request import FormData

if TYPE_CHECKING:
    from wtforms import Field, Form

    from espace.web.context import Context

MAX_TEXT = 120
MAX_KEYWORDS = 200
MAX_QUERY = 4000  # characters of a search's address read: a longer one is cut, never an error
DISTANCES = (("10", "10 km"), ("20", "20 km"), ("30", "30 km"), ("50", "50 km"), ("100", "100 km"))
EXPERIENCES = (("", "Indifférente"), ("6", "6 mois au moins"), ("12", "1 an au moins"), ("24", "2 ans au moins"),
               ("60", "5 ans au moins"), ("120", "10 ans au moins"))
SEARCH_WORDING = Wording(missing="Saisissez le métier recherché, par exemple maçon, ou son code ROME.",
                         choose="choisissez celui que vous recherchez")
SEARCHED = "recherche"  # the form's hidden field: an empty search (every CV) is still a search


def _one_of(pairs: tuple[tuple[str, str], ...], message: str) -> Callable[[Form, Field], None]:
    return rule(lambda value: None if value in dict(pairs) else message)


class CvSearchForm(JobForm, PlaceForm):
    metier = StringField("Métier recherché", [length(MAX_TEXT, "Le métier")], filters=[strip],
                         description="Par exemple : maçon. Saisissez un ou plusieurs mots du métier.")
    appellation = RadioField("Choisissez le métier", choices=[], validate_choice=False)
    code_rome = StringField("Ou : code ROME du métier", [length(5, "Le code ROME")],
                            filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
                            description="Une lettre de A à N et 4 chiffres, par exemple F1703.")
    lieu = StringField("Lieu de travail", [length(MAX_TEXT, "Le lieu")], filters=[strip],
                       description="Une commune, un code postal, un département ou une région, par exemple "
                                   "La Rochelle, 17000, Charente-Maritime ou Nouvelle-Aquitaine.")
    lieu_code = RadioField("Précisez le lieu", choices=[], validate_choice=False)
    distance = SelectField("Distance autour de la commune", choices=choices(DISTANCES), default="30",
                           validate_choice=False,
                           validators=[_one_of(DISTANCES, "Choisissez une des distances de la liste.")],
                           description="Pour une commune : les candidats qui souhaitent travailler à cette "
                                       "distance au plus.")
    contrats = CheckboxesField("Types de contrat", choices=choices(CONTRACTS),
                               description="Les candidats qui recherchent l'un des contrats cochés.")
    experience = SelectField("Expérience professionnelle", choices=choices(EXPERIENCES), default="",
                             validate_choice=False,
                             validators=[_one_of(EXPERIENCES, "Choisissez une des durées d'expérience de la liste.")])
    langues = CheckboxesField("Langues", choices=choices(LANGUAGES),
                              description="Les candidats qui parlent toutes les langues cochées.")
    permis = CheckboxesField("Permis de conduire", choices=choices(LICENCES),
                             description="Les candidats qui ont tous les permis cochés.")
    mots_cles = StringField("Mots-clés", [length(MAX_KEYWORDS, "Les mots-clés")], filters=[strip],
                            description="Des mots présents dans le CV : compétence, logiciel, diplôme… Tous les "
                                        "mots saisis doivent y figurer.")


@dataclass(frozen=True)
class Search:
    form: CvSearchForm
    query: CvQuery | None  # None: the first visit, or a search with errors
    params: dict[str, list[str]]  # the search's parameters, to keep them in the paging links
    submitted: bool


def query_data(ctx: Context) -> FormData:
    raw = (ctx.request.event.raw_query_string or "")[:MAX_QUERY]
    data = FormData()
    for name, value in parse_qsl(raw, keep_blank_values=True, errors="replace"):
        if name in CvSearchForm.__dict__ or name in {SEARCHED, "appellation", "lieu_code"}:
            data.fields.setdefault(name, []).append(value[:MAX_KEYWORDS * 2])
    return data


def read(ctx: Context) -> Search:
    """The search of the request's query: the form (with its French messages) and the query."""
    data = query_data(ctx)
    params = {name: values for name, values in data.fields.items() if name not in {"page"}}
    if not data.fields:  # the first visit: the form alone (any criterion in the address is a search)
        return Search(CvSearchForm(None), None, {}, False)
    form = CvSearchForm(data)
    valid = form.validate()
    rome_codes: tuple[str, ...] = ()
    if form.metier.data or form.code_rome.data:
        job = check_job(form, ctx.services.rome, SEARCH_WORDING)
        if job is not None:
            # The métier's whole ROME fiche: a recruiter looking for « maçon » wants the CVs of every
            # appellation of masonry, not of the one word typed.
            rome_codes = (job.fiche.code,)
            if job.appellation is not None:  # what was understood, shown in the form
                form.metier.data = job.appellation.label
                form.appellation.choices, form.appellation.data = [], None
    place = check_place(form, ctx.services.places) if form.lieu.data else None
    if place is not None:
        form.lieu.data, form.lieu_code.choices, form.lieu_code.data = place.label, [], None
    if not valid or form.has_errors:
        return Search(form, None, params, True)
    query = CvQuery(rome_codes=rome_codes, place=place,
                    distance_km=int(form.distance.data or 30), contracts=tuple(form.contrats.data or ()),
                    min_experience_months=int(form.experience.data or 0), languages=tuple(form.langues.data or ()),
                    licences=tuple(form.permis.data or ()), keywords=form.mots_cles.data or "")
    return Search(form, query, params, True)

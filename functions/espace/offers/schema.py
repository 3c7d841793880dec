"""Validate one France Travail "Offres d'emploi v2" offer and normalize it into an ``Offer``.

``validate_offer(data, rome, places)`` returns an ``Offer`` or raises ``OfferError``
whose message names the field ("romeCode : …"). What is checked is what the
search needs; everything else is kept untouched in ``Offer.raw``.

Required
    id             7 characters, digits and capital letters, the first three digits:
                   ``^[0-9]{3}[0-9A-Z]{4}$``. Covers the Pôle emploi and France Travail
                   numbers ("143KJGB", "201WLXK") and older ones ("123456A",
                   "1234567"); refuses lower case, spaces and anything that could
                   not be an offer number in a URL.
    intitule       non-empty text, at most 500 characters.
    dateCreation   ISO 8601 ("2022-11-01T09:38:37.000Z"); without an offset, UTC.
    typeContrat    a code of 2 to 5 capital letters (CDI, CDD, MIS, SAI, DDI, LIB, FRA…);
                   the API has more codes than it documents, so the list is not closed.
    lieuTravail    an object with a non-empty ``libelle``.
    romeCode       a code of the ROME referential given.
    description    text (absent or null reads as empty), at most 20,000 characters.

Normalized (never a reason to refuse: unknown or odd values become None)
    place          ``lieuTravail.commune`` (INSEE, arrondissements included) gives
                   commune, département and région; coordinates are those of
                   ``lieuTravail`` when plausible, else the commune centre. Without a
                   known commune the libellé is resolved ("75 - Paris",
                   "38 - Isère", "Ile-de-France", "17 - LA ROCHELLE") to a
                   département, a région or a commune. ``place_label`` is the place's
                   label ("La Chapelle-Saint-Luc (10)"), else the libellé as given.
    monthly_salary_min
                   from ``salaire.libelle`` only (the comments are free text):
                   "Mensuel de 1800.00 Euros …" -> 1800; "Horaire de 15,00 Euros …"
                   -> 15 × 151.67 (the legal monthly hours of a 35 h week);
                   "Annuel de 30000 Euros …" -> 30000 / 12. "sur 13 mois" does not
                   change a monthly amount (it is the amount of each month's pay).
                   Rounded to the euro; below 100 or above 100,000 a month it is a
                   typing error (hourly typed as monthly…) and reads as None.
    duration_months
                   from ``typeContratLibelle`` ("… - 6 Mois" -> 6). Days and weeks
                   are rounded *up* to months of 31 days ("- 3 Jour(s)" -> 1,
                   "- 45 Jour(s)" -> 2), so a short mission still passes a
                   "1 month at most" filter and never passes a "2 months at least"
                   one; years -> 12 × n; none for a CDI or an unreadable libellé.
    full_time      "Temps plein" / "Temps partiel" of ``dureeTravailLibelleConverti``.
    experience     ``experienceExige`` when D, S or E.   executive: qualificationCode "9".
    training       each formation's domaineLibelle, niveauLibelle, libelle and
                   commentaire, joined (searched by keywords).
    appellation_code
                   ``appellationlibelle`` matched against the long or short labels of
                   the appellations of that romeCode, accents, case and spacing
                   ignored; None when it is not one of them (ROME 3 labels that moved).

The real API's other filters (espace.offers.codes reads the words as codes)
    nature         natureContrat libellé -> code (« Contrat apprentissage » -> E2).
    experience_level
                   the real API's experience value: 4 débutant accepté (D), else from
                   experienceLibelle: 1 under 12 months, 2 from 1 to 3 years, 3 over 3
                   years, 0 when no duration is given.
    weekly_minutes dureeTravailLibelle's hours (« 35H Horaires normaux » -> 2100,
                   « 24H30 » -> 1470); None when it gives none, or over 99 h.
    sector, naf_code
                   secteurActivite (else the 2 first digits of codeNAF) and codeNAF.
    origin, partners
                   origineOffre.origine, and the codes of origineOffre.partenaires[].nom.
    country        pays -> code (01 France); without pays, 01 when the place is a
                   French département; None for a country outside espace.offers.codes.
    education_levels, licences
                   formations[].niveauLibelle and permis[].libelle as codes.
    accessible_th, adapted_company, handi_engaged, few_candidates
                   accessibleTH, entreprise.entrepriseAdaptee, employeurHandiEngage,
                   offresManqueCandidats.
    fee_min        « Cachet de 150,00 Euros » (salaire.libelle) -> 150.0.
    Shapes: each field of SHAPES, when present and not null, must have its JSON type
    (contact an object, permis a list of objects, accessibleTH a boolean…), codeNAF
    the form 99.99X, secteurActivite two digits and origineOffre.origine 1 or 2:
    anything else refuses the offer with the field's name, as for the required fields.
    ``salaire`` and ``formations`` themselves stay as above (an odd one is dropped, as
    the search always did); what they hold, when they are an object and a list, is checked.

Withdrawn and filled offers
    A record whose ``statut`` (or ``etat``) is "pourvue" or "retiree" — case and
    accents ignored: "Retirée", "POURVUE" — is a *withdrawal notice*: only its
    ``id`` counts and the importer removes that offer from the index, e.g.
    ``{"id": "201WLXK", "statut": "pourvue"}``. "active", "publiee" or no status is an
    ordinary offer; any other status is refused, rather than indexing an offer
    that was perhaps meant to go. ``withdrawn_id(data)`` tells them apart.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from espace.offers import codes
from espace.offers.model import Offer
from espace.places import Place
from espace.places.referential import Places
from espace.places.resolve import name_key
from espace.rome import Referential

ID = re.compile(r"[0-9]{3}[0-9A-Z]{4}")
CONTRACT_TYPE = re.compile(r"[A-Z]{2,5}")
MAX_TITLE = 500
MAX_DESCRIPTION = 20_000
HOURS_PER_MONTH = 151.67
SALARY_BOUNDS = (100, 100_000)
DAYS_PER_MONTH = 31
WITHDRAWN = {"pourvue", "retiree"}
ACTIVE = {"", "active", "publiee"}

_SALARY = re.compile(
    r"^\s*(?P<period>mensuel|annuel|horaire)\s+de\s+(?P<amount>[0-9][0-9\s.,\u00a0\u202f]*?)\s*euros?\b",
    re.IGNORECASE)
_DURATION = re.compile(r"-\s*(?P<count>[0-9]{1,4})\s*(?P<unit>mois|jours?|semaines?|ans?|ann[ée]es?)\b",
                       re.IGNORECASE)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_WEEKLY = re.compile(r"^\s*(?P<hours>[0-9]{1,2})\s*h\s*(?P<minutes>[0-5][0-9])?", re.IGNORECASE)
NAF = re.compile(r"[0-9]{2}\.[0-9]{2}[A-Z]")
SECTOR = re.compile(r"[0-9]{2}")
OBJECT, LIST, TEXT, FLAG = dict, list, str, bool
# The optional fields the importer checks (dotted: inside an object; "[]": each item of a list).
SHAPES: dict[str, type] = {
    "contact": OBJECT, "agence": OBJECT, "contexteTravail": OBJECT, "origineOffre": OBJECT, "entreprise": OBJECT,
    "permis": LIST, "langues": LIST, "qualitesProfessionnelles": LIST,
    "competences": LIST, "permis[]": OBJECT, "langues[]": OBJECT,
    "qualitesProfessionnelles[]": OBJECT, "competences[]": OBJECT, "origineOffre.partenaires": LIST,
    "origineOffre.partenaires[]": OBJECT, "offresManqueCandidats": FLAG, "accessibleTH": FLAG,
    "employeurHandiEngage": FLAG, "alternance": FLAG, "entreprise.entrepriseAdaptee": FLAG,
    "secteurActivite": TEXT, "secteurActiviteLibelle": TEXT, "codeNAF": TEXT, "pays": TEXT, "natureContrat": TEXT,
    "deplacementCode": TEXT, "deplacementLibelle": TEXT, "experienceLibelle": TEXT, "experienceCommentaire": TEXT,
    "complementExercice": TEXT, "conditionExercice": TEXT, "trancheEffectifEtab": TEXT, "dureeTravailLibelle": TEXT,
    "entreprise.nom": TEXT, "entreprise.logo": TEXT, "entreprise.url": TEXT, "entreprise.description": TEXT,
    "salaire.libelle": TEXT, "salaire.commentaire": TEXT, "salaire.complement1": TEXT, "salaire.complement2": TEXT,
    "contact.nom": TEXT, "contact.coordonnees1": TEXT, "contact.coordonnees2": TEXT, "contact.coordonnees3": TEXT,
    "contact.courriel": TEXT, "contact.urlPostulation": TEXT, "origineOffre.urlOrigine": TEXT,
    "formations[].codeFormation": TEXT, "formations[].niveauLibelle": TEXT, "permis[].libelle": TEXT,
}
_TYPE_NAMES = {OBJECT: "un objet", LIST: "une liste", TEXT: "du texte", FLAG: "true ou false"}


class OfferError(ValueError):
    """An offer record the index cannot take; ``field`` names the culprit."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field} : {reason}")
        self.field = field
        self.reason = reason


def withdrawn_id(data: Any) -> str | None:
    """The id a withdrawal notice removes, or None for an ordinary offer (see the module docstring)."""
    if not isinstance(data, dict):
        return None
    for key in ("statut", "etat"):
        status = data.get(key)
        if status is None:
            continue
        if not isinstance(status, str):
            raise OfferError(key, "doit être du texte (pourvue, retiree ou active)")
        folded = name_key(status)
        if folded in WITHDRAWN:
            return _id(data)
        if folded not in ACTIVE:
            raise OfferError(key, f"« {status[:40]} » inconnu : attendu pourvue, retiree ou active")
    return None


def validate_offer(data: Any, rome: Referential, places: Places) -> Offer:
    if not isinstance(data, dict):
        raise OfferError("offre", "n'est pas un objet JSON")
    offer_id = _id(data)
    title = _text(data, "intitule", required=True, limit=MAX_TITLE)
    description = _text(data, "description", required=False, limit=MAX_DESCRIPTION)
    contract_type = data.get("typeContrat")
    if not isinstance(contract_type, str) or not CONTRACT_TYPE.fullmatch(contract_type):
        raise OfferError("typeContrat", f"« {str(contract_type)[:20]} » n'est pas un code de contrat (CDI, CDD, MIS…)")
    rome_code = data.get("romeCode")
    if not isinstance(rome_code, str) or rome_code not in rome.fiches:
        raise OfferError("romeCode", f"« {str(rome_code)[:20]} » n'est pas un code du ROME {rome.version}")
    lieu = data.get("lieuTravail")
    if not isinstance(lieu, dict):
        raise OfferError("lieuTravail", "absent ou n'est pas un objet")
    libelle = lieu.get("libelle")
    if not isinstance(libelle, str) or not libelle.strip():
        raise OfferError("lieuTravail.libelle", "absent ou vide")

    _check_shapes(data)
    place_fields = _place(lieu, libelle.strip(), places)
    return Offer(
        id=offer_id,
        title=title,
        description=description,
        training=_training(data.get("formations")),
        rome_code=rome_code,
        appellation_code=_appellation(rome, rome_code, data.get("appellationlibelle")),
        contract_type=contract_type,
        created_at=_epoch(data.get("dateCreation")),
        **place_fields,
        full_time={"temps plein": True, "temps partiel": False}.get(
            str(data.get("dureeTravailLibelleConverti") or "").strip().lower()),
        experience=data.get("experienceExige") if data.get("experienceExige") in ("D", "S", "E") else None,
        executive=None if data.get("qualificationCode") in (None, "") else str(data["qualificationCode"]) == "9",
        monthly_salary_min=monthly_salary(_get(data, "salaire", "libelle")),
        duration_months=None if contract_type == "CDI" else duration_months(data.get("typeContratLibelle")),
        company=(_get(data, "entreprise", "nom") or "").strip() or None,
        fee_min=fee(_get(data, "salaire", "libelle")),
        **_api_fields(data, place_fields.get("departement")),
        raw=data,
    )


def _values(data: Any, path: list[str]) -> list[tuple[str, Any]]:
    """(dotted name, value) of every value at ``path`` ("formations[]" walks the list)."""
    found = [("", data)]
    for step in path:
        name, each = step.removesuffix("[]"), step.endswith("[]")
        found = [(f"{where}.{name}" if where else name, value.get(name))
                 for where, value in found if isinstance(value, dict) and value.get(name) is not None]
        if each:
            found = [(f"{where}[{i}]", item) for where, items in found if isinstance(items, list)
                     for i, item in enumerate(items)]
    return found


def _check_shapes(data: dict) -> None:
    for path, kind in SHAPES.items():
        for where, value in _values(data, path.split(".")):
            # bool is an int in Python, never a text or an object; and JSON has no other bool.
            if not isinstance(value, kind) or (kind is not FLAG and isinstance(value, bool)):
                raise OfferError(where, f"doit être {_TYPE_NAMES[kind]}")
    for name, pattern, example in (("codeNAF", NAF, "82.11Z"), ("secteurActivite", SECTOR, "82")):
        if data.get(name) is not None and not pattern.fullmatch(data[name]):
            raise OfferError(name, f"« {data[name][:20]} » n'a pas la forme attendue (par exemple {example})")
    origin = _get(data, "origineOffre", "origine")
    if origin is not None and str(origin) not in ("1", "2"):
        raise OfferError("origineOffre.origine", f"« {str(origin)[:20]} » : 1 (France Travail) ou 2 (partenaire) "
                                                 "attendu")


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _api_fields(data: dict, departement: str | None) -> dict[str, Any]:
    """The fields the real API's other filters read (see the module docstring)."""
    naf = data.get("codeNAF") or None
    partners = [codes.partner_code(p.get("nom")) for p in _get(data, "origineOffre", "partenaires") or []]
    country = codes.country_code(data["pays"]) if data.get("pays") else codes.FRANCE if departement else None
    return dict(
        nature=codes.nature_code(data.get("natureContrat")),
        experience_level=codes.experience_level(data.get("experienceExige"), data.get("experienceLibelle")),
        weekly_minutes=weekly_minutes(data.get("dureeTravailLibelle")),
        sector=data.get("secteurActivite") or (naf[:2] if naf else None),
        naf_code=naf,
        origin=None if _get(data, "origineOffre", "origine") is None else str(data["origineOffre"]["origine"]),
        partners=tuple(dict.fromkeys(p for p in partners if p)),
        country=country,
        education_levels=_codes(data.get("formations"), "niveauLibelle", codes.education_code),
        licences=_codes(data.get("permis"), "libelle", codes.licence_code),
        accessible_th=_flag(data.get("accessibleTH")),
        adapted_company=_flag(_get(data, "entreprise", "entrepriseAdaptee")),
        handi_engaged=_flag(data.get("employeurHandiEngage")),
        few_candidates=_flag(data.get("offresManqueCandidats")),
    )


def _codes(items: Any, name: str, code_of) -> tuple[str, ...]:
    found = [code_of(item.get(name)) for item in items or [] if isinstance(item, dict)]
    return tuple(dict.fromkeys(code for code in found if code))


def weekly_minutes(libelle: Any) -> int | None:
    """« 35H Horaires normaux » -> 2100, « 24H30 » -> 1470; None without hours or over 99 h."""
    found = _WEEKLY.match(libelle) if isinstance(libelle, str) else None
    if found is None:
        return None
    minutes = 60 * int(found["hours"]) + int(found["minutes"] or 0)
    return minutes or None


def _id(data: dict) -> str:
    value = data.get("id")
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise OfferError("id", f"« {str(value)[:20]} » n'est pas un numéro d'offre "
                               "(7 caractères : 3 chiffres puis 4 chiffres ou lettres majuscules)")
    return value


def _text(data: dict, name: str, *, required: bool, limit: int) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise OfferError(name, "absent ou vide" if required else "doit être du texte")
    if len(value) > limit:
        raise OfferError(name, f"trop long ({len(value)} caractères, {limit} au plus)")
    # The title is trimmed; a description is kept as written (line breaks are its layout).
    return value.strip() if required else value


def _get(data: dict, outer: str, inner: str) -> Any:
    value = data.get(outer)
    return value.get(inner) if isinstance(value, dict) else None


def _epoch(value: Any) -> int:
    if not isinstance(value, str):
        raise OfferError("dateCreation", "absente ou n'est pas une date ISO 8601")
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise OfferError("dateCreation", f"« {value[:40]} » n'est pas une date ISO 8601") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


def _coordinates(lieu: dict) -> tuple[float | None, float | None]:
    try:
        lat, lon = float(lieu["latitude"]), float(lieu["longitude"])
    except (KeyError, TypeError, ValueError):
        return None, None
    if isinstance(lieu["latitude"], bool) or not (math.isfinite(lat) and math.isfinite(lon)):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None, None  # 0,0 is a blank form, not the Gulf of Guinea
    return lat, lon


def _place(lieu: dict, libelle: str, places: Places) -> dict[str, Any]:
    lat, lon = _coordinates(lieu)
    postal = lieu.get("codePostal")
    postal = postal if isinstance(postal, str) and re.fullmatch(r"[0-9]{5}", postal) else None
    code = lieu.get("commune")
    place: Place | None = places.commune(code) if isinstance(code, str) else None
    if place is None and isinstance(code, str) and re.fullmatch(r"[0-9]{5}|2[AB][0-9]{3}", code):
        # A commune merged since the referential was made: its département still holds.
        place = places.departement(code[:3] if code.startswith("97") else code[:2])
    if place is None:
        place = places.resolve(libelle).match
    if place is None:
        return dict(place_label=libelle, postal_code=postal, latitude=lat, longitude=lon)
    if lat is None and place.kind == "commune":
        lat, lon = place.latitude, place.longitude
    return dict(place_label=place.label, commune=place.code if place.kind == "commune" else None,
                postal_code=postal, departement=place.departement, region=place.region,
                latitude=lat, longitude=lon)


def _training(formations: Any) -> str:
    if not isinstance(formations, list):
        return ""
    parts = []
    for formation in formations:
        if isinstance(formation, dict):
            values = [formation.get(k) for k in ("domaineLibelle", "niveauLibelle", "libelle", "commentaire")]
            texts = [t.strip() for t in values if isinstance(t, str) and t.strip()]
            if texts:
                parts.append(", ".join(dict.fromkeys(texts)))
    return " ; ".join(parts)


_APPELLATIONS: dict[str, dict[str, str]] = {}  # rome code -> folded label -> appellation code
_APPELLATIONS_OF: list[Referential] = []  # the referential that table was built from


def _appellation(rome: Referential, rome_code: str, label: Any) -> str | None:
    if not isinstance(label, str) or not label.strip():
        return None
    if not _APPELLATIONS_OF or _APPELLATIONS_OF[0] is not rome:
        _APPELLATIONS.clear()
        _APPELLATIONS_OF[:] = [rome]
    table = _APPELLATIONS.get(rome_code)
    if table is None:
        # Keyed once per ROME code: folding ~30 labels for each of 200,000 offers would cost seconds.
        table = {}
        for appellation in rome.fiches[rome_code].appellations:
            table.setdefault(name_key(appellation.label), appellation.code)
            table.setdefault(name_key(appellation.short_label), appellation.code)
        _APPELLATIONS[rome_code] = table
    return table.get(name_key(label))


def _number(text: str) -> float | None:
    text = re.sub(r"[\s\u00a0\u202f]", "", text).rstrip(".,")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")  # "1.800" is one thousand eight hundred
    elif "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")  # "1.800,50"
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def monthly_salary(libelle: Any) -> int | None:
    """The lower bound of a v2 salary libellé, per month; None when absent or implausible."""
    if not isinstance(libelle, str):
        return None
    found = _SALARY.match(libelle)
    amount = _number(found["amount"]) if found else None
    if found is None or amount is None:
        return None
    period = found["period"].lower()
    monthly = amount * HOURS_PER_MONTH if period == "horaire" else amount / 12 if period == "annuel" else amount
    monthly = int(monthly + 0.5)
    return monthly if SALARY_BOUNDS[0] <= monthly <= SALARY_BOUNDS[1] else None


_FEE = re.compile(r"^\s*cachet\s+de\s+(?P<amount>[0-9][0-9\s.,\u00a0\u202f]*?)\s*euros?\b", re.IGNORECASE)


def fee(libelle: Any) -> float | None:
    """« Cachet de 150,00 Euros » -> 150.0: the lower bound of a salary paid per performance."""
    found = _FEE.match(libelle) if isinstance(libelle, str) else None
    amount = _number(found["amount"]) if found else None
    return amount if amount is not None and 0 < amount <= SALARY_BOUNDS[1] else None


def duration_months(libelle: Any) -> int | None:
    """"Contrat à durée déterminée - 6 Mois" -> 6; days and weeks rounded up to months."""
    if not isinstance(libelle, str):
        return None
    found = None
    for found in _DURATION.finditer(libelle):  # noqa: B007 (the last "- N unit" is the duration)
        pass
    if found is None or int(found["count"]) == 0:
        return None
    count, unit = int(found["count"]), found["unit"].lower()
    if unit.startswith("mois"):
        return count
    if unit.startswith("jour"):
        return math.ceil(count / DAYS_PER_MONTH)
    if unit.startswith("semaine"):
        return math.ceil(count * 7 / DAYS_PER_MONTH)
    return 12 * count

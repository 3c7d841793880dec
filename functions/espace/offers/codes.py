"""The code lists of France Travail's "Offres d'emploi v2" that offers and search parameters share.

An offer says its contract nature, its training level or its licence in words
(« Cont. professionnalisation », « Bac+2 ou équivalents », « B - Véhicule léger »);
the search parameters take codes (FS, NV3, B). These tables read the one as the
other, for the importer (espace.offers.schema) and the API (espace.offers.api_params).

Sources: natures and training levels are the real API's referentials
(``/referentiel/naturesContrats``, ``/referentiel/niveauxFormations``) as client
projects record them; the themes are the ROME's "arborescence thématique" (vendored in
data/rome, see its SOURCE.txt); the bordering départements are derived from the
communes (tools/derive_limitrophes.py, data/communes/departements_limitrophes.json).
Natures, training levels and countries are read from data/referentiels (the real API's
referentials, served again by espace.offers.api_referentiel): one list for both.
"""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path

from espace.places.resolve import name_key


def _data_dir() -> str:
    from espace.settings import PROJECT_ROOT, get_settings

    return getattr(get_settings(), "data_dir", None) or str(PROJECT_ROOT / "data")


def _referential(name: str) -> dict[str, str]:
    """Code -> libellé of a vendored referential of the real API (data/referentiels, the same
    files espace.offers.api_referentiel serves), in its order."""
    rows = json.loads(Path(_data_dir(), "referentiels", f"{name}.json").read_text(encoding="utf-8"))
    return {row["code"]: row["libelle"] for row in rows}


NATURES = _referential("naturesContrats")
EDUCATION_LEVELS = _referential("niveauxFormations")
COUNTRIES = _referential("pays")
FRANCE = "01"
# The real API's "experience" values (search parameter and filtresPossibles): 0 non précisé,
# 1 moins d'un an, 2 de 1 à 3 ans, 3 plus de 3 ans, and 4 débutant accepté, which the real
# filtresPossibles lists apart (about 45 % of its offers, the share of "D" offers).
EXPERIENCE_LEVELS: dict[str, str] = {"0": "Non précisé", "1": "Moins d'un an", "2": "De 1 à 3 ans",
                                     "3": "Plus de 3 ans", "4": "Débutant accepté"}

_EQUIVALENT = re.compile(r"(?:et|ou)equivalents?$")  # on name_key's spaceless form
_PARTNER = re.compile(r"[^A-Z0-9]+")


def _level_key(label: str) -> str:
    """« CAP, BEP et équivalents » and « CAP, BEP ou équivalent » are the same level."""
    return _EQUIVALENT.sub("", name_key(label))


_NATURE_CODES = {name_key(label): code for code, label in NATURES.items()}
# Offers also word a level their own way (seen in real offers).
EDUCATION_ALIASES = {"BEPC ou 3ème achevée": "C3A"}
_LEVEL_CODES = {_level_key(label): code for code, label in EDUCATION_LEVELS.items()} | {
    _level_key(label): code for label, code in EDUCATION_ALIASES.items()}
_COUNTRY_CODES = {name_key(label): code for code, label in COUNTRIES.items()}


def nature_code(label: object) -> str | None:
    """The code of a natureContrat libellé (or of a code given as such); None when unknown."""
    if not isinstance(label, str):
        return None
    return label.strip() if label.strip() in NATURES else _NATURE_CODES.get(name_key(label))


def education_code(label: object) -> str | None:
    return _LEVEL_CODES.get(_level_key(label)) if isinstance(label, str) else None


def country_code(label: object) -> str | None:
    return _COUNTRY_CODES.get(name_key(label)) if isinstance(label, str) else None


def licence_code(label: object) -> str | None:
    """« B - Véhicule léger » -> "B"; « Aucun permis » (no code before " - ") -> None."""
    if not isinstance(label, str) or " - " not in label:
        return None
    code = label.split(" - ", 1)[0].strip().upper()
    return code if re.fullmatch(r"[A-Z0-9]{1,4}", code) else None


def partner_code(name: object) -> str | None:
    """A partner as the ``partenaires`` parameter names it: « La bonne alternance » ->
    "LABONNEALTERNANCE" (accents, case, spaces and punctuation ignored)."""
    if not isinstance(name, str):
        return None
    return _PARTNER.sub("", name_key(name).upper()) or None


def experience_level(requirement: object, libelle: object) -> str:
    """The real API's experience value of an offer, from experienceExige and experienceLibelle."""
    if requirement == "D":
        return "4"
    months = experience_months(libelle)
    if months is None:
        return "0"
    return "1" if months < 12 else "2" if months <= 36 else "3"


_DURATION = re.compile(r"(?P<count>[0-9]{1,3})\s*(?P<unit>an|mois)", re.IGNORECASE)


def experience_months(libelle: object) -> int | None:
    """« 6 mois » -> 6, « 3 An(s) » -> 36, « Expérience exigée de 2 An(s) » -> 24; else None."""
    found = _DURATION.search(name_key(libelle)) if isinstance(libelle, str) else None
    if found is None:
        return None
    count = int(found["count"])
    return count if found["unit"].lower() == "mois" else 12 * count


def themes(data_dir: str | None = None) -> dict[str, tuple[str, frozenset[str]]]:
    """Theme code ("001") -> (libellé, its ROME codes)."""
    return _themes(data_dir or _data_dir())


@lru_cache(maxsize=2)
def _themes(data_dir: str) -> dict[str, tuple[str, frozenset[str]]]:
    found: dict[str, tuple[str, set[str]]] = {}
    for path in sorted(Path(data_dir, "rome").glob("unix_arborescence_thematique_*_utf8.csv")):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                found.setdefault(row["code_theme"], (row["libelle_theme"], set()))[1].add(row["code_rome"])
    return {code: (label, frozenset(codes)) for code, (label, codes) in sorted(found.items())}


def bordering(data_dir: str | None = None) -> dict[str, tuple[str, ...]]:
    """Département code -> the départements that border it."""
    return _bordering(data_dir or _data_dir())


@lru_cache(maxsize=2)
def _bordering(data_dir: str) -> dict[str, tuple[str, ...]]:
    table = json.loads(Path(data_dir, "communes", "departements_limitrophes.json").read_text(encoding="utf-8"))
    return {code: tuple(others) for code, others in table.items()}

"""The referentials of France Travail's "Offres d'emploi v2" API: GET /offresdemploi/v2/referentiel/<name>.

Each is a JSON array in the real API's shape (its OpenAPI schemas Referentiel, Commune, Departement,
Region), built once per process from the vendored data:

- communes: data/communes, one entry per commune and postal code (the schema has one codePostal),
  the municipal arrondissements of Paris, Lyon and Marseille included (offers are placed in them);
- departements (with their region) and regions: data/communes, metropolitan and overseas
  departments and regions (not the overseas collectivities, which the real referential lacks);
- metiers (ROME codes), appellations, domaines (domaines professionnels): data/rome;
- themes: the ROME's 17 themes (data/rome/unix_arborescence_thematique_*), numbered "01".."17" as the
  real API numbers them;
- typesContrats, naturesContrats, niveauxFormations, permis, langues, secteursActivites (NAF
  divisions), pays, continents: data/referentiels (see its SOURCE.txt), typesContrats completed with
  any code of espace.contract_types the file would lack.

Headers: ``Content-Range: <name> */<count>`` as the real API; the data changes only with a deploy,
so ``Cache-Control: public, max-age=86400`` and an ETag (``If-None-Match`` gets a 304).
An unknown name is a 404 in the API's {"codeHttp", "message"} shape.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.offers import api_token, services
from espace.offers.api_params import ApiError

router = APIGatewayHttpRouter()  # type: ignore[no-untyped-call]  # Powertools leaves __init__ untyped
Row = dict[str, Any]  # one entry of a referential
CACHE_CONTROL = "public, max-age=86400"
FILES = ("typesContrats", "naturesContrats", "niveauxFormations", "permis", "langues", "secteursActivites",
         "pays", "continents")
OVERSEAS_COLLECTIVITY = "com"  # zone of Saint-Pierre-et-Miquelon, Polynésie…: not in the real referential
# Postal code of each municipal arrondissement: Paris 751NN -> 750NN, Marseille 132NN -> 130NN,
# Lyon 6938N -> 6900N (the communes file gives the parent commune all of them).
ARRONDISSEMENT_POSTAL = (("751", "750"), ("132", "130"), ("6938", "6900"))


class Built(NamedTuple):
    body: str
    etag: str
    size: int


def _data_dir() -> Path:
    from espace.settings import get_settings

    return Path(get_settings().data_dir)


def _read_json(path: Path) -> list[Row]:
    rows: list[Row] = json.loads(path.read_text(encoding="utf-8"))
    return rows


def _pairs(items: Iterable[tuple[str, str]]) -> list[Row]:
    return [{"code": code, "libelle": label} for code, label in items]


def _arrondissement_postal(code: str) -> str | None:
    for prefix, postal_prefix in ARRONDISSEMENT_POSTAL:
        if code.startswith(prefix):
            return postal_prefix + code[len(prefix):]
    return None


def communes() -> list[Row]:
    from espace.places.referential import COMMUNES_FILE

    rows = []
    with (_data_dir() / "communes" / COMMUNES_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for postal in row["codes_postaux"].split() or [None]:
                entry = {"code": row["code_insee"], "libelle": row["nom"], "codePostal": postal,
                         "codeDepartement": row["departement_code"]}
                rows.append({k: v for k, v in entry.items() if v is not None})
    places = services.places()
    for code in places.arrondissement_codes():
        place = places.commune(code)
        if place is not None and place.departement:
            rows.append({"code": code, "libelle": place.label.removesuffix(f" ({place.departement})"),
                         "codePostal": _arrondissement_postal(code), "codeDepartement": place.departement})
    return sorted(rows, key=lambda r: (r["code"], r.get("codePostal", "")))


def _regions_by_code() -> dict[str, str]:
    return {r["code"]: r["nom"] for r in _read_json(_data_dir() / "communes" / "regions.json")
            if r.get("zone") != OVERSEAS_COLLECTIVITY}


def regions() -> list[Row]:
    return _pairs(sorted(_regions_by_code().items()))


def departements() -> list[Row]:
    names = _regions_by_code()
    return [{"code": d["code"], "libelle": d["nom"], "region": {"code": d["region"], "libelle": names[d["region"]]}}
            for d in _read_json(_data_dir() / "communes" / "departements.json") if d["region"] in names]


def metiers() -> list[Row]:
    return _pairs((code, fiche.title) for code, fiche in sorted(services.rome().fiches.items()))


def appellations() -> list[Row]:
    return _pairs((code, a.label) for code, a in sorted(services.rome().appellations.items(),
                                                        key=lambda item: int(item[0])))


def domaines() -> list[Row]:
    return _pairs((code, domaine.title) for code, domaine in sorted(services.rome().domaines.items()))


def themes() -> list[Row]:
    found: dict[str, str] = {}
    for path in sorted((_data_dir() / "rome").glob("unix_arborescence_thematique_*_utf8.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found.setdefault(f"{int(row['code_theme']):02d}", row["libelle_theme"])
    return _pairs(sorted(found.items()))


def _vendored(name: str) -> Callable[[], list[Row]]:
    def read() -> list[Row]:
        return _read_json(_data_dir() / "referentiels" / f"{name}.json")

    return read


def types_contrats() -> list[Row]:
    from espace.contract_types import CONTRACT_TYPES

    rows = _vendored("typesContrats")()
    known = {row["code"] for row in rows}
    return rows + _pairs((c.code, c.label) for c in CONTRACT_TYPES if c.code not in known)


BUILDERS: dict[str, Callable[[], list[Row]]] = {
    "communes": communes, "departements": departements, "regions": regions, "metiers": metiers,
    "appellations": appellations, "domaines": domaines, "themes": themes,
    **{name: _vendored(name) for name in FILES}, "typesContrats": types_contrats,
}
NAMES = tuple(sorted(BUILDERS))


@lru_cache(maxsize=len(BUILDERS))
def built(name: str, data_dir: str) -> Built:
    """The referential's JSON, once per process and data folder (tests switch folders)."""
    rows = BUILDERS[name]()
    body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return Built(body, '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"', len(rows))


@router.get("/offresdemploi/v2/referentiel/<name>", include_in_schema=False, middlewares=api_token.ON_API_ROUTES)
def referentiel(name: str) -> Response[str]:
    if name not in BUILDERS:
        raise ApiError(404, f"Référentiel inconnu : « {name[:40]} ». Référentiels : {', '.join(NAMES)}.")
    found = built(name, str(_data_dir()))
    headers = {"Content-Range": f"{name} */{found.size}", "Cache-Control": CACHE_CONTROL, "ETag": found.etag}
    if found.etag in (router.current_event.headers or {}).get("if-none-match", ""):
        return Response(status_code=304, body="", headers=headers)
    return Response(status_code=200, content_type="application/json", body=found.body, headers=headers)

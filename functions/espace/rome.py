"""Load the ROME 4.0 referential (France Travail open data) from its CSV export.

Columns are read by header name, not position, so a newer version of the
referential (same structure) can be dropped into ``data/rome`` unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

FILES = {
    "codes": "unix_referentiel_code_rome_*_utf8.csv",
    "appellations": "unix_referentiel_appellation_*_utf8.csv",
    "hierarchy": "unix_cr_gd_dp_*_utf8.csv",
    "texts": "unix_texte_*_utf8.csv",
    "mobility": "unix_rubrique_mobilite_*_utf8.csv",
    "coherence": "unix_coherence_item_*_utf8.csv",
    "items": "unix_item_*_utf8.csv",
}

# code_rubrique of an item -> the heading it goes under on a fiche.
ITEM_KINDS = {"1": "savoir_faire", "2": "savoir_etre", "3": "savoirs"}
CONTEXT_KIND = "contextes"


def _cp1252_repair() -> dict[int, str]:
    """Map C1 control characters to what they mean in Windows-1252.

    Some texts of the export carry "œ" as U+009C (a Windows-1252 byte decoded as
    Latin-1), e.g. "gros \x9cuvre"; the HTML spec forbids these code points.
    """
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = ""
    return table


C1_REPAIR = _cp1252_repair()
C1_CHARS = re.compile("[\x80-\x9f]")


class ReferentialError(Exception):
    """The referential files are missing or do not have the expected columns."""


class Item(NamedTuple):  # a tuple: ~100,000 of them, cheap to pickle
    label: str
    core: bool  # "Principale": belongs to the heart of the occupation
    emerging: bool


@dataclass
class Appellation:
    code: str
    label: str
    short_label: str
    rome_code: str
    main: bool
    rarely_used: bool


@dataclass
class Fiche:
    code: str
    title: str
    parent_code: str
    grand_domaine: str
    domaine: str
    regulated: bool | None
    executive: bool | None
    appellations: list[Appellation] = field(default_factory=list)
    definition: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    items: dict[str, list[Item]] = field(default_factory=lambda: defaultdict(list))
    close_codes: list[str] = field(default_factory=list)
    sub_codes: list[str] = field(default_factory=list)

    @property
    def is_sub_code(self) -> bool:
        return self.parent_code != self.code

    @property
    def published_appellations(self) -> list[Appellation]:
        """Appellations shown on the fiche: rarely used ones are left out, as in the official fiches."""
        return [a for a in self.appellations if not a.rarely_used]


@dataclass
class Domaine:
    code: str
    title: str
    grand_domaine: str
    fiche_codes: list[str] = field(default_factory=list)


@dataclass
class GrandDomaine:
    code: str
    title: str
    domaine_codes: list[str] = field(default_factory=list)


@dataclass
class Referential:
    fiches: dict[str, Fiche]
    domaines: dict[str, Domaine]
    grands_domaines: dict[str, GrandDomaine]
    appellations: dict[str, Appellation]
    version: str
    # Set by the rome_fiches plugin: appellation code -> (initial, two first letters) of its label.
    initials: dict[str, tuple[str, str]] = field(default_factory=dict)


def _rows(folder: Path, kind: str, required: set[str]):
    matches = sorted(folder.glob(FILES[kind]))
    if not matches:
        raise ReferentialError(f"{FILES[kind]} not found in {folder}")
    path = matches[-1]
    text = path.read_text(encoding="utf-8")
    if C1_CHARS.search(text):
        text = text.translate(C1_REPAIR)
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise ReferentialError(f"{path.name}: missing columns {sorted(missing)}")
        yield from reader


def _flag(value: str) -> bool | None:
    return {"O": True, "N": False}.get(value.strip())


def load_referential(folder: str | Path, *, light: bool = False) -> Referential:
    """The whole referential; ``light`` skips texts and skills (what the offer search does
    not need), which makes loading several times faster in a cold Lambda."""
    folder = Path(folder)
    fiches: dict[str, Fiche] = {}
    domaines: dict[str, Domaine] = {}
    grands: dict[str, GrandDomaine] = {}

    hierarchy_cols = {"code_rome", "code_grand_domaine", "libelle_grand_domaine"}
    hierarchy = {}
    for row in _rows(folder, "hierarchy", hierarchy_cols):
        # France Travail spells this column "professionel" in some exports.
        dp_code = row.get("code_domaine_professionnel") or row.get("code_domaine_professionel")
        dp_title = row.get("libelle_domaine_professionnel") or row.get("libelle_domaine_professionel")
        gd = grands.setdefault(
            row["code_grand_domaine"], GrandDomaine(row["code_grand_domaine"], row["libelle_grand_domaine"])
        )
        if dp_code not in domaines:
            domaines[dp_code] = Domaine(dp_code, dp_title, gd.code)
            gd.domaine_codes.append(dp_code)
        hierarchy[row["code_rome"]] = (gd.code, dp_code)

    code_cols = {"code_rome", "libelle_rome", "code_rome_parent", "emploi_reglemente", "emploi_cadre"}
    for row in _rows(folder, "codes", code_cols):
        code = row["code_rome"]
        gd_code, dp_code = hierarchy.get(code, (code[0], code[:3]))
        fiches[code] = Fiche(
            code=code,
            title=row["libelle_rome"],
            parent_code=row["code_rome_parent"] or code,
            grand_domaine=gd_code,
            domaine=dp_code,
            regulated=_flag(row["emploi_reglemente"]),
            executive=_flag(row["emploi_cadre"]),
        )
    for fiche in fiches.values():
        if fiche.domaine in domaines:
            domaines[fiche.domaine].fiche_codes.append(fiche.code)
        if fiche.is_sub_code and fiche.parent_code in fiches:
            fiches[fiche.parent_code].sub_codes.append(fiche.code)
    for domaine in domaines.values():
        domaine.fiche_codes.sort()

    appellations: dict[str, Appellation] = {}
    app_cols = {"code_ogr", "libelle_appellation_long", "libelle_appellation_court", "code_rome",
                "classification", "peu_usite"}
    for row in _rows(folder, "appellations", app_cols):
        appellation = Appellation(
            code=row["code_ogr"],
            label=row["libelle_appellation_long"],
            short_label=row["libelle_appellation_court"],
            rome_code=row["code_rome"],
            main=row["classification"] == "PRINCIPALE",
            rarely_used=row["peu_usite"] == "O",
        )
        appellations[appellation.code] = appellation
        if appellation.rome_code in fiches:
            fiches[appellation.rome_code].appellations.append(appellation)
    for fiche in fiches.values():
        fiche.appellations.sort(key=lambda a: (not a.main, a.label.casefold()))

    version = Path(sorted(folder.glob(FILES["codes"]))[-1]).stem.split("_")[-2]
    _load_mobility(folder, fiches)
    if light:
        return Referential(fiches, domaines, grands, appellations, version)

    texts = defaultdict(list)
    for row in _rows(folder, "texts", {"code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"}):
        # Apostrophes come doubled in some sentences ("d''encadrement"), an SQL-escaping leftover.
        sentence = row["libelle_texte"].replace("''", "'")
        texts[(row["code_rome"], row["libelle_type_texte"])].append((int(row["position_phrase"] or 0), sentence))
    for (code, kind), sentences in texts.items():
        if code in fiches:
            target = fiches[code].definition if kind == "definition" else fiches[code].access
            target.extend(text for _, text in sorted(sentences))

    items = {row["code_ogr"]: row for row in _rows(folder, "items", {"code_ogr", "libelle", "code_rubrique"})}
    for row in _rows(folder, "coherence", {"code_rome", "code_ogr", "coeur_metier"}):
        linked, item = fiches.get(row["code_rome"]), items.get(row["code_ogr"])
        if linked is None or item is None:
            continue
        kind = ITEM_KINDS.get(item["code_rubrique"], CONTEXT_KIND)
        linked.items[kind].append(
            Item(item["libelle"], row["coeur_metier"] == "Principale", row["coeur_metier"] == "Émergente")
        )
    for fiche in fiches.values():
        for values in fiche.items.values():
            # Core skills first, then alphabetical: the order a reader scans for.
            values.sort(key=lambda i: (not i.core, i.label.casefold()))
    return Referential(fiches, domaines, grands, appellations, version)


def _load_mobility(folder: Path, fiches: dict[str, Fiche]) -> None:
    proches = defaultdict(list)
    for row in _rows(folder, "mobility", {"code_rome", "code_rome_cible", "numero_ordre"}):
        proches[row["code_rome"]].append((int(row["numero_ordre"] or 0), row["code_rome_cible"]))
    for code, targets in proches.items():
        if code in fiches:
            fiches[code].close_codes = [c for _, c in sorted(targets) if c in fiches and c != code]

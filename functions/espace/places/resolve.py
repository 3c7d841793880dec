"""What a user types to name a place, read against the places referential (espace.places.referential).

Labels are the referential's ("La Rochelle (17)", "Charente-Maritime (département 17)",
"Nouvelle-Aquitaine"); ``resolve()`` reads them back to the same place.

``resolve(text)`` rules, in order:

1. Not a string, empty, or longer than ``MAX_INPUT`` characters: nothing (no
   suggestions either — a 10 KB paste is not worth a fuzzy scan).
2. "région X" / "département X" restricts to that kind (X a code or a name); this
   is the only way to give a région by *code*, because every région code is also
   a département code ("75" is Paris, not Nouvelle-Aquitaine).
3. Five digits: a **postal code** first (what people type), else an INSEE code.
   Use ``commune(insee)`` when the code is known to be INSEE. Several communes
   share a postal code: they become ``choices``.
4. An INSEE code with a letter ("2A004") or an arrondissement code ("75111").
5. A département code: "17", "2A", "2a", "974", "1" (read "01").
6. "17 - LA ROCHELLE" (France Travail's lieuTravail libellé), "La Rochelle (17)",
   "La Rochelle (17000)", "17000 La Rochelle": a name narrowed by a département or
   postal code.
7. A name, compared accent-, case-, hyphen-, space- and apostrophe-insensitively,
   with "St"/"Ste" read "Saint"/"Sainte" and "Rochelle (La)" read "La Rochelle":
   - one place of that name: ``match``;
   - several communes: always ``choices``, largest population first, never a
     silent pick ("Valence" gives the 26's, then the 16's, the 82's…; "La
     Rochelle" the 17's and the 70's): picking the largest sent people looking
     near Valence (16) to the Drôme;
   - a département or région name that is also a commune name: the département
     or région wins ("Vaucluse", "Landes", "Bretagne"), unless one of those
     communes has at least ``BIG_COMMUNE`` inhabitants ("Vienne", "Mayenne"):
     then ``choices``, the département or région first;
   - except that a département made of one commune *is* that commune: "Paris"
     gives the commune (which also allows a distance search);
   - a région and a département of the same name (the overseas ones) are the
     same territory: the département wins.
8. Otherwise ``suggestions``: up to 5 places whose name starts with the text,
   then close names (difflib ratio >= 0.75), largest population first on ties.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from espace.places.place import Place
from espace.text import fold

if TYPE_CHECKING:
    from espace.places.referential import _Commune

MAX_INPUT = 120  # the longest French commune name has 45 characters
MAX_SUGGESTIONS = 5
BIG_COMMUNE = 10_000
SUGGESTION_CUTOFF = 0.75

_DEP_CODE = re.compile(r"(?:[0-9]{1,3}|2[AB])", re.IGNORECASE)
_INSEE = re.compile(r"(?:[0-9]{5}|2[AB][0-9]{3})", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_KIND_PREFIX = re.compile(r"^(?P<kind>r[ée]gion|d[ée]partement|dept?)\s*(?:[:-]\s*)?(?P<rest>.+)$", re.IGNORECASE)
_FT_LIBELLE = re.compile(r"^(?P<code>[0-9]{2,3}|2[AB])\s+-\s+(?P<rest>.+)$", re.IGNORECASE)
_TRAILING = re.compile(r"^(?P<rest>.+?)\s*\((?P<code>[^()]{1,30})\)$")
_POSTAL_AND_NAME = re.compile(r"^(?:(?P<pc1>[0-9]{5})\s+(?P<n1>.+)|(?P<n2>.+?)\s+(?P<pc2>[0-9]{5}))$")
_ARTICLE = re.compile(r"^(le|la|les|l'|l’)$", re.IGNORECASE)


def name_key(text: str) -> str:
    """"Saint-Étienne", "ST ETIENNE", "saint etienne" -> "saintetienne"."""
    plain = fold(text).casefold()
    return "".join(_ABBREVIATIONS.get(word, word) for word in _WORD.findall(plain))


@dataclass(frozen=True)
class Resolution:
    """What ``Places.resolve`` understood: one place, a choice to make, or close names."""

    match: Place | None = None
    choices: list[Place] = field(default_factory=list)
    suggestions: list[Place] = field(default_factory=list)


class Resolver:
    """``resolve()`` for ``espace.places.Places``, which provides the lookups by code it calls
    (commune, departement, region, population, communes_of_postal_code, arrondissement_codes)
    and the ``_communes``, ``_departements``, ``_regions`` and ``_postal_index`` tables."""

    # --- provided by Places ----------------------------------------------------------
    _communes: dict[str, _Commune]
    _departements: dict[str, tuple[str, str]]  # code -> (name, region code)
    _regions: dict[str, str]  # code -> name

    @property
    def _postal_index(self) -> dict[str, list[str]]:
        raise NotImplementedError

    def commune(self, insee: str) -> Place | None:
        raise NotImplementedError

    def departement(self, code: str) -> Place | None:
        raise NotImplementedError

    def region(self, code: str) -> Place | None:
        raise NotImplementedError

    def population(self, insee: str) -> int:
        raise NotImplementedError

    def communes_of_postal_code(self, postal_code: str) -> list[Place]:
        raise NotImplementedError

    def arrondissement_codes(self) -> list[str]:
        raise NotImplementedError

    # --- names --------------------------------------------------------------------------
    def _known(self, kind: str, code: str) -> Place:
        """A place of the name index, whose codes all come from the referential itself."""
        getter = {"region": self.region, "departement": self.departement, "commune": self.commune}[kind]
        place = getter(code)
        if place is None:
            raise LookupError(f"{kind} {code} is in the name index but not in the referential")
        return place

    @cached_property
    def _name_index(self) -> dict[str, list[tuple[str, str]]]:
        """name key -> (kind, code) of that name: régions, départements, then communes by population.

        Codes, not Place objects: building 35,000 frozen dataclasses would double the cost."""
        index: dict[str, list[tuple[str, str]]] = {}
        for code, name in self._regions.items():
            index.setdefault(name_key(name), []).append(("region", code))
        for code, (name, _) in self._departements.items():
            index.setdefault(name_key(name), []).append(("departement", code))
        ordered = sorted(self._communes.items(), key=lambda item: (-item[1].population, item[0]))
        for code, row in ordered:
            index.setdefault(name_key(row.name), []).append(("commune", code))
        for code in self.arrondissement_codes():
            label = self._known("commune", code).label  # "Paris 11e arrondissement (75)"
            index.setdefault(name_key(label.rsplit(" (", 1)[0]), []).append(("commune", code))
        return index

    def _named(self, key: str) -> list[Place]:
        return [self._known(kind, code) for kind, code in self._name_index.get(key, ())]

    @cached_property
    def _sorted_keys(self) -> list[str]:
        return sorted(self._name_index)

    # --- what a user typed ---------------------------------------------------------
    def resolve(self, text: object) -> Resolution:
        if not isinstance(text, str):
            return Resolution()
        text = " ".join(text.split())
        if not text or len(text) > MAX_INPUT:
            return Resolution()
        return self._resolve(text, kind=None)

    def _resolve(self, text: str, kind: str | None) -> Resolution:
        prefixed = _KIND_PREFIX.match(text)
        if prefixed and kind is None:
            wanted = "region" if prefixed["kind"].lower().startswith("r") else "departement"
            by_code = self.region(prefixed["rest"]) if wanted == "region" else self.departement(prefixed["rest"])
            if by_code:
                return Resolution(match=by_code)
            return self._resolve(prefixed["rest"], kind=wanted)
        if kind is None:
            found = self._by_code(text)
            if found is not None:
                return found
            libelle = _FT_LIBELLE.match(text)
            if libelle and (area := self.departement(libelle["code"])):
                # Without a commune code, France Travail writes a département-wide offer this way.
                return self._narrowed(libelle["rest"], departement=area.code, prefer="departement")
            trailing = _TRAILING.match(text)
            if trailing:
                code = trailing["code"].strip()
                if _DEP_CODE.fullmatch(code) and (area := self.departement(code)):  # a commune label
                    return self._narrowed(trailing["rest"], departement=area.code, prefer="commune")
                if code.isdigit() and len(code) == 5:
                    return self._narrowed(trailing["rest"], postal_code=code)
                if _ARTICLE.match(code):  # "Rochelle (La)", the INSEE sorting form
                    return self._resolve(f"{code} {trailing['rest']}", kind=None)
                kind_code = _KIND_PREFIX.match(code)  # our own label: "Mayenne (département 53)"
                if (kind_code and kind_code["kind"].lower().startswith("d")
                        and (area := self.departement(kind_code["rest"]))):
                    return Resolution(match=area)
                if name_key(code) in {"departement", "region"}:
                    return self._resolve(trailing["rest"], kind=name_key(code))
            postal = _POSTAL_AND_NAME.match(text)
            if postal:
                return self._narrowed(postal["n1"] or postal["n2"], postal_code=postal["pc1"] or postal["pc2"])
        return self._by_name(text, kind)

    def _by_code(self, text: str) -> Resolution | None:
        if text.isdigit() and len(text) == 5:
            communes = self.communes_of_postal_code(text)
            if len(communes) == 1:
                return Resolution(match=communes[0])
            if communes:
                return Resolution(choices=communes)
        if _INSEE.fullmatch(text):
            commune = self.commune(text)
            return Resolution(match=commune) if commune else Resolution()
        if _DEP_CODE.fullmatch(text):
            departement = self.departement(text)
            return Resolution(match=departement) if departement else Resolution()
        return None

    def _narrowed(self, name: str, *, departement: str | None = None, postal_code: str | None = None,
                  prefer: str = "commune") -> Resolution:
        """A name within a département or postal code: "La Rochelle (17)", "17000 La Rochelle".

        ``prefer`` settles a commune named like its département ("Mayenne (53)")."""
        places = self._named(name_key(name))
        if departement:
            fits = [p for p in places if p.departement == departement and p.kind != "region"]
            fits = [p for p in fits if p.kind == prefer] or fits
        else:
            allowed = set(self._postal_index.get(postal_code or "", ()))
            fits = [p for p in places if p.kind == "commune" and p.code in allowed]
        if len(fits) == 1:
            return Resolution(match=fits[0])
        if fits:
            return Resolution(choices=fits)
        if departement:
            # "17 - Charente-Maritime" names the département; "17 - Ailleurs" still means the 17.
            return Resolution(match=self.departement(departement))
        return self._by_name(name, None)

    def _by_name(self, text: str, kind: str | None) -> Resolution:
        key = name_key(text)
        if not key:
            return Resolution()
        places = [p for p in self._named(key) if kind is None or p.kind == kind]
        if not places:
            return Resolution(suggestions=self._suggest(key, kind))
        areas = [p for p in places if p.kind != "commune"]
        communes = [p for p in places if p.kind == "commune"]  # largest first
        departements = [p for p in areas if p.kind == "departement"]
        if departements:
            # A région of the same name as a département is that département (Guadeloupe…).
            areas = departements
        whole = [c for c in communes if len(areas) == 1 and self._is_whole(areas[0], c)]
        if whole:
            return Resolution(match=whole[0])  # Paris
        if areas:
            big = [c for c in communes if self.population(c.code) >= BIG_COMMUNE]
            if len(areas) == 1 and not big:
                return Resolution(match=areas[0])
            return Resolution(choices=areas + big)
        if len(communes) == 1:
            return Resolution(match=communes[0])
        return Resolution(choices=communes)

    def _is_whole(self, area: Place, commune: Place) -> bool:
        """True when the département is that one commune (Paris)."""
        if area.kind != "departement" or commune.departement != area.code:
            return False
        return self._communes_per_departement.get(area.code) == 1

    @cached_property
    def _communes_per_departement(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self._communes.values():
            counts[row.departement] = counts.get(row.departement, 0) + 1
        return counts

    def _suggest(self, key: str, kind: str | None) -> list[Place]:
        names: list[str] = []
        if len(key) >= 3:
            keys = self._sorted_keys
            start = bisect.bisect_left(keys, key)
            while start < len(keys) and keys[start].startswith(key) and len(names) < 50:
                names.append(keys[start])
                start += 1
        close = difflib.get_close_matches(key, self._sorted_keys, n=MAX_SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
        prefixed = sorted(names, key=lambda k: -max(self._weight(p) for p in self._named(k)))
        suggestions: list[Place] = []
        for name in close + prefixed:
            for place in self._named(name):
                if (kind is None or place.kind == kind) and place not in suggestions:
                    suggestions.append(place)
        return suggestions[:MAX_SUGGESTIONS]

    def _weight(self, place: Place) -> int:
        return 10**9 if place.kind != "commune" else self.population(place.code)

"""The compétences of one ROME fiche, for the « spécificités » a CV's target ticks.

The services load the light referential (no texts, no skills): the full one takes ~3 s and
~100 MB, too much for a Lambda answering a form. One fiche's skills are instead read from the
two files that hold them — the fiche's lines of the coherence file, then the labels of those
items — in ~70 ms, and kept per process for the fiches asked for (a candidate opens the same
fiche several times in a row).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from espace.rome import C1_CHARS, C1_REPAIR, FILES, ITEM_KINDS

# The headings a fiche's skills go under, in the order the form shows them (the working
# contexts of a fiche are conditions of the job, not skills: they are left out).
KINDS = (("savoir_faire", "Savoir-faire"), ("savoirs", "Savoirs"), ("savoir_etre", "Savoir-être professionnels"))


@dataclass(frozen=True)
class Skill:
    code: str  # the item's OGR code: the checkbox's value
    label: str
    kind: str  # a KINDS code
    core: bool  # « Principale »: at the heart of the occupation


def _lines(folder: Path, kind: str, wanted) -> list[str]:
    """The lines of a referential file that ``wanted`` keeps, repaired as ``rome`` repairs them
    (only those: translating the whole 2 MB file costs a second)."""
    path = sorted(folder.glob(FILES[kind]))[-1]
    return [line.translate(C1_REPAIR) if C1_CHARS.search(line) else line
            for line in path.read_text(encoding="utf-8").splitlines() if wanted(line)]


@lru_cache(maxsize=64)
def fiche_skills(folder: str, rome_code: str) -> tuple[Skill, ...]:
    """The skills of fiche ``rome_code`` (core ones first, then alphabetical, as the fiches list
    them); empty for an unknown code or a referential without the skills files."""
    base = Path(folder)
    if not rome_code.isalnum() or not list(base.glob(FILES["coherence"])) or not list(base.glob(FILES["items"])):
        return ()
    prefix = f'"{rome_code}",'
    # The export writes one record per line (checked by the tests): the fiche's lines are found
    # by their first field before any CSV parsing.
    links = {row[1]: row[2] for row in csv.reader(_lines(base, "coherence", lambda line: line.startswith(prefix)))}
    skills = []
    for row in csv.reader(_lines(base, "items", lambda line: line[1:line.find('"', 1)] in links)):
        code, label, rubric = row[0], row[1], row[2]
        kind = ITEM_KINDS.get(rubric)
        if kind is not None:
            skills.append(Skill(code, label, kind, links[code] == "Principale"))
    return tuple(sorted(skills, key=lambda s: (not s.core, s.label.casefold())))


def skills_of(data_dir: str, rome_code: str) -> tuple[Skill, ...]:
    """``fiche_skills`` in the ROME folder of the settings' ``data_dir``."""
    return fiche_skills(str(Path(data_dir) / "rome"), rome_code)


def skills_by_kind(skills: tuple[Skill, ...]) -> list[tuple[str, str, list[Skill]]]:
    """(kind, heading, skills) for each kind the fiche has, in the form's order."""
    return [(kind, heading, [s for s in skills if s.kind == kind]) for kind, heading in KINDS
            if any(s.kind == kind for s in skills)]

"""A fiche's skills read from the two referential files agree with the full referential's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from espace.cv.skills import KINDS, fiche_skills, skills_by_kind, skills_of
from espace.rome import FILES, load_referential

ROME = Path(__file__).resolve().parents[4] / "data" / "rome"


@pytest.fixture(scope="module")
def full():
    return load_referential(ROME)


@pytest.mark.parametrize("code", ["F1703", "A1101", "M1805", "K2111", "G1224", "H2913"])
def test_the_skills_are_the_full_referentials(full, code):
    mine = fiche_skills(str(ROME), code)
    expected = [(item.label, item.core) for kind, _ in KINDS for item in full.fiches[code].items.get(kind, [])]
    assert sorted((s.label, s.core) for s in mine) == sorted(expected)
    assert mine and [s.core for s in mine] == sorted((s.core for s in mine), reverse=True)  # core ones first
    assert [kind for kind, _, _ in skills_by_kind(mine)] == [k for k, _ in KINDS if any(s.kind == k for s in mine)]


def test_one_record_per_line_as_the_reader_assumes():
    for kind in ("coherence", "items"):
        text = sorted(ROME.glob(FILES[kind]))[-1].read_text(encoding="utf-8")
        assert sum(1 for _ in csv.reader(io.StringIO(text))) == len(text.splitlines()), kind


def test_unknown_codes_and_missing_files_give_nothing(tmp_path):
    assert fiche_skills(str(ROME), "Z9999") == ()
    assert fiche_skills(str(ROME), '"F1703') == ()
    assert fiche_skills(str(tmp_path), "F1703") == ()
    assert skills_of(str(ROME.parent), "F1703") == fiche_skills(str(ROME), "F1703")

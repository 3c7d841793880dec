"""The ROME loader reads the vendored referential by column name."""

import csv
import shutil

import pytest

from espace.rome import ReferentialError, load_referential
from tests.conftest import ROOT

DATA = ROOT / "data" / "rome"


@pytest.fixture(scope="module")
def ref():
    return load_referential(DATA)


def test_counts_match_the_v460_release(ref):
    assert ref.version == "v460"
    assert len(ref.fiches) == 1584
    assert len(ref.grands_domaines) == 14
    assert len(ref.domaines) == 110
    assert len(ref.appellations) == 13120


def test_sub_codes_hang_under_their_parent(ref):
    sub = ref.fiches["A1102"]
    assert sub.is_sub_code and sub.parent_code == "A1101"
    assert "A1102" in ref.fiches["A1101"].sub_codes
    assert sum(1 for f in ref.fiches.values() if not f.is_sub_code) == 532


def test_rarely_used_appellations_are_not_published(ref):
    rare = [a for a in ref.appellations.values() if a.rarely_used]
    assert len(rare) == 199
    fiche = ref.fiches[rare[0].rome_code]
    assert rare[0] in fiche.appellations
    assert rare[0] not in fiche.published_appellations


def test_texts_are_in_sentence_order_and_repaired(ref):
    definition = ref.fiches["A1101"].definition
    assert definition[0] == "Réalise des travaux agricoles mécanisés."
    access = " ".join(ref.fiches["F1703"].access)
    assert "gros œuvre" in access  # a Windows-1252 "œ" stored as U+009C in the export
    assert "''" not in access and "d'encadrement" in access


def test_skills_knowledge_and_close_occupations(ref):
    fiche = ref.fiches["A1101"]
    assert fiche.items["savoir_faire"] and fiche.items["savoirs"]
    # Core skills are listed first.
    cores = [item.core for item in fiche.items["savoir_faire"]]
    assert cores == sorted(cores, reverse=True)
    assert fiche.close_codes and all(code in ref.fiches for code in fiche.close_codes)
    assert fiche.grand_domaine == "A" and fiche.domaine == "A11"


def test_columns_are_read_by_name_not_position(tmp_path):
    shutil.copytree(DATA, tmp_path / "rome")
    path = tmp_path / "rome" / "unix_rubrique_mobilite_v460_utf8.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["numero_ordre", "code_rome_cible", "code_rome"])
        writer.writeheader()
        writer.writerows(rows)
    copied, original = load_referential(tmp_path / "rome"), load_referential(DATA)
    assert copied.fiches["A1101"].close_codes == original.fiches["A1101"].close_codes


def test_missing_column_is_a_clear_error(tmp_path):
    shutil.copytree(DATA, tmp_path / "rome")
    path = tmp_path / "rome" / "unix_rubrique_mobilite_v460_utf8.csv"
    path.write_text('"code_rome","autre"\n"A1101","x"\n', encoding="utf-8")
    with pytest.raises(ReferentialError, match="code_rome_cible"):
        load_referential(tmp_path / "rome")

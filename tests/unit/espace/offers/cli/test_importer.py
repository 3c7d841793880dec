"""The importer, against the real embedded engine (SqliteOfferIndex on a temporary file)."""

from __future__ import annotations

import copy
import json

import pytest

from espace.adapters.offers_sqlite import SqliteOfferIndex
from espace.offers.cli import importer
from espace.offers.cli.generator import generate
from espace.offers.cli.importer import import_offers
from tests.unit.espace.offers.conftest import FIXTURES, NOW


@pytest.fixture
def index(tmp_path):
    return SqliteOfferIndex(tmp_path / "offres.db")


@pytest.fixture
def run(rome, places):
    def run(sources, index, **options):
        return import_offers(sources, index, rome=rome, places=places, progress=False, **options)
    return run


def write(path, offers, wrapped=True):
    path.write_text(json.dumps({"resultats": offers} if wrapped else offers, ensure_ascii=False), encoding="utf-8")
    return path


def test_folder_import_takes_every_sample_offer(run, index):
    report = run(FIXTURES, index)
    assert len(report.files) == 3 and report.ok
    assert (report.read, report.new, report.updated, report.unchanged) == (304, 304, 0, 0)
    assert not report.rejected and index.count() == 304
    assert index.get("143KJGB").place_label == "La Chapelle-Saint-Luc (10)"


def test_reimport_changes_nothing(run, index):
    run(FIXTURES, index)
    again = run(FIXTURES, index)
    assert (again.new, again.updated, again.unchanged, again.withdrawn, again.removed) == (0, 0, 304, 0, 0)
    assert "0 offre nouvelle" in again.summary() and "304 offres inchangées" in again.summary()


def test_a_changed_offer_is_updated(run, index, sample_offers, tmp_path):
    offers = copy.deepcopy(sample_offers[:5])
    run(write(tmp_path / "a.json", offers), index)
    offers[2]["intitule"] = "Nouvel intitulé (H/F)"
    report = run(write(tmp_path / "a.json", offers), index)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 4)
    assert index.get(offers[2]["id"]).title == "Nouvel intitulé (H/F)"


def test_rejected_records_are_reported_and_valid_ones_kept(run, index, sample_offers, tmp_path):
    offers = copy.deepcopy(sample_offers[:6])
    offers[1]["romeCode"] = "Z9999"
    del offers[3]["intitule"]
    offers.insert(4, "pas une offre")
    offers.append({"id": "bad id"})
    report = run(write(tmp_path / "mixed.json", offers), index)
    assert report.new == 4 and index.count() == 4
    found = [(r.position, r.offer_id, r.reason.split(" :")[0]) for r in report.rejected]
    assert found == [(1, sample_offers[1]["id"], "romeCode"), (3, sample_offers[3]["id"], "intitule"),
                     (4, None, "offre"), (7, "bad id", "id")]
    assert str(report.rejected[0]).startswith(f"{tmp_path / 'mixed.json'} resultats[1] (offre ")
    assert "Z9999" in report.rejected[0].reason


def test_withdrawal_notices_remove_offers(run, index, sample_offers, tmp_path):
    run(write(tmp_path / "a.json", sample_offers[:10]), index)
    notices = [{"id": sample_offers[0]["id"], "statut": "pourvue"}, {"id": sample_offers[1]["id"], "etat": "Retirée"},
               {"id": "999ZZZZ", "statut": "retiree"}]  # unknown: nothing to remove
    report = run(write(tmp_path / "b.json", notices, wrapped=False), index)
    assert report.withdrawn == 2 and index.count() == 8 and not report.rejected
    assert index.get(sample_offers[0]["id"]) is None


def test_order_within_a_source_decides(run, index, sample_offers, tmp_path):
    first, second = sample_offers[:2]
    records = [first, {"id": first["id"], "statut": "pourvue"}, {"id": second["id"], "statut": "pourvue"}, second]
    run(write(tmp_path / "a.json", records), index)
    assert index.ids() == {second["id"]}


def test_full_import_removes_absent_offers(run, index, sample_offers, tmp_path):
    run(FIXTURES, index)
    kept = sample_offers[:20]
    report = run(write(tmp_path / "today.json", kept), index, full=True)
    assert report.removed == 284 and report.unchanged == 20
    assert index.ids() == {o["id"] for o in kept}


def test_full_import_keeps_offers_whose_record_was_rejected(run, index, sample_offers, tmp_path):
    run(write(tmp_path / "a.json", sample_offers[:3]), index)
    broken = copy.deepcopy(sample_offers[:3])
    broken[0]["dateCreation"] = "hier"
    report = run(write(tmp_path / "a.json", broken), index, full=True)
    assert report.removed == 0 and len(report.rejected) == 1 and index.count() == 3


def test_full_import_of_a_broken_file_removes_nothing(run, index, sample_offers, tmp_path):
    run(FIXTURES, index)
    text = json.dumps({"resultats": sample_offers[:10]})
    (tmp_path / "cut.json").write_text(text[: len(text) // 2], encoding="utf-8")
    report = run(tmp_path / "cut.json", index, full=True)
    assert not report.ok and report.removed == 0 and index.count() == 304
    assert "cut.json" in report.errors[0] and "JSON invalide" in report.errors[0]
    assert any("n'ont pas été supprimées" in e for e in report.errors)


def test_missing_sources_are_errors(run, index, tmp_path):
    (tmp_path / "empty").mkdir()
    report = run([tmp_path / "nowhere.json", tmp_path / "empty"], index, full=True)
    assert len(report.errors) == 3 and report.removed == 0


def test_duplicates_last_one_wins(run, index, sample_offers, tmp_path):
    first = copy.deepcopy(sample_offers[0])
    later = {**first, "intitule": "Deuxième version"}
    report = run(write(tmp_path / "a.json", [first, later]), index)
    assert report.duplicates == 1 and report.new == 1
    assert index.get(first["id"]).title == "Deuxième version"


def test_batches_and_a_bare_list(run, index, rome, places, tmp_path):
    offers = list(generate(250, 5, NOW, rome=rome, places=places))
    report = run(write(tmp_path / "gen.json", offers, wrapped=False), index, batch_size=40)
    assert (report.read, report.new) == (250, 250) and index.count() == 250
    assert run(tmp_path / "gen.json", index, batch_size=40).unchanged == 250


def test_cli(index, tmp_path, sample_offers, capsys):
    write(tmp_path / "a.json", [*sample_offers[:3], {"id": "nope"}])
    code = importer.main([str(tmp_path / "a.json"), "--no-progress"], index_factory=lambda url: index)
    captured = capsys.readouterr()
    assert code == 0 and index.count() == 3
    assert "3 offres nouvelles" in captured.out
    assert "Refusé : " in captured.err and "resultats[3]" in captured.err
    assert importer.main([str(tmp_path / "absent.json")], index_factory=lambda url: index) == 1


def test_malformed_real_api_fields_are_rejected_per_offer(run, index, sample_offers, tmp_path):
    offers = copy.deepcopy(sample_offers[:4])
    offers[0]["contact"] = "Mme Dupont, 05 46 00 00 00"
    offers[1]["permis"] = [{"libelle": "B - Véhicule léger"}]
    offers[1]["origineOffre"] = {"origine": "2", "partenaires": [{"nom": "La Bonne Alternance"}]}
    offers[2]["offresManqueCandidats"] = "oui"
    report = run(write(tmp_path / "a.json", offers), index)
    assert [(r.position, r.reason) for r in report.rejected] == [
        (0, "contact : doit être un objet"), (2, "offresManqueCandidats : doit être true ou false")]
    assert index.get(offers[1]["id"]).partners == ("LABONNEALTERNANCE",)
    assert index.get(offers[1]["id"]).licences == ("B",)
    again = run(write(tmp_path / "a.json", offers), index)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)  # the lists read back equal

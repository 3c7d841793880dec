"""A counsellor's letter's text in paragraphs, and the agency index's name search."""

from __future__ import annotations

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.conseillers.dossier_letter import paragraphs
from espace.dossier import agency_index


def test_blank_lines_part_paragraphs_and_single_breaks_stay_lines():
    text = "Bonjour Madame,\r\n\r\nVenez le 3.\nÀ 9 h.\n\n\n\n  Cordialement  "
    assert paragraphs(text) == [["Bonjour Madame,"], ["Venez le 3.", "À 9 h."], ["Cordialement"]]
    assert paragraphs("   \n\n ") == []


def test_the_name_search_folds_accents_and_case_and_needs_every_word(tmp_path):
    records = SqliteRecordStore(tmp_path / "records.db")
    for identifier, name in (("1234567K", "Hélène DURAND"), ("7654321A", "Héloïse Martin"),
                             ("1111111B", "Paul Durandal")):
        records.transact([agency_index.entry("17", identifier, identifier.lower(), name)])
    records.transact([agency_index.entry("33", "2222222C", "x", "Hélène Durand")])
    found, more = agency_index.search(records, "17", "helene durand")
    assert [item["identifier"] for item in found] == ["1234567K"] and not more
    found, _ = agency_index.search(records, "17", "DURAND")
    assert [item["name"] for item in found] == ["Hélène DURAND", "Paul Durandal"]
    found, more = agency_index.search(records, "17", "e", limit=1)
    assert len(found) == 1 and more
    assert agency_index.get(records, "33", "1234567K") is None  # another agency's index

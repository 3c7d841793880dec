"""The streaming reader: both file shapes, records split across chunks, and bad files."""

from __future__ import annotations

import json

import pytest

from espace.offers.cli import jsonstream
from espace.offers.cli.jsonstream import JsonStreamError, iter_records
from tests.unit.espace.offers.conftest import FIXTURES


@pytest.fixture(params=[7, 4096, 1 << 20], ids=["tiny-chunks", "4k", "1M"])
def chunk(request, monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK", request.param)
    return request.param


def read(tmp_path, text: str | bytes):
    path = tmp_path / "f.json"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return list(iter_records(path))


@pytest.mark.parametrize("size", [333, 1 << 20])  # 333: every record straddles chunks
def test_sample_files_read_as_json_load_does(monkeypatch, size):
    monkeypatch.setattr(jsonstream, "CHUNK", size)
    for path in sorted(FIXTURES.glob("*.json")):
        assert list(iter_records(path)) == json.loads(path.read_text(encoding="utf-8"))["resultats"]


@pytest.mark.parametrize("text, expected", [
    ('{"resultats": [1, {"a": "b"}, 12345, "x"]}', [1, {"a": "b"}, 12345, "x"]),
    ('{"filtresPossibles": [{"f": [1, 2]}], "resultats": [{"id": 1}]}', [{"id": 1}]),
    ('{"resultats": [{"id": 1}], "filtresPossibles": {}}', [{"id": 1}]),
    ('[ {"id": "é€"} ,\n {"id": 2} ]', [{"id": "é€"}, {"id": 2}]),
    ("[]", []), ('{"resultats": []}', []), ("\ufeff[1]", [1]), ("  [1]\n\n", [1]),
])
def test_shapes(tmp_path, chunk, text, expected):
    assert read(tmp_path, text) == expected


@pytest.mark.parametrize("text, message", [
    ("", "attendu"), ('"resultats"', "attendu"), ("{}", "resultats"), ('{"autre": []}', "resultats"),
    ('{"resultats": [1, 2', "JSON invalide"), ('{"resultats": [1 2]}', "JSON invalide"),
    ('[{"id": 1}] [2]', "après la fin"), ('{"resultats": {"id": 1}}', "attendu"), ("[1,]", "JSON invalide"),
])
def test_bad_files(tmp_path, chunk, text, message):
    with pytest.raises(JsonStreamError, match=message):
        read(tmp_path, text)


def test_records_before_an_error_are_yielded(tmp_path):
    path = tmp_path / "f.json"
    path.write_text('[{"id": 1}, {"id": 2}, {oops}]', encoding="utf-8")
    records = iter_records(path)
    assert next(records) == {"id": 1} and next(records) == {"id": 2}
    with pytest.raises(JsonStreamError):
        next(records)


def test_not_utf8(tmp_path):
    with pytest.raises(JsonStreamError, match="UTF-8"):
        read(tmp_path, '[{"id": "é"}]'.encode("latin-1"))


def test_a_runaway_record_stops_instead_of_filling_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonstream, "CHUNK", 1000)
    monkeypatch.setattr(jsonstream, "MAX_RECORD_CHARS", 10_000)
    path = tmp_path / "f.json"
    path.write_text('[{"id": 1}, "' + "x" * 100_000 + '"]', encoding="utf-8")
    records = iter_records(path)
    assert next(records) == {"id": 1}
    with pytest.raises(JsonStreamError):
        next(records)


def test_progress_counts_bytes(tmp_path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps([{"id": n} for n in range(100)]), encoding="utf-8")
    seen = []
    assert len(list(iter_records(path, seen.append))) == 100
    assert sum(seen) == path.stat().st_size

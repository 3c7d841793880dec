from espace.adapters.sqlite_records import SqliteRecordStore
from espace.once import SENT, claim


def test_a_claim_is_taken_once_until_done_then_never(tmp_path):
    records = SqliteRecordStore(tmp_path / "app.db")
    item = {"pk": "USER#u1", "sk": "DIGEST#2026-03-10#a@example.org", "searches": {"s1": ["1"]}}
    assert claim(records, item) is True
    assert records.get("USER#u1", item["sk"])["status"] == "pending"
    # The run died before marking it: a rerun takes it up again.
    assert claim(records, item) is True
    records.put({**item, "status": SENT})
    assert claim(records, item) is False
    assert records.get("USER#u1", item["sk"])["status"] == SENT  # a refused claim changes nothing

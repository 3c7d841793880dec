"""One contract, two adapters: every test runs against SQLite and against DynamoDB
(moto, with the table of infra/template.yaml)."""

from __future__ import annotations

import math
import re
import sqlite3
import threading

import boto3
import pytest
from moto import mock_aws

from espace.adapters._checks import encode_continuation
from espace.adapters.dynamodb_records import DynamoRecordStore, decode_value
from espace.adapters.sqlite_records import SqliteRecordStore
from espace.ports import ConditionFailedError, Delete, InvalidContinuationError, Put, StoreError
from tests.aws_resources import create_table

from .conftest import REGION

TABLE = "espace-records-test"


@pytest.fixture(params=["embedded", "aws"])
def records(request, tmp_path, clock, aws_env):
    if request.param == "embedded":
        store = SqliteRecordStore(tmp_path / "nested" / "folder" / "app.db", clock=clock)
        yield store
        store.close()
    else:
        with mock_aws():
            create_table(boto3.client("dynamodb", region_name=REGION), TABLE)
            # No client passed: the adapter builds its own, from the environment's region.
            yield DynamoRecordStore(TABLE, clock=clock)


def assert_identical(got, expected, where="item"):
    """Equality that also tells 1 from True and 1 from 1.0."""
    assert type(got) is type(expected), f"{where}: {type(got).__name__} != {type(expected).__name__}"
    if isinstance(expected, dict):
        assert got.keys() == expected.keys(), where
        for name in expected:
            assert_identical(got[name], expected[name], f"{where}.{name}")
    elif isinstance(expected, list):
        assert len(got) == len(expected), where
        for index, (a, b) in enumerate(zip(got, expected, strict=False)):
            assert_identical(a, b, f"{where}[{index}]")
    else:
        assert got == expected, where


# -- get / put / delete ---------------------------------------------------------------------

def test_values_round_trip_with_their_types(records):
    item = {
        "pk": "USER#42", "sk": "PROFILE",
        "name": "Zoé Œuvre-Ça 𝄞", "empty": "", "zero": 0, "negative": -17, "big": 10**37,
        "yes": True, "no": False, "nothing": None,
        "tags": ["a", 1, True, None, [], {}], "nested": {"list": [{"deep": [1, 2]}], "flag": False, "n": 3},
        "expires_at": 4_000_000_000,
    }
    records.put(item)
    assert_identical(records.get("USER#42", "PROFILE"), item)


def test_get_of_an_absent_record_is_none(records):
    records.put({"pk": "p", "sk": "a"})
    assert records.get("p", "b") is None
    assert records.get("q", "a") is None


def test_put_replaces_the_whole_record(records):
    records.put({"pk": "p", "sk": "s", "a": 1, "b": 2})
    records.put({"pk": "p", "sk": "s", "a": 3})
    assert records.get("p", "s") == {"pk": "p", "sk": "s", "a": 3}


def test_put_if_absent_fails_on_an_existing_record_and_changes_nothing(records):
    records.put({"pk": "EMAIL#zoe@example.fr", "sk": "ACCOUNT", "owner": "1"}, if_absent=True)
    with pytest.raises(ConditionFailedError):
        records.put({"pk": "EMAIL#zoe@example.fr", "sk": "ACCOUNT", "owner": "2"}, if_absent=True)
    assert records.get("EMAIL#zoe@example.fr", "ACCOUNT")["owner"] == "1"
    assert issubclass(ConditionFailedError, StoreError)


def test_delete(records):
    records.put({"pk": "p", "sk": "s"})
    records.delete("p", "s")
    assert records.get("p", "s") is None
    records.delete("p", "s")  # absent: not an error without the condition


def test_delete_if_present(records):
    with pytest.raises(ConditionFailedError):
        records.delete("p", "missing", if_present=True)
    records.put({"pk": "p", "sk": "s"})
    records.delete("p", "s", if_present=True)
    assert records.get("p", "s") is None


@pytest.mark.parametrize("item, error", [
    ({"pk": "p", "sk": "s", "ratio": 0.5}, TypeError),
    ({"pk": "p", "sk": "s", "pair": (1, 2)}, TypeError),
    ({"pk": "p", "sk": "s", "raw": b"x"}, TypeError),
    ({"pk": "p", "sk": "s", "set": {1, 2}}, TypeError),
    ({"pk": "p", "sk": "s", "map": {1: "x"}}, TypeError),
    ({"pk": "p", "sk": "s", "huge": 10**38}, ValueError),
    ({"pk": "p", "sk": "s", "expires_at": "tomorrow"}, TypeError),
    ({"pk": "p", "sk": "s", "expires_at": None}, TypeError),
    ({"pk": "p"}, ValueError),
    ({"pk": "", "sk": "s"}, ValueError),
    ({"pk": 1, "sk": "s"}, ValueError),
])
def test_values_neither_adapter_can_round_trip_are_refused(records, item, error):
    with pytest.raises(error):
        records.put(item)
    assert records.query("p") == []


# -- TTL ------------------------------------------------------------------------------------

def test_an_expired_record_is_invisible_until_and_after_its_deletion(records, clock):
    now = int(clock())
    records.put({"pk": "p", "sk": "past", "expires_at": now - 10})
    records.put({"pk": "p", "sk": "now", "expires_at": now})  # expires_at <= now: expired
    records.put({"pk": "p", "sk": "soon", "expires_at": now + 1})
    assert records.get("p", "past") is None
    assert records.get("p", "now") is None
    assert records.get("p", "soon") == {"pk": "p", "sk": "soon", "expires_at": now + 1}
    assert [item["sk"] for item in records.query("p")] == ["soon"]
    clock.advance(1)
    assert records.get("p", "soon") is None
    assert records.query("p") == []


def test_conditions_treat_an_expired_record_as_absent(records, clock):
    now = int(clock())
    records.put({"pk": "SESSION#1", "sk": "S", "user": "old", "expires_at": now - 1})
    with pytest.raises(ConditionFailedError):
        records.delete("SESSION#1", "S", if_present=True)
    records.put({"pk": "SESSION#1", "sk": "S", "user": "new"}, if_absent=True)
    assert records.get("SESSION#1", "S") == {"pk": "SESSION#1", "sk": "S", "user": "new"}


# -- query ----------------------------------------------------------------------------------

def test_query_by_prefix_in_sort_key_order(records):
    for sk in ["SAVED#2", "SEARCH#1", "SAVED#10", "SAVED#1", "PROFILE", "SAVED"]:
        records.put({"pk": "USER#1", "sk": sk})
    records.put({"pk": "USER#10", "sk": "SAVED#3"})  # another partition
    assert [i["sk"] for i in records.query("USER#1", "SAVED#")] == ["SAVED#1", "SAVED#10", "SAVED#2"]
    assert [i["sk"] for i in records.query("USER#1", "SAVED")] == ["SAVED", "SAVED#1", "SAVED#10", "SAVED#2"]
    assert [i["sk"] for i in records.query("USER#1")] == ["PROFILE", "SAVED", "SAVED#1", "SAVED#10",
                                                          "SAVED#2", "SEARCH#1"]
    assert records.query("USER#1", "NOTHING") == []
    assert records.query("USER#2") == []


def test_query_orders_by_utf8_bytes_like_dynamodb(records):
    # UTF-8 byte order: "Z" < "a" < "z" < "~" < "é" < "€" < "𝄞" (not locale, not case-folded).
    keys = ["𝄞", "é", "a", "~", "€", "Z", "z"]
    for sk in keys:
        records.put({"pk": "p", "sk": f"K#{sk}"})
    expected = [f"K#{sk}" for sk in sorted(keys, key=lambda s: s.encode("utf-8"))]
    assert expected == ["K#Z", "K#a", "K#z", "K#~", "K#é", "K#€", "K#𝄞"]
    assert [i["sk"] for i in records.query("p", "K#")] == expected
    assert [i["sk"] for i in records.query("p", "K#é")] == ["K#é"]


def test_query_limit_and_descending(records):
    for n in range(10):
        records.put({"pk": "p", "sk": f"ALERT#{n:02d}", "n": n})
    records.put({"pk": "p", "sk": "ZZZ"})
    assert [i["n"] for i in records.query("p", "ALERT#", limit=3)] == [0, 1, 2]
    assert [i["n"] for i in records.query("p", "ALERT#", descending=True)] == list(range(9, -1, -1))
    assert [i["n"] for i in records.query("p", "ALERT#", limit=2, descending=True)] == [9, 8]
    assert len(records.query("p", "ALERT#", limit=50)) == 10
    with pytest.raises(ValueError):
        records.query("p", limit=0)


def test_query_limit_counts_only_live_records(records, clock):
    now = int(clock())
    for n in range(6):
        records.put({"pk": "p", "sk": f"S#{n}", **({"expires_at": now - 1} if n < 3 else {})})
    assert [i["sk"] for i in records.query("p", limit=2)] == ["S#3", "S#4"]


def test_query_returns_every_item_of_a_large_partition(records):
    # 1.8 MB: more than one DynamoDB page (1 MB each).
    blob = "x" * 60_000
    for n in range(30):
        records.put({"pk": "BIG", "sk": f"ITEM#{n:03d}", "blob": blob, "n": n})
    assert [i["n"] for i in records.query("BIG")] == list(range(30))
    assert [i["n"] for i in records.query("BIG", descending=True)] == list(range(29, -1, -1))
    assert [i["n"] for i in records.query("BIG", limit=25)] == list(range(25))


def test_query_returns_many_small_items_in_order(records):
    records.transact([Put({"pk": "MANY", "sk": f"{n:04d}"}) for n in range(0, 25)])
    for n in range(25, 400):
        records.put({"pk": "MANY", "sk": f"{n:04d}"})
    assert [i["sk"] for i in records.query("MANY")] == [f"{n:04d}" for n in range(400)]
    assert [i["sk"] for i in records.query("MANY", "01")] == [f"{n:04d}" for n in range(100, 200)]


# -- paged queries --------------------------------------------------------------------------

def walk(records, pk, sk_prefix="", *, limit, descending=False):
    """Every page of a list, following next_key to the end, as the web layer does."""
    pages, after = [], None
    while True:
        page = records.query_page(pk, sk_prefix, limit=limit, descending=descending, after=after)
        pages.append(page)
        if page.next_key is None:
            return pages
        assert len(pages) < 1000, "next_key never ends"
        after = page.next_key


def check_pages(pages, expected_sks, limit):
    assert [item["sk"] for page in pages for item in page.items] == expected_sks
    assert len(pages) == max(1, math.ceil(len(expected_sks) / limit))
    assert all(len(page.items) == limit for page in pages[:-1])
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", page.next_key) for page in pages[:-1]), "opaque and URL-safe"


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 9, 10, 11, 50])
@pytest.mark.parametrize("descending", [False, True])
def test_query_page_walks_every_item_once(records, limit, descending):
    sks = [f"ALERT#{n:02d}" for n in range(10)]
    for sk in sks:
        records.put({"pk": "USER#1", "sk": sk})
    records.put({"pk": "USER#1", "sk": "ALERT"})  # the prefix itself is in the list
    records.put({"pk": "USER#1", "sk": "ALERTZ"})
    records.put({"pk": "USER#1", "sk": "AAA"})  # before and after the prefix: not in the list
    records.put({"pk": "USER#1", "sk": "B"})
    records.put({"pk": "USER#2", "sk": "ALERT#05"})  # another partition
    expected = sorted(["ALERT", "ALERTZ", *sks], reverse=descending)
    pages = walk(records, "USER#1", "ALERT", limit=limit, descending=descending)
    check_pages(pages, expected, limit)
    assert [i["sk"] for i in walk(records, "USER#1", "ALERT#", limit=limit, descending=descending)[0].items] == \
        sorted(sks, reverse=descending)[:limit]


def test_query_page_without_prefix_and_of_an_empty_list(records):
    for n in range(4):
        records.put({"pk": "p", "sk": f"{n}"})
    check_pages(walk(records, "p", limit=2), ["0", "1", "2", "3"], 2)  # an exact multiple: no empty last page
    empty = records.query_page("nobody", limit=3)
    assert empty.items == [] and empty.next_key is None


def test_query_page_skips_expired_items_without_short_pages(records, clock):
    now = int(clock())
    for n in range(20):
        # Expired: 0-2 (the head), 6-13 (a run longer than a page), 17-19 (the whole tail).
        expired = n < 3 or 6 <= n <= 13 or n >= 17
        records.put({"pk": "p", "sk": f"S#{n:02d}", **({"expires_at": now - 1} if expired else {})})
    live = [f"S#{n:02d}" for n in (3, 4, 5, 14, 15, 16)]
    for limit in (1, 2, 3, 4, 6):
        check_pages(walk(records, "p", "S#", limit=limit), live, limit)
        check_pages(walk(records, "p", "S#", limit=limit, descending=True), live[::-1], limit)


def test_query_page_resumes_after_a_position_not_an_item(records, clock):
    for n in range(0, 10, 2):
        records.put({"pk": "p", "sk": f"K#{n}"})
    first = records.query_page("p", "K#", limit=2)
    assert [i["sk"] for i in first.items] == ["K#0", "K#2"]
    records.delete("p", "K#2")  # the item the key points after is gone
    records.put({"pk": "p", "sk": "K#1"})  # added before the position: belongs to the page already read
    records.put({"pk": "p", "sk": "K#3"})  # added after it: shown next
    second = records.query_page("p", "K#", limit=2, after=first.next_key)
    assert [i["sk"] for i in second.items] == ["K#3", "K#4"]
    records.put({"pk": "p", "sk": "K#8", "expires_at": int(clock()) - 1})  # the only item left expires
    last = records.query_page("p", "K#", limit=2, after=second.next_key)
    assert [i["sk"] for i in last.items] == ["K#6"] and last.next_key is None


def test_query_page_follows_utf8_byte_order(records):
    keys = ["𝄞", "é", "a", "~", "€", "Z", "z"]
    for sk in keys:
        records.put({"pk": "p", "sk": f"K#{sk}"})
    expected = [f"K#{sk}" for sk in sorted(keys, key=lambda s: s.encode("utf-8"))]
    check_pages(walk(records, "p", "K#", limit=1), expected, 1)
    check_pages(walk(records, "p", "K#", limit=2, descending=True), expected[::-1], 2)


def test_query_page_crosses_dynamodb_pages(records):
    # 1.8 MB: DynamoDB answers in several 1 MB pages inside one page of ours.
    blob = "x" * 60_000
    for n in range(30):
        records.put({"pk": "BIG", "sk": f"ITEM#{n:03d}", "blob": blob})
    check_pages(walk(records, "BIG", limit=20), [f"ITEM#{n:03d}" for n in range(30)], 20)


def tampered(key: str) -> list[str]:
    flipped = key[:-3] + ("A" if key[-3] != "A" else "B") + key[-2:]
    return [flipped, key[:-1], key + "A", key[1:], key + "=", key + "==",
            key.replace("-", "+").replace("_", "/") + "+/",
            key[:5] + "." + key[6:], key[:4] + "é" + key[5:], key + "\n", "", "A", "AAAA", "!!!!", "=" * 8,
            "x" * 5000, "%00", "../" + key]


def test_a_tampered_or_foreign_key_is_refused_before_any_read(records):
    for n in range(6):
        records.put({"pk": "USER#1", "sk": f"SAVED#{n}"})
        records.put({"pk": "USER#1", "sk": f"ZZZ#{n}"})
        records.put({"pk": "USER#2", "sk": f"SAVED#{n}"})
    key = records.query_page("USER#1", "SAVED#", limit=2).next_key
    assert key is not None
    for bad in tampered(key):
        with pytest.raises(InvalidContinuationError):
            records.query_page("USER#1", "SAVED#", limit=2, after=bad)
    # A key of this list, used with another partition, prefix or direction.
    for pk, prefix, descending in [("USER#2", "SAVED#", False), ("USER#1", "SAVED", False), ("USER#1", "", False),
                                   ("USER#1", "SAVED#", True)]:
        with pytest.raises(InvalidContinuationError):
            records.query_page(pk, prefix, limit=2, descending=descending, after=key)
    # Forged with the right binding but pointing outside the prefix: still refused, not a store error.
    for outside in ["ZZZ#0", "SAVED", "A", "é" * 1025]:
        with pytest.raises(InvalidContinuationError):
            records.query_page("USER#1", "SAVED#", limit=2, after=encode_continuation("USER#1", "SAVED#", False,
                                                                                         outside))
    assert issubclass(InvalidContinuationError, ValueError)
    with pytest.raises(TypeError):
        records.query_page("USER#1", "SAVED#", limit=2, after=b"key")


def test_query_page_arguments(records):
    records.put({"pk": "p", "sk": "s"})
    for limit in (0, -1, None, True, "2"):
        with pytest.raises((ValueError, TypeError)):
            records.query_page("p", limit=limit)
    with pytest.raises(ValueError):
        records.query_page("", limit=1)
    with pytest.raises(TypeError):
        records.query_page("p", limit=1, descending="yes")
    assert records.query_page("p", limit=1).items == [{"pk": "p", "sk": "s"}]


# -- transactions ---------------------------------------------------------------------------

def test_transaction_applies_every_operation(records):
    records.put({"pk": "USER#1", "sk": "OLD"})
    records.transact([
        Put({"pk": "USER#1", "sk": "PROFILE", "v": 1}, if_absent=True),
        Put({"pk": "EMAIL#a@b.fr", "sk": "ACCOUNT", "user": "1"}),
        Delete("USER#1", "OLD", if_present=True),
    ])
    assert records.get("USER#1", "PROFILE") == {"pk": "USER#1", "sk": "PROFILE", "v": 1}
    assert records.get("EMAIL#a@b.fr", "ACCOUNT")["user"] == "1"
    assert records.get("USER#1", "OLD") is None


@pytest.mark.parametrize("failing", [
    Put({"pk": "EMAIL#taken@b.fr", "sk": "ACCOUNT", "user": "2"}, if_absent=True),
    Delete("USER#2", "MISSING", if_present=True),
])
def test_a_failed_condition_cancels_the_whole_transaction(records, failing):
    records.put({"pk": "EMAIL#taken@b.fr", "sk": "ACCOUNT", "user": "1"})
    records.put({"pk": "USER#2", "sk": "KEEP"})
    with pytest.raises(ConditionFailedError):
        records.transact([
            Put({"pk": "USER#2", "sk": "PROFILE"}),
            Delete("USER#2", "KEEP"),
            failing,
            Put({"pk": "USER#2", "sk": "LAST"}),
        ])
    assert records.get("USER#2", "PROFILE") is None
    assert records.get("USER#2", "LAST") is None
    assert records.get("USER#2", "KEEP") is not None
    assert records.get("EMAIL#taken@b.fr", "ACCOUNT")["user"] == "1"


def test_transaction_limits(records):
    records.transact([])  # nothing to do
    with pytest.raises(ValueError):
        records.transact([Put({"pk": "p", "sk": str(n)}) for n in range(26)])
    with pytest.raises(ValueError):
        records.transact([Put({"pk": "p", "sk": "same"}), Delete("p", "same")])
    with pytest.raises(TypeError):
        records.transact([{"pk": "p", "sk": "s"}])
    assert records.query("p") == []
    records.transact([Put({"pk": "p", "sk": str(n)}) for n in range(25)])
    assert len(records.query("p")) == 25


# -- increment ------------------------------------------------------------------------------

def test_increment_creates_then_adds(records):
    assert records.increment("RATE#1.2.3.4", "LOGIN", "count") == 1
    assert records.increment("RATE#1.2.3.4", "LOGIN", "count") == 2
    assert records.increment("RATE#1.2.3.4", "LOGIN", "count", by=5) == 7
    assert records.increment("RATE#1.2.3.4", "LOGIN", "count", by=-3) == 4
    assert records.increment("RATE#1.2.3.4", "LOGIN", "other", by=10) == 10
    assert_identical(records.get("RATE#1.2.3.4", "LOGIN"),
                     {"pk": "RATE#1.2.3.4", "sk": "LOGIN", "count": 4, "other": 10})


def test_increment_keeps_the_other_fields(records):
    records.put({"pk": "USER#1", "sk": "STATS", "label": "x", "views": 41})
    assert records.increment("USER#1", "STATS", "views") == 42
    assert records.get("USER#1", "STATS") == {"pk": "USER#1", "sk": "STATS", "label": "x", "views": 42}


def test_increment_sets_expiry_only_when_it_creates_the_record(records, clock):
    now = int(clock())
    assert records.increment("RATE#x", "W", "n", expires_at=now + 60) == 1
    assert records.increment("RATE#x", "W", "n", expires_at=now + 999) == 2  # the window does not slide
    assert records.get("RATE#x", "W")["expires_at"] == now + 60
    records.put({"pk": "NOTTL", "sk": "S", "n": 1})
    assert records.increment("NOTTL", "S", "n", expires_at=now + 60) == 2
    assert "expires_at" not in records.get("NOTTL", "S")


def test_an_expired_counter_starts_again(records, clock):
    now = int(clock())
    records.increment("RATE#x", "W", "n", expires_at=now + 60)
    records.increment("RATE#x", "W", "n", expires_at=now + 60)
    records.put({"pk": "RATE#y", "sk": "W", "n": 99, "note": "stale", "expires_at": now - 1})
    clock.advance(60)  # now == expires_at: expired
    assert records.increment("RATE#x", "W", "n", expires_at=now + 120) == 1
    assert records.get("RATE#x", "W") == {"pk": "RATE#x", "sk": "W", "n": 1, "expires_at": now + 120}
    assert records.increment("RATE#y", "W", "n", by=2) == 2
    assert records.get("RATE#y", "W") == {"pk": "RATE#y", "sk": "W", "n": 2}


def test_increment_refuses_bad_arguments_and_non_numbers(records):
    records.put({"pk": "p", "sk": "s", "name": "text"})
    with pytest.raises(StoreError):
        records.increment("p", "s", "name")
    for bad in [dict(name="pk"), dict(name="expires_at"), dict(name="")]:
        with pytest.raises(ValueError):
            records.increment("p", "s", **bad)
    with pytest.raises(TypeError):
        records.increment("p", "s", "n", by=1.5)
    with pytest.raises(TypeError):
        records.increment("p", "s", "n", expires_at="soon")
    assert records.get("p", "s") == {"pk": "p", "sk": "s", "name": "text"}


# -- adapter-specific behaviour -------------------------------------------------------------

def test_sqlite_increment_is_atomic_across_threads(tmp_path):
    store = SqliteRecordStore(tmp_path / "app.db")
    seen: list[int] = []
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(50):
                seen.append(store.increment("RATE", "W", "n"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(seen) == list(range(1, 401))  # no lost update, no value returned twice
    assert store.get("RATE", "W")["n"] == 400
    store.close()


def test_sqlite_keeps_records_across_processes_and_purges_expired_rows(tmp_path, clock):
    path = tmp_path / "var" / "app.db"
    store = SqliteRecordStore(path, clock=clock)
    store.put({"pk": "p", "sk": "live", "n": 1})
    store.put({"pk": "p", "sk": "dead", "expires_at": int(clock()) - 1})
    store.close()
    reopened = SqliteRecordStore(path, clock=clock)
    assert [i["sk"] for i in reopened.query("p")] == ["live"]
    clock.advance(3600)  # past the purge interval: the next write purges
    reopened.put({"pk": "q", "sk": "s"})
    reopened.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert sorted(row[0] for row in raw.execute("SELECT sk FROM records")) == ["live", "s"]


def test_dynamodb_query_follows_pages(aws_env):
    with mock_aws():
        client = boto3.client("dynamodb", region_name=REGION)
        create_table(client, TABLE)
        store = DynamoRecordStore(TABLE, client=client)
        calls = []
        client.meta.events.register("before-call.dynamodb.Query", lambda **kwargs: calls.append(1))
        blob = "y" * 100_000
        for n in range(15):
            store.put({"pk": "BIG", "sk": f"{n:02d}", "blob": blob})
        assert len(store.query("BIG")) == 15
        assert len(calls) >= 2, "1.5 MB should take more than one page"


def test_dynamodb_errors_are_translated(aws_env):
    from botocore.exceptions import ClientError

    with mock_aws():
        store = DynamoRecordStore("no-such-table")
        for call in (lambda: store.get("p", "s"), lambda: store.put({"pk": "p", "sk": "s"}),
                     lambda: store.query("p"), lambda: store.increment("p", "s", "n"),
                     lambda: store.transact([Put({"pk": "p", "sk": "a"}), Put({"pk": "p", "sk": "b"})])):
            with pytest.raises(StoreError) as caught:
                call()
            assert not isinstance(caught.value, (ClientError, ConditionFailedError))


def test_dynamodb_numbers_written_by_others_decode_to_int_or_float():
    assert decode_value({"N": "42"}) == 42 and type(decode_value({"N": "42"})) is int
    assert type(decode_value({"N": "1E+2"})) is int
    assert decode_value({"N": "2.5"}) == 2.5
    assert decode_value({"M": {"a": {"L": [{"N": "1"}, {"BOOL": True}, {"NULL": True}]}}}) == {"a": [1, True, None]}


def test_both_adapters_hand_out_the_same_keys(tmp_path, aws_env):
    """A key outlives a switch of adapter (and the format is one, in adapters/_checks.py)."""
    sqlite = SqliteRecordStore(tmp_path / "app.db")
    with mock_aws():
        create_table(boto3.client("dynamodb", region_name=REGION), TABLE)
        dynamo = DynamoRecordStore(TABLE)
        for store in (sqlite, dynamo):
            for n in range(5):
                store.put({"pk": "USER#é", "sk": f"SAVED#{n}#€"})
        for descending in (False, True):
            keys = [[page.next_key for page in walk(store, "USER#é", "SAVED#", limit=2, descending=descending)]
                    for store in (sqlite, dynamo)]
            assert keys[0] == keys[1] and len(keys[0]) == 3
            crossed = dynamo.query_page("USER#é", "SAVED#", limit=2, descending=descending, after=keys[0][0])
            assert crossed.items == sqlite.query_page("USER#é", "SAVED#", limit=2, descending=descending,
                                                      after=keys[0][0]).items
    sqlite.close()


def test_dynamodb_query_page_reads_no_further_than_needed(aws_env):
    """Limit is asked for what the page still lacks (plus one to tell whether more follow)."""
    with mock_aws():
        client = boto3.client("dynamodb", region_name=REGION)
        create_table(client, TABLE)
        store = DynamoRecordStore(TABLE, client=client)
        for n in range(40):
            store.put({"pk": "p", "sk": f"{n:02d}"})
        limits = []
        client.meta.events.register("provide-client-params.dynamodb.Query",
                                    lambda params, **kwargs: limits.append(params.get("Limit")))
        page = store.query_page("p", limit=10)
        assert len(page.items) == 10 and limits == [11]

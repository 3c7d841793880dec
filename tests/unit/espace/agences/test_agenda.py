"""An agency's agenda on the SQLite store: open, close, day, free, book (atomic, once), cancel, and
slots of the past."""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.agences.agenda import AgencyAgenda, SlotTaken, appointments_of, local_key, parse_key
from espace.ports import Put
from espace.text import PARIS

AGENCY = "17"
USER, OTHER = "a" * 32, "b" * 32


@pytest.fixture
def records(tmp_path):
    return SqliteRecordStore(tmp_path / "records.db")


def at(days: int, hour: int, minute: int = 0) -> int:
    """Epoch of a local time ``days`` from today (Europe/Paris)."""
    day = dt.datetime.now(PARIS).date() + dt.timedelta(days=days)
    return int(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).timestamp())


def test_keys_are_local_times_and_read_back(records):
    start = at(3, 8, 30)
    key = local_key(start)
    assert key.endswith("T08:30") and parse_key(key) == start
    for bad in ("", "2026-13-01T08:30", "demain", "2026-12-07 08:30", "x" * 500):
        assert parse_key(bad) is None


def test_open_is_idempotent_and_skips_booked_slots(records):
    agenda = AgencyAgenda(records, AGENCY)
    starts = [at(3, 9), at(3, 9, 30), at(3, 10)]
    assert agenda.open(starts, 30, "conseiller") == 3
    assert agenda.open(starts, 30, "conseiller") == 0  # already open: nothing twice
    agenda.book(starts[0], USER, purpose="inscription", reference="r", name="Camille DURAND")
    assert agenda.open(starts[:1], 30, "conseiller") == 0  # booked: not reopened beside the appointment
    day = agenda.day(dt.datetime.fromtimestamp(starts[0], PARIS).date())
    assert [(s.start, s.booked) for s in day] == [(starts[0], True), (starts[1], False), (starts[2], False)]
    assert day[0].name == "Camille DURAND" and day[0].label().endswith("à 9 h 00 (30 minutes)")


def test_close_a_free_slot_but_not_a_booked_one(records):
    agenda = AgencyAgenda(records, AGENCY)
    free, booked = at(4, 9), at(4, 10)
    agenda.open([free, booked], 45, "conseiller")
    agenda.book(booked, USER, purpose="inscription", reference="r", name="n")
    assert agenda.close(free) is True and agenda.get(free) is None
    assert agenda.close(free) is False  # a second click: nothing more to close
    assert agenda.close(booked) is False and agenda.get(booked).booked
    with pytest.raises(SlotTaken):  # a closed slot cannot be booked
        agenda.book(free, OTHER, purpose="inscription", reference="r2", name="n2")


def test_free_gives_the_first_slots_after_a_moment_in_order(records):
    agenda = AgencyAgenda(records, AGENCY)
    starts = [at(2, 9), at(2, 14), at(5, 9), at(6, 11), at(9, 8, 30)]
    agenda.open(reversed(starts), 30, "conseiller")
    assert [s.start for s in agenda.free(after=at(0, 0))] == starts[:3]
    assert [s.start for s in agenda.free(after=starts[1])] == starts[2:5]  # strictly after
    assert [s.start for s in agenda.free(after=at(0, 0), exclude=(starts[0],))] == starts[1:4]
    assert [s.start for s in agenda.free(after=at(0, 0), limit=10)] == starts
    agenda.book(starts[0], USER, purpose="inscription", reference="r", name="n")
    assert starts[0] not in [s.start for s in agenda.free(after=at(0, 0))]
    assert AgencyAgenda(records, "2a").free(after=at(0, 0)) == []  # another agency's agenda is its own


def test_past_slots_are_neither_offered_nor_booked(records):
    agenda = AgencyAgenda(records, AGENCY)
    past, soon = int(time.time()) - 3600, int(time.time()) + 3600
    assert agenda.open([past, soon], 30, "conseiller") == 2
    # A slot's TTL is its start: the store no longer shows a slot of the past, whatever is asked.
    assert [s.start for s in agenda.free(after=past - 86400)] == [soon]
    assert agenda.get(past) is None and agenda.day(dt.datetime.fromtimestamp(past, PARIS).date()) in (
        [], [agenda.get(soon)])
    with pytest.raises(SlotTaken):
        agenda.book(past, USER, purpose="inscription", reference="r", name="n")
    assert appointments_of(records, USER) == []


def test_book_writes_both_copies_and_the_callers_records_in_one_transaction(records):
    agenda = AgencyAgenda(records, AGENCY)
    start = at(3, 11)
    agenda.open([start], 30, "conseiller")
    slot = agenda.book(start, USER, purpose="inscription", reference="ref-1", name="Camille DURAND",
                       also=[Put({"pk": f"USER#{USER}", "sk": "MARK", "v": 1})])
    assert slot.booked and slot.length == 30
    key = local_key(start)
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{key}") is None
    assert records.get(f"AGENCY#{AGENCY}", f"APPT#{key}")["user_id"] == USER
    assert records.get(f"USER#{USER}", f"APPOINTMENT#{key}#{AGENCY}")["reference"] == "ref-1"
    assert records.get(f"USER#{USER}", "MARK")["v"] == 1
    assert [a["start"] for a in appointments_of(records, USER)] == [start]
    with pytest.raises(SlotTaken):
        agenda.book(start, OTHER, purpose="inscription", reference="ref-2", name="n")


def test_a_failing_also_books_nothing(records):
    agenda = AgencyAgenda(records, AGENCY)
    start = at(3, 15)
    agenda.open([start], 30, "conseiller")
    records.put({"pk": f"USER#{USER}", "sk": "TAKEN"})
    with pytest.raises(SlotTaken):
        agenda.book(start, USER, purpose="inscription", reference="r", name="n",
                    also=[Put({"pk": f"USER#{USER}", "sk": "TAKEN"}, if_absent=True)])
    assert not agenda.get(start).booked and appointments_of(records, USER) == []


def test_threads_racing_for_one_slot_one_wins(records):
    agenda = AgencyAgenda(records, AGENCY)
    start = at(3, 16)
    agenda.open([start], 30, "conseiller")
    users = [f"{n:032x}" for n in range(8)]

    def take(user: str) -> str | None:
        try:
            AgencyAgenda(records, AGENCY).book(start, user, purpose="inscription", reference=user, name=user)
            return user
        except SlotTaken:
            return None

    with ThreadPoolExecutor(max_workers=8) as pool:
        winners = [user for user in pool.map(take, users) if user]
    assert len(winners) == 1
    assert agenda.get(start).user_id == winners[0]
    assert sum(len(appointments_of(records, user)) for user in users) == 1


def test_cancel_reopens_a_future_slot_and_only_for_its_holder(records):
    agenda = AgencyAgenda(records, AGENCY)
    start = at(5, 9)
    agenda.open([start], 30, "conseiller")
    agenda.book(start, USER, purpose="inscription", reference="r", name="n")
    assert agenda.cancel(start, OTHER) is False and agenda.get(start).booked
    assert agenda.cancel(start, USER) is True
    assert not agenda.get(start).booked and appointments_of(records, USER) == []
    assert agenda.cancel(start, USER) is False  # twice: nothing more
    agenda.book(start, OTHER, purpose="inscription", reference="r2", name="n2")
    assert agenda.cancel(start, OTHER, reopen=False) is True and agenda.get(start) is None

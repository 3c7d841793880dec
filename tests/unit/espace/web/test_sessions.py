"""RGAA 13.1 (WCAG 2.2.1): a signed-in session is renewed by activity, lasts at least 20 hours
without any, never past a week after sign-in, and renewing it writes the store at most every
five minutes; an anonymous session (flash messages only) is not renewed."""

from __future__ import annotations

import pytest

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.settings import Settings
from espace.web.sessions import MAX_AGE, RENEW_EVERY, SessionManager, session_key

HOUR = 3600


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def manager(tmp_path, clock):
    return SessionManager(SqliteRecordStore(tmp_path / "app.db", clock=clock), Settings(), clock=clock)


def signed_in(manager):
    session = manager.new("u1", 1)
    manager.save(session)
    return session


def request(manager, session_id: str):
    """What ``Context`` does for one request: load, renew if due, write if changed."""
    session = manager.load(session_id)
    if session is not None:
        renewed = manager.renew(session)
        if session.dirty:
            manager.save(session)
        return session, renewed
    return None, False


def test_the_default_idle_limit_is_at_least_twenty_hours():
    assert Settings().session_hours >= 20


def test_a_session_left_alone_ends_after_the_idle_limit(manager, clock):
    session = signed_in(manager)
    clock.now += 20 * HOUR - 1
    assert manager.load(session.id) is not None
    clock.now += 1
    assert manager.load(session.id) is None


def test_activity_moves_the_end_and_keeps_the_user_s_list_in_step(manager, clock):
    session = signed_in(manager)
    for _ in range(5):  # a visit every 19 hours: never signed out
        clock.now += 19 * HOUR
        loaded, renewed = request(manager, session.id)
        assert loaded is not None and renewed
        assert loaded.expires_at == int(clock.now) + 20 * HOUR
        entry = manager.records.get("USER#u1", session_key(session.id))
        assert entry["expires_at"] == loaded.expires_at  # account deletion still finds it


def test_renewing_writes_at_most_every_five_minutes(manager, clock):
    session = signed_in(manager)
    clock.now += RENEW_EVERY - 1
    assert request(manager, session.id) == (manager.load(session.id), False)
    clock.now += 1
    assert request(manager, session.id)[1] is True


def test_no_session_outlives_a_week_after_sign_in(manager, clock):
    session = signed_in(manager)
    start = clock.now
    while clock.now + 19 * HOUR < start + MAX_AGE:
        clock.now += 19 * HOUR
        assert request(manager, session.id)[0] is not None
    clock.now = start + MAX_AGE
    assert manager.load(session.id) is None


def test_a_session_stored_before_renewal_existed_counts_from_its_end(manager, clock):
    session = signed_in(manager)
    item = manager.records.get(session_key(session.id), "SESSION")
    del item["started_at"]
    manager.records.put(item)
    clock.now += HOUR
    loaded, renewed = request(manager, session.id)
    assert renewed and loaded.started_at == session.expires_at - 20 * HOUR


def test_an_anonymous_session_is_not_renewed(manager, clock):
    session = manager.new()
    manager.save(session)
    clock.now += HOUR
    loaded, renewed = request(manager, session.id)
    assert loaded is not None and not renewed and loaded.expires_at == session.expires_at

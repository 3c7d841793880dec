"""The records port on one SQLite file: the embedded profile's DynamoDB.

One row per record: the key columns, ``expires_at`` (so expiry is filtered and purged in
SQL) and the whole item as JSON. The local gateway serves requests from several threads,
so each thread gets its own connection; WAL lets readers go on while one writer writes,
and writes that read first (increment, conditions, transactions) take the write lock up
front with BEGIN IMMEDIATE so two of them can never interleave.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from espace.adapters._checks import (
    check_increment,
    check_key,
    check_query,
    check_query_page,
    check_transaction,
    encode_continuation,
)
from espace.ports import ConditionFailedError, Delete, Item, Put, QueryPage, StoreError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    pk TEXT NOT NULL,
    sk TEXT NOT NULL,
    expires_at INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (pk, sk)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS records_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
"""
# Rows are "live" unless their TTL has passed; the same rule as the DynamoDB adapter.
_LIVE = "(expires_at IS NULL OR expires_at > ?)"
# Expired rows are invisible anyway; deleting them now and then only keeps the file small.
_PURGE_EVERY_SECONDS = 300


class SqliteRecordStore:
    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time, busy_timeout: float = 30.0):
        self.path = Path(path)
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._next_purge = 0.0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection().executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise StoreError(f"cannot create the records table in {self.path}: {error}") from error

    # -- connections ---------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                # isolation_level=None: we write BEGIN/COMMIT ourselves, so no implicit
                # transaction ever stays open between calls and blocks the other threads.
                # check_same_thread=False only so that close() may close every thread's
                # connection; each one is otherwise used by its own thread alone.
                connection = sqlite3.connect(self.path, timeout=self._busy_timeout,
                                             isolation_level=None, check_same_thread=False)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.Error as error:
                raise StoreError(f"cannot open {self.path}: {error}") from error
            self._local.connection = connection
            with self._connections_lock:
                self._connections.append(connection)
        return connection

    def close(self) -> None:
        with self._connections_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the write lock from its first statement."""
        connection = self._connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(f"cannot write to {self.path}: {error}") from error
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            connection.execute("ROLLBACK")
            raise StoreError(f"cannot commit to {self.path}: {error}") from error

    def _now(self) -> int:
        return int(self._clock())

    # -- helpers used inside a transaction -------------------------------------------------

    def _live_item(self, connection: sqlite3.Connection, pk: str, sk: str, now: int) -> Item | None:
        row = connection.execute(f"SELECT data FROM records WHERE pk = ? AND sk = ? AND {_LIVE}",
                                 (pk, sk, now)).fetchone()
        return None if row is None else json.loads(row[0])

    @staticmethod
    def _write_item(connection: sqlite3.Connection, item: Item) -> None:
        connection.execute(
            "INSERT OR REPLACE INTO records (pk, sk, expires_at, data) VALUES (?, ?, ?, ?)",
            (item["pk"], item["sk"], item.get("expires_at"), json.dumps(item, ensure_ascii=False)),
        )

    def _apply(self, connection: sqlite3.Connection, operation: Put | Delete, now: int) -> None:
        if isinstance(operation, Put):
            item = operation.item
            if operation.if_absent and self._live_item(connection, item["pk"], item["sk"], now) is not None:
                raise ConditionFailedError(f"record {item['pk']!r}/{item['sk']!r} already exists")
            self._write_item(connection, item)
        else:
            if operation.if_present and self._live_item(connection, operation.pk, operation.sk, now) is None:
                raise ConditionFailedError(f"record {operation.pk!r}/{operation.sk!r} does not exist")
            connection.execute("DELETE FROM records WHERE pk = ? AND sk = ?", (operation.pk, operation.sk))

    def _maybe_purge(self, connection: sqlite3.Connection, now: int) -> None:
        if now >= self._next_purge:
            self._next_purge = now + _PURGE_EVERY_SECONDS
            connection.execute("DELETE FROM records WHERE expires_at <= ?", (now,))

    # -- the port -----------------------------------------------------------------------

    def get(self, pk: str, sk: str) -> Item | None:
        check_key(pk, sk)
        try:
            return self._live_item(self._connection(), pk, sk, self._now())
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {error}") from error

    def put(self, item: Item, *, if_absent: bool = False) -> None:
        self.transact([Put(item, if_absent=if_absent)])

    def delete(self, pk: str, sk: str, *, if_present: bool = False) -> None:
        self.transact([Delete(pk, sk, if_present=if_present)])

    def query(self, pk: str, sk_prefix: str = "", *, limit: int | None = None,
              descending: bool = False) -> list[Item]:
        check_query(pk, sk_prefix, limit)
        return self._select(pk, sk_prefix, limit, descending, None)

    def query_page(self, pk: str, sk_prefix: str = "", *, limit: int, descending: bool = False,
                   after: str | None = None) -> QueryPage:
        start = check_query_page(pk, sk_prefix, limit, descending, after)
        # One row more than asked tells whether a next page exists, so the last page never
        # offers a link to an empty one.
        items = self._select(pk, sk_prefix, limit + 1, descending, start)
        if len(items) <= limit:
            return QueryPage(items, None)
        items = items[:limit]
        return QueryPage(items, encode_continuation(pk, sk_prefix, descending, items[-1]["sk"]))

    def _select(self, pk: str, sk_prefix: str, limit: int | None, descending: bool, start: str | None) -> list[Item]:
        """Live items of the partition under the prefix, strictly after ``start`` in the query's order."""
        sql = f"SELECT data FROM records WHERE pk = ? AND {_LIVE}"
        args: list = [pk, self._now()]
        if sk_prefix:
            # A range rather than LIKE/GLOB: no wildcard escaping, and the primary key index
            # is used. BINARY collation compares UTF-8 bytes, DynamoDB's sort-key order.
            sql += " AND sk >= ?"
            args.append(sk_prefix)
            upper = _after_prefix(sk_prefix)
            if upper is not None:
                sql += " AND sk < ?"
                args.append(upper)
        if start is not None:
            sql += " AND sk < ?" if descending else " AND sk > ?"
            args.append(start)
        sql += " ORDER BY sk DESC" if descending else " ORDER BY sk"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        try:
            return [json.loads(row[0]) for row in self._connection().execute(sql, args)]
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {error}") from error

    def transact(self, operations: list[Put | Delete]) -> None:
        check_transaction(operations)
        if not operations:
            return
        now = self._now()
        try:
            with self._write() as connection:
                for operation in operations:
                    self._apply(connection, operation, now)
                self._maybe_purge(connection, now)
        except sqlite3.Error as error:
            raise StoreError(f"cannot write to {self.path}: {error}") from error

    def increment(self, pk: str, sk: str, name: str, by: int = 1, *, expires_at: int | None = None) -> int:
        check_increment(pk, sk, name, by, expires_at)
        now = self._now()
        try:
            with self._write() as connection:
                item = self._live_item(connection, pk, sk, now)
                if item is None:
                    # Absent or expired: a new record, so a new window.
                    item = {"pk": pk, "sk": sk}
                    if expires_at is not None:
                        item["expires_at"] = expires_at
                current = item.get(name, 0)
                if isinstance(current, bool) or not isinstance(current, int):
                    raise StoreError(f"field {name!r} of {pk!r}/{sk!r} is not a number")
                item[name] = current + by
                self._write_item(connection, item)
                return item[name]
        except sqlite3.Error as error:
            raise StoreError(f"cannot write to {self.path}: {error}") from error


def _after_prefix(prefix: str) -> str | None:
    """The smallest string greater than every string that starts with ``prefix``.

    Code-point order equals UTF-8 byte order, so bumping the last character that can be
    bumped gives the exclusive upper bound; None when there is none (all U+10FFFF)."""
    chars = list(prefix)
    while chars:
        code = ord(chars.pop()) + 1
        if 0xD800 <= code <= 0xDFFF:  # surrogates cannot be encoded: jump past them
            code = 0xE000
        if code <= 0x10FFFF:
            return "".join(chars) + chr(code)
    return None

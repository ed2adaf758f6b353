"""The bot's mutable state (server settings, quiz games and scores, the anniversary ledger, user quotes): one
interface, two backends, chosen by where it points.

- SQLite (the default): a file (BELL_LAP_STATE, var/state.sqlite3), WAL, busy timeout; reads on one aiosqlite
  connection, writes on a second connection of their own, in BEGIN IMMEDIATE transactions, so concurrent
  writers never see "database is locked" and a failure leaves nothing half-written.
- PostgreSQL (DATABASE_URL=postgresql://...): an asyncpg pool shared by the process; writes run on one pooled
  connection at a time, in one transaction per group. Several bot processes (shards) share the database: what must happen once
  (one running game per channel, one winner per round, one anniversary post per server per day) is held by
  unique constraints, and the features claim with INSERT ... ON CONFLICT DO NOTHING and check the row count.

The features use only this (never a driver's cursor):

    rows = await store.fetchall(sql, args)          # reads; also fetchone
    async with store.write() as tx:                 # one transaction
        n = await tx.execute(sql, args)             # -> rows changed (0 for ON CONFLICT DO NOTHING that lost)
        new_id = await tx.insert_returning_id(sql, args)
        row = await tx.fetchone(sql + " FOR UPDATE", args)   # row lock on PostgreSQL; SQLite drops the clause

SQL is written once, with `?` placeholders and syntax both accept (ON CONFLICT, RETURNING, IS NOT DISTINCT
FROM, app-supplied ISO timestamps); the PostgreSQL backend turns `?` into `$1, $2, ...` (never inside string
literals, quoted names or comments). Rows index by position (row[0]) and by name on both. A constraint
refusal is IntegrityError on both (a sqlite3.IntegrityError subclass, so older `except` clauses still work).

Group commit (both backends): writes that arrive together share one transaction. The writes' bodies run one
after another, each inside a SAVEPOINT of its own; the group commits when no other write is queued (or at
`group_max` writes), and each `async with store.write()` returns only after the COMMIT that holds its write (a
quiz win is announced after that commit). A write whose body raises (an IntegrityError included) is rolled back
to its savepoint and gets its own exception; the others in the group are untouched. An outage or a failed
COMMIT fails every write of the group: none of them was written (StoreUnavailable, or in_doubt on a lost
PostgreSQL COMMIT). One commit per group, not per write: under a crowd the queue drains at the speed of the
statements, not of the commits.
On SQLite a write runs on the event loop's thread, BEGIN to COMMIT: BEGIN IMMEDIATE is tried at once with no
busy wait (the lock held elsewhere: the waiting attempts run on the write connection's own thread), inside the
transaction no statement waits for a lock, state statements take microseconds, and a WAL COMMIT with
synchronous=NORMAL only appends to the log; the checkpoints that copy the log into the file (and fsync) run on
that thread, every CHECKPOINT_EVERY commits, instead of inside a COMMIT.

Outages: a write that meets a transient failure — SQLite "database is locked" (another connection holds the
write lock), PostgreSQL refusing or dropping connections (stopped, restarting, shutting down, too many
clients) — is retried with backoff for `write_retry` seconds (WRITE_RETRY, 12 s), then raises StoreUnavailable;
a read that fails that way raises it at once (an interaction cannot wait). Only starting the transaction (and on
SQLite a busy COMMIT, which leaves it open) is retried, never its statements, so nothing runs twice; one that
fails half-way is rolled back; a PostgreSQL COMMIT whose connection is lost is `in_doubt`. Constraint refusals
and SQL errors are never retried. The bound is real time, not the injected clock: the outage is.

Schema: numbered files per backend, bot/state/migrations/sqlite/*.sql and .../postgres/*.sql, with the same
numbers and the same tables, columns and unique constraints (tests/test_state_store.py checks). SQLite keeps
its version in PRAGMA user_version (state files made before the split open as they are); PostgreSQL in
bell_lap_schema, migrated under an advisory lock so processes starting together do not race.
"""
from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import logging
import os
import random
import re
import sqlite3
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

MIGRATIONS = Path(__file__).with_name("migrations")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_STATE = ROOT / "var" / "state.sqlite3"
BACKENDS = ("sqlite", "postgres")
PG_SCHEMES = ("postgres://", "postgresql://")
_MIGRATION_LOCK = 0x6265_6C6C_6C61_70     # "bell lap": pg_advisory_lock key for migrations

WRITE_RETRY = 12.0        # seconds a write keeps retrying a busy or unreachable database before StoreUnavailable
SQLITE_BUSY_MS = 250      # one attempt's wait inside SQLite: it blocks the connection's thread (reads queue behind
                          # it), so the long wait is the retry loop's, on the event loop, between attempts
_BACKOFF_FIRST, _BACKOFF_MAX = 0.05, 1.0
CHECKPOINT_EVERY = 100   # SQLite commits between checkpoints (about SQLite's own 1,000 log pages for small writes)
GROUP_MAX = 128           # writes in one group commit at most: the first of a long queue is not kept waiting for all
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6

log = logging.getLogger(__name__)
T = TypeVar("T")


class IntegrityError(sqlite3.IntegrityError):
    """A unique, check or foreign-key constraint refused a write (either backend). The transaction is rolled
    back when it leaves store.write()."""


class StoreUnavailable(Exception):
    """The state database could not be reached or locked for `write_retry` seconds (a write), or at all (a read).
    Nothing of the transaction was written — unless `in_doubt`: the connection was lost during COMMIT
    (PostgreSQL), so the server may have committed it or not."""

    def __init__(self, message: str, *, in_doubt: bool = False):
        super().__init__(message)
        self.in_doubt = in_doubt


def is_transient(exc: BaseException) -> bool:
    """Is this failure the database being busy or unreachable (worth retrying), rather than it refusing the
    statement (a constraint, bad SQL, a full disk)?"""
    if isinstance(exc, StoreUnavailable):
        return True
    if isinstance(exc, sqlite3.Error):          # IntegrityError (ours too) included: never transient
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)     # extended codes keep the primary one low
        text = str(exc).lower()
        return "database is locked" in text or "database table is locked" in text
    if isinstance(exc, OSError):                # refused, reset, unreachable, connect timeout (TimeoutError)
        return True
    pg = sys.modules.get("asyncpg")             # only loaded with a PostgreSQL store
    if pg is not None:
        e = pg.exceptions
        if isinstance(exc, (e.PostgresConnectionError, e.CannotConnectNowError, e.AdminShutdownError,
                            e.CrashShutdownError, e.TooManyConnectionsError)):
            return True
        if isinstance(exc, e.InterfaceError) and "connection is closed" in str(exc):
            return True
    return False


def _why(exc: BaseException) -> str:
    # driver messages name host and port at most, never the URL's password
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def state_path() -> Path:
    return Path(os.environ.get("BELL_LAP_STATE") or DEFAULT_STATE)


def is_postgres(target: Any) -> bool:
    return isinstance(target, str) and target.startswith(PG_SCHEMES)


def state_target(database_url: str | None = None, state: Path | str | None = None) -> str | Path:
    """Where the state lives: DATABASE_URL when it is a postgresql:// URL, else the SQLite file."""
    url = database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
    if url and url.strip():
        url = url.strip()
        if not is_postgres(url):
            raise ValueError("DATABASE_URL must be a postgresql:// URL (leave it unset for the SQLite state file)")
        return url
    return Path(state) if state else state_path()


def migration_files(backend: str = "sqlite") -> list[tuple[int, Path]]:
    if backend not in BACKENDS:
        raise ValueError(backend)
    return sorted((int(p.name.split("_", 1)[0]), p) for p in (MIGRATIONS / backend).glob("*.sql"))


# -- placeholders ---------------------------------------------------------------------------------------------

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


@lru_cache(maxsize=2048)
def to_dollar(sql: str) -> str:
    """`?` placeholders -> `$1, $2, ...` for PostgreSQL. A `?` inside a '...' string (with '' escapes, E'...'
    backslash escapes too), a "quoted name", a $tag$ dollar-quoted string or a -- or /* */ comment is left
    as it is."""
    out: list[str] = []
    n = 0
    i, size = 0, len(sql)
    while i < size:
        c = sql[i]
        if c == "'" or c == '"':
            backslash = c == "'" and i > 0 and sql[i - 1] in "eE" and (i < 2 or not (sql[i - 2].isalnum()
                                                                                    or sql[i - 2] == "_"))
            j = i + 1
            while j < size:
                if backslash and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < size and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i:j + 1])
            i = j + 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = size if j < 0 else j
            out.append(sql[i:j])
            i = j
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = size if j < 0 else j + 2
            out.append(sql[i:j])
            i = j
        elif c == "$" and (m := _DOLLAR_TAG.match(sql, i)) and not (i > 0 and (sql[i - 1].isalnum()
                                                                              or sql[i - 1] == "_")):
            end = sql.find(m.group(0), m.end())
            j = size if end < 0 else end + len(m.group(0))
            out.append(sql[i:j])
            i = j
        elif c == "?":
            n += 1
            out.append(f"${n}")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


_FOR_UPDATE = re.compile(r"\s+FOR\s+(?:NO\s+KEY\s+)?UPDATE(?:\s+OF\s+[\w\s,.]+?)?(?:\s+(?:SKIP\s+LOCKED|NOWAIT))?"
                         r"\s*;?\s*$", re.IGNORECASE)


@lru_cache(maxsize=512)
def _sqlite_sql(sql: str) -> str:
    """SQLite has no row locks (its writes are already serialised): a trailing FOR UPDATE clause is dropped."""
    return _FOR_UPDATE.sub("", sql)


def _rowcount(status: str) -> int:
    """asyncpg's command tag ("INSERT 0 1", "UPDATE 3", "DELETE 0") -> the row count."""
    last = status.rsplit(" ", 1)[-1] if status else ""
    return int(last) if last.isdigit() else 0


class _Turn:
    """Whose turn it is to run a write's body: a lock that does not hand itself over one waiter per turn of the
    event loop when the bodies do not suspend. A write that finds no one writing and no one waiting goes at once
    (no await); the others wait, and `give()` wakes them all (wake_all: their bodies run back to back in the next
    turn of the loop, a body that suspends sending the rest back to wait) or the first one (in order)."""

    def __init__(self, wake_all: bool):
        self.wake_all = wake_all
        self.busy = False
        self.waiting = 0                      # writes waiting for a turn: they will join the open group
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()

    async def take(self) -> None:
        if not self.busy and not self._waiters:
            self.busy = True
            return
        loop = asyncio.get_running_loop()
        self.waiting += 1
        fut = loop.create_future()
        self._waiters.append(fut)
        try:
            while True:
                await fut
                if not self.busy:
                    self.busy = True
                    return
                fut = loop.create_future()     # someone went first and suspended: wait again, in front
                if self.wake_all:
                    self._waiters.append(fut)
                else:
                    self._waiters.appendleft(fut)
        except BaseException:
            if fut in self._waiters:
                self._waiters.remove(fut)
            elif fut.done() and not fut.cancelled() and not self.busy:
                self._wake()                   # woken, then cancelled: the turn goes to the next one
            raise
        finally:
            self.waiting -= 1

    def give(self) -> None:
        self.busy = False
        self._wake()

    def _wake(self) -> None:
        while self._waiters:
            fut = self._waiters.popleft()
            if not fut.done():
                fut.set_result(None)
                if not self.wake_all:
                    return


class _Group:
    """Writes sharing one transaction: the backend's connection, the Transaction they all write through, how
    many have joined, and the future each waits on for the COMMIT."""

    def __init__(self, tx: Transaction, conn: Any = None, handle: Any = None):
        self.tx, self.conn, self.handle = tx, conn, handle
        self.size = 0
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def finish(self) -> None:
        if not self.done.done():
            self.done.set_result(None)

    def fail(self, exc: BaseException) -> None:
        if not self.done.done():
            self.done.set_exception(exc)
            self.done.exception()      # retrieved: a group whose writes all failed on their own has no waiter


# -- the interface ------------------------------------------------------------------------------------------

class Transaction:
    """What `async with store.write() as tx` gives: statements in one transaction."""

    async def execute(self, sql: str, args: Iterable[Any] = ()) -> int:
        raise NotImplementedError

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list:
        raise NotImplementedError

    async def fetchone(self, sql: str, args: Iterable[Any] = ()):
        rows = await self.fetchall(sql, args)
        return rows[0] if rows else None

    async def insert_returning_id(self, sql: str, args: Iterable[Any] = (), column: str = "id") -> int:
        """An INSERT (without RETURNING) -> the new row's id."""
        row = await self.fetchone(f"{sql.rstrip().rstrip(';')} RETURNING {column}", args)
        return row[0]


class StateStore:
    """The store interface; StateStore.open(target) picks the backend (a postgresql:// URL or a file path)."""

    backend: str = ""
    write_retry: float = WRITE_RETRY     # open(..., write_retry=s) or set on the store

    @classmethod
    async def open(cls, target: Path | str | None = None, **kwargs: Any) -> StateStore:
        if cls is StateStore:
            if target is None:
                target = state_target()
            if is_postgres(target):
                return await PostgresStore.open(str(target), **kwargs)
            return await SqliteStore.open(target, **kwargs)
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list:
        raise NotImplementedError

    async def fetchone(self, sql: str, args: Iterable[Any] = ()):
        raise NotImplementedError

    group_max: int = GROUP_MAX

    # whether a write's statements suspend (PostgreSQL's go over the network; SQLite's do not): _Turn wakes the
    # waiting writes one at a time if so, else all at once
    statements_suspend: bool = True

    def _group_state(self) -> None:
        self._turn = _Turn(wake_all=not self.statements_suspend)     # one write's body at a time
        self._group: _Group | None = None
        self.writes = 0         # writes begun, and transactions committed: commits < writes is group commit at work
        self.commits = 0

    # a backend's part of group commit
    async def _begin_group(self) -> _Group:
        raise NotImplementedError

    async def _savepoint(self, group: _Group, name: str) -> None:
        raise NotImplementedError

    async def _rollback_to(self, group: _Group, name: str) -> None:
        raise NotImplementedError

    def _commit_now(self, group: _Group) -> bool:
        """COMMIT without suspending, where the backend can: True if done (an error: rolled back, raised)."""
        return False

    async def _commit_group(self, group: _Group) -> None:
        """COMMIT; any failure leaves the transaction rolled back (or in doubt) and the connection released."""
        raise NotImplementedError

    async def _abort_group(self, group: _Group) -> None:
        """ROLLBACK and release the connection; never raises."""
        raise NotImplementedError

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[Transaction]:
        """One write: its statements all or nothing, committed (with the writes queued with it) before this
        returns."""
        deadline = self._deadline()     # from the call, so writes queued behind a failing one give up soon too
        try:
            await self._turn.take()
        except BaseException:
            self._flush_soon()          # it may have been the write that was to commit the open group
            raise
        group: _Group | None = None
        ok = False
        try:
            group = self._group
            if group is None:
                group = self._group = await self._retrying(deadline, self._begin_group)
            name = f"w{group.size}"
            group.size += 1
            self.writes += 1
            try:
                await self._savepoint(group, name)
            except BaseException as exc:
                await self._fail_group(group, exc)
                raise self._as_unavailable(exc) from exc
            try:
                yield group.tx
            except BaseException as exc:
                try:
                    await self._rollback_to(group, name)
                except BaseException as undo:       # the connection is gone: the whole group with it
                    await self._fail_group(group, undo)
                converted = self._as_unavailable(exc)
                if converted is exc:
                    raise
                raise converted from exc
            ok = True
        finally:
            if group is not None and self._group is group and (not self._turn.waiting
                                                                or group.size >= self.group_max):
                await self._commit(group)
            self._turn.give()
        if ok:
            assert group is not None
            await asyncio.shield(group.done)        # raises the group's failure; cancelling us cancels no COMMIT

    def _as_unavailable(self, exc: BaseException) -> BaseException:
        if isinstance(exc, Exception) and not isinstance(exc, StoreUnavailable) and is_transient(exc):
            return _unavailable(exc)
        return exc

    async def _commit(self, group: _Group) -> None:
        """In a write's turn: commit the open group and tell its writes."""
        self._group = None
        try:
            if not self._commit_now(group):
                await asyncio.shield(self._commit_group(group))
        except BaseException as exc:
            group.fail(self._as_unavailable(exc) if isinstance(exc, Exception) else exc)
            if not isinstance(exc, Exception):
                raise
        else:
            self.commits += 1
            group.finish()

    async def _fail_group(self, group: _Group, exc: BaseException) -> None:
        if self._group is group:
            self._group = None
        await self._abort_group(group)
        failure = self._as_unavailable(exc) if isinstance(exc, Exception) else _unavailable(RuntimeError(repr(exc)))
        group.fail(failure)

    def _flush_soon(self) -> None:
        """A queued write left before its turn: if nobody else is there to commit the open group, commit it now
        (a task: the leaving write must not wait)."""
        if not self._turn.waiting and self._group is not None:
            asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        await self._turn.take()
        try:
            group = self._group
            if group is not None and not self._turn.waiting:
                await self._commit(group)
        finally:
            self._turn.give()

    async def schema_version(self) -> int:
        raise NotImplementedError

    def _deadline(self) -> float:
        return asyncio.get_running_loop().time() + self.write_retry

    async def _retrying(self, deadline: float, attempt: Callable[[], Awaitable[T]]) -> T:
        """attempt() until it succeeds, fails for good, or the deadline passes (then StoreUnavailable). It runs
        at least once, however late: a write that only queued behind others (no outage) must not fail."""
        delay = _BACKOFF_FIRST
        tries = 0
        loop = asyncio.get_running_loop()
        while True:
            tries += 1
            try:
                return await attempt()
            except Exception as exc:
                if not is_transient(exc):
                    raise
                left = deadline - loop.time()
                if left <= 0:
                    log.warning("state database (%s) unavailable: a write gave up after %d attempts: %s",
                                self.backend, tries, _why(exc))
                    raise StoreUnavailable(f"the state database is unavailable ({_why(exc)})") from exc
                if tries == 1:
                    log.info("state database (%s) busy or unreachable, retrying for up to %.1f s: %s",
                             self.backend, left, _why(exc))
                await asyncio.sleep(min(delay * random.uniform(0.5, 1.0), left))    # jitter: other processes
                delay = min(delay * 2, _BACKOFF_MAX)


def _unavailable(exc: Exception, *, in_doubt: bool = False) -> StoreUnavailable:
    return StoreUnavailable(f"the state database is unavailable ({_why(exc)})", in_doubt=in_doubt)


# -- SQLite -------------------------------------------------------------------------------------------------

class _SqliteTx(Transaction):
    """Statements of a write, on the write connection, on the calling (event loop) thread: the group holds the
    write lock already, so none waits for one (the module docstring says why)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def _run(self, sql: str, args: Iterable[Any]) -> sqlite3.Cursor:
        try:
            return self.conn.execute(_sqlite_sql(sql), tuple(args))
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(*exc.args) from exc

    async def execute(self, sql: str, args: Iterable[Any] = ()) -> int:
        cur = self._run(sql, args)
        try:
            return max(cur.rowcount, 0)
        finally:
            cur.close()

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(_sqlite_sql(sql), [tuple(r) for r in rows]).close()
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(*exc.args) from exc

    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        cur = self._run(sql, args)
        try:
            return cur.fetchall()
        except sqlite3.IntegrityError as exc:      # RETURNING: the row is written as it is fetched
            raise IntegrityError(*exc.args) from exc
        finally:
            cur.close()


class SqliteStore(StateStore):
    backend = "sqlite"
    statements_suspend = False

    def __init__(self, conn: aiosqlite.Connection, write_retry: float = WRITE_RETRY,
                 writer: sqlite3.Connection | None = None, group_max: int = GROUP_MAX):
        self.conn = conn                # reads
        self.writer = writer            # writes (set by open(), after the migrations)
        self.write_retry = write_retry
        self.group_max = group_max
        # BEGIN and COMMIT may wait (a lock, a checkpoint): on the write connection's own thread
        self._write_thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="state-write")
        self._group_state()
        self.path: Path | None = None
        self._checkpoint: asyncio.Future[None] | None = None
        self._checkpointer: sqlite3.Connection | None = None

    @classmethod
    async def open(cls, target: Path | str | None = None, *, write_retry: float = WRITE_RETRY,
                   group_max: int = GROUP_MAX, **_: Any) -> SqliteStore:
        path = Path(target) if target else state_path()
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA busy_timeout = 10000")       # migrating: another process may be at it too
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = NORMAL")
        store = cls(conn, write_retry, group_max=group_max)
        try:
            await store._migrate()
            await conn.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
            if str(path) == ":memory:":     # one database only this connection sees: it takes the writes too
                raise ValueError("the SQLite state store needs a file (a second connection writes to it)")
            store.writer = _open_writer(path)
            store.path = path
        except BaseException:
            await conn.close()
            store._write_thread.shutdown(wait=False)
            raise
        return store

    async def _migrate(self) -> None:
        version = await self.schema_version()
        for number, path in migration_files("sqlite"):
            if number > version:
                await self.conn.executescript(
                    f"BEGIN;\n{path.read_text()}\nPRAGMA user_version = {number};\nCOMMIT;")

    async def schema_version(self) -> int:
        row = await (await self.conn.execute("PRAGMA user_version")).fetchone()
        assert row is not None, "PRAGMA user_version always returns one row"
        return row[0]

    async def close(self) -> None:
        await self.conn.close()
        if self._checkpoint is not None:
            with contextlib.suppress(Exception):
                await self._checkpoint
        if self.writer is not None:
            self.writer.close()
        if self._checkpointer is not None:
            self._checkpointer.close()
        self._write_thread.shutdown(wait=True)

    # reads: any number at once (WAL readers never block the writer, nor wait for another connection's lock).
    # Each is one call on the read connection's thread, statement run to its end: a statement left open while
    # the next one starts would hold the connection's snapshot, and that read would miss writes committed since
    # (the writes are on the other connection)
    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return list(await self.conn.execute_fetchall(_sqlite_sql(sql), tuple(args)))
        except sqlite3.OperationalError as exc:
            if is_transient(exc):
                raise _unavailable(exc) from exc
            raise

    async def fetchone(self, sql: str, args: Iterable[Any] = ()) -> sqlite3.Row | None:
        rows = await self.fetchall(sql, args)
        return rows[0] if rows else None

    # writes: group commit (StateStore.write); BEGIN IMMEDIATE takes the file's write lock up front, so a busy
    # database fails there (retried) and never half-way through
    def _on_write_thread(self, fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        return asyncio.get_running_loop().run_in_executor(self._write_thread, fn, *args)

    def _begin_waiting(self) -> None:
        """BEGIN IMMEDIATE waiting up to SQLITE_BUSY_MS for the lock (on the write thread)."""
        assert self.writer is not None, "open() sets the write connection"
        if self.writer.in_transaction:      # a BEGIN whose caller was cancelled: nobody's group, roll it back
            self.writer.execute("ROLLBACK")
        self.writer.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        try:
            self.writer.execute("BEGIN IMMEDIATE")
        finally:
            self.writer.execute("PRAGMA busy_timeout = 0")

    async def _begin_group(self) -> _Group:
        writer = self.writer
        assert writer is not None, "open() sets the write connection"
        try:
            # the usual case, the file's lock free: taken at once on the loop (busy_timeout 0: it never waits
            # here); held by another connection: the waiting attempt, off the loop
            if writer.in_transaction:
                raise sqlite3.OperationalError("database is locked (a BEGIN left open)")
            writer.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not is_transient(exc):
                raise
            await self._on_write_thread(self._begin_waiting)
        return _Group(_SqliteTx(writer))

    async def _savepoint(self, group: _Group, name: str) -> None:
        assert self.writer is not None
        self.writer.execute(f"SAVEPOINT {name}")

    async def _rollback_to(self, group: _Group, name: str) -> None:
        assert self.writer is not None
        self.writer.execute(f"ROLLBACK TO {name}")

    def _commit_now(self, group: _Group) -> bool:
        writer = self.writer
        assert writer is not None
        try:
            # on the loop: in WAL mode with synchronous=NORMAL a COMMIT appends to the log and returns (no
            # fsync; the writer's checkpoints are ours, off the loop); a hop to a thread would cost more
            writer.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if is_transient(exc):
                return False            # busy: _commit_group retries it
            with contextlib.suppress(sqlite3.Error):
                writer.execute("ROLLBACK")
            raise
        self._committed()
        return True

    async def _commit_group(self, group: _Group) -> None:
        writer = self.writer
        assert writer is not None
        try:
            # a busy COMMIT leaves the transaction open, so it may be retried (rare in WAL mode)
            await self._retrying(self._deadline(), lambda: self._on_write_thread(writer.execute, "COMMIT"))
        except BaseException:
            await self._abort_group(group)
            raise
        self._committed()

    def _committed(self) -> None:
        if (self.commits + 1) % CHECKPOINT_EVERY == 0 and (self._checkpoint is None or self._checkpoint.done()):
            self._checkpoint = asyncio.ensure_future(self._on_write_thread(self._checkpoint_now))

    def _checkpoint_now(self) -> None:
        """Copy the log into the database file (PASSIVE: never waits for, nor blocks, the writes), on its own
        connection: what SQLite's automatic checkpoint would do inside a COMMIT, on the loop."""
        with contextlib.suppress(sqlite3.Error):       # busy readers: the next one gets further
            if self._checkpointer is None:
                assert self.path is not None, "open() sets it with the write connection"
                self._checkpointer = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    async def _abort_group(self, group: _Group) -> None:
        writer = self.writer
        if writer is not None and writer.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                await self._on_write_thread(writer.execute, "ROLLBACK")


def _open_writer(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 0")       # its statements on the loop never wait (see _begin_group)
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # not inside a COMMIT on the loop: _checkpoint_now, off it
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


# -- PostgreSQL ---------------------------------------------------------------------------------------------

def _asyncpg():
    try:
        import asyncpg
    except ImportError as exc:   # pragma: no cover - asyncpg is in requirements.txt
        raise RuntimeError("DATABASE_URL is a PostgreSQL URL but asyncpg is not installed "
                           "(pip install -r requirements.txt)") from exc
    return asyncpg


def _integrity(exc: Exception) -> IntegrityError:
    err = IntegrityError(str(exc))
    err.constraint = getattr(exc, "constraint_name", None)      # type: ignore[attr-defined]
    return err


class _PgTx(Transaction):
    def __init__(self, conn):
        self.conn = conn
        self._integrity = _asyncpg().IntegrityConstraintViolationError

    async def execute(self, sql: str, args: Iterable[Any] = ()) -> int:
        try:
            return _rowcount(await self.conn.execute(to_dollar(sql), *args))
        except self._integrity as exc:
            raise _integrity(exc) from exc

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        try:
            await self.conn.executemany(to_dollar(sql), rows)
        except self._integrity as exc:
            raise _integrity(exc) from exc

    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list:
        try:
            return await self.conn.fetch(to_dollar(sql), *args)
        except self._integrity as exc:
            raise _integrity(exc) from exc


async def _init_connection(conn) -> None:
    # numeric (e.g. 1.0 * points / games) comes back as float, as it does from SQLite, not Decimal
    await conn.set_type_codec("numeric", encoder=str, decoder=float, schema="pg_catalog", format="text")


class PostgresStore(StateStore):
    backend = "postgres"

    def __init__(self, pool, url: str, write_retry: float = WRITE_RETRY, group_max: int = GROUP_MAX):
        self.pool = pool
        self.url = url
        self.write_retry = write_retry
        self.group_max = group_max
        self._group_state()

    @classmethod
    async def open(cls, target: Path | str | None = None, *, min_size: int = 1, max_size: int = 10,
                   write_retry: float = WRITE_RETRY, group_max: int = GROUP_MAX, **_: Any) -> PostgresStore:
        url = target or state_target()
        if not is_postgres(url):
            raise ValueError(f"not a PostgreSQL URL: {url!r}")
        asyncpg = _asyncpg()
        pool = await asyncpg.create_pool(str(url), min_size=min_size, max_size=max_size, init=_init_connection,
                                         command_timeout=60)
        store = cls(pool, str(url), write_retry, group_max)
        try:
            await store._migrate()
        except BaseException:
            await pool.close()
            raise
        return store

    async def _migrate(self) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK)
            try:
                await conn.execute("CREATE TABLE IF NOT EXISTS bell_lap_schema (version INTEGER NOT NULL)")
                version = await conn.fetchval("SELECT max(version) FROM bell_lap_schema") or 0
                for number, path in migration_files("postgres"):
                    if number > version:
                        async with conn.transaction():
                            await conn.execute(path.read_text())
                            await conn.execute("INSERT INTO bell_lap_schema (version) VALUES ($1)", number)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK)

    async def schema_version(self) -> int:
        return await self.pool.fetchval("SELECT coalesce(max(version), 0) FROM bell_lap_schema")

    async def close(self) -> None:
        await self.pool.close()

    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list:
        try:
            return await self.pool.fetch(to_dollar(sql), *args)
        except Exception as exc:
            if is_transient(exc):
                raise _unavailable(exc) from exc
            raise

    async def fetchone(self, sql: str, args: Iterable[Any] = ()):
        try:
            return await self.pool.fetchrow(to_dollar(sql), *args)
        except Exception as exc:
            if is_transient(exc):
                raise _unavailable(exc) from exc
            raise

    async def _begin(self):
        """A pooled connection in a started transaction. A connection the server dropped is replaced by the pool
        on acquire (it reconnects), so after a restart the retry gets a fresh one."""
        conn = await self.pool.acquire()
        try:
            tx = conn.transaction()
            await tx.start()
        except BaseException:
            with contextlib.suppress(Exception):
                await self.pool.release(conn)
            raise
        return conn, tx

    async def _begin_group(self) -> _Group:
        conn, tx = await self._begin()
        return _Group(_PgTx(conn), conn, tx)

    async def _savepoint(self, group: _Group, name: str) -> None:
        await group.conn.execute(f"SAVEPOINT {name}")

    async def _rollback_to(self, group: _Group, name: str) -> None:
        await group.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")

    async def _commit_group(self, group: _Group) -> None:
        try:
            await group.handle.commit()
        except Exception as exc:
            with contextlib.suppress(Exception):
                await group.handle.rollback()
            if is_transient(exc):
                # the COMMIT may have reached the server before the connection went: nobody can tell
                raise _unavailable(exc, in_doubt=True) from exc
            if isinstance(exc, _asyncpg().IntegrityConstraintViolationError):    # a deferred constraint
                raise _integrity(exc) from exc
            raise
        finally:
            with contextlib.suppress(Exception):
                await self.pool.release(group.conn)

    async def _abort_group(self, group: _Group) -> None:
        with contextlib.suppress(Exception):     # on a dropped connection the server rolled it back
            await group.handle.rollback()
        with contextlib.suppress(Exception):
            await self.pool.release(group.conn)


__all__ = ["BACKENDS", "WRITE_RETRY", "IntegrityError", "PostgresStore", "SqliteStore", "StateStore",
           "StoreUnavailable", "Transaction", "is_postgres", "is_transient", "migration_files", "state_path",
           "state_target", "to_dollar"]

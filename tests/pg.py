"""A throwaway PostgreSQL server for the tests: the postgres variants of the store-dependent tests and the scale
test run on it.

server() finds initdb/pg_ctl (/usr/lib/postgresql/*/bin, newest first, then PATH), initdb's a cluster into a
fresh directory under the system temp dir (trust auth, fsync off: it is thrown away), starts it on a free port
on 127.0.0.1 with its unix socket in that directory, and stops it (and deletes the directory) when the test
process exits. One server per test process, started on first use.

Running as root (CI, containers): initdb and postgres refuse root, so they run as the `postgres` system user
that Debian's package creates (subprocess user=/group=), and the directory is handed to that user.

No binaries: the postgres variants are skipped, unless BELL_LAP_REQUIRE_POSTGRES=1 (CI sets it), which turns
the skip into a failure so CI cannot pass by skipping them.

Each test gets its own database (fresh_database(): CREATE DATABASE ... TEMPLATE a migrated one), dropped at
teardown.

Outages (the `outage` fixture, an Outage): a test takes its state database away for real and gives it back.
On SQLite a second sqlite3 connection holds the file's write lock (BEGIN IMMEDIATE); on PostgreSQL the test
gets a server of its own (dedicated_server(), started by the same code as the shared one, which is never
touched), stopped with `pg_ctl stop -m fast` (every session is ended, new ones are refused) and started again
on the same port and data directory.
"""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import glob
import itertools
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest

REQUIRE_ENV = "BELL_LAP_REQUIRE_POSTGRES"
SUPERUSER = "postgres"
TEMPLATE = "bell_lap_template"
# the PostgreSQL variant of every store-dependent test carries the `postgres` marker (-m "not postgres" skips them)
BACKEND_PARAMS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def find_bindir() -> Path | None:
    """The directory with initdb, pg_ctl and postgres: Debian's /usr/lib/postgresql/<version>/bin (newest
    first), else wherever PATH has initdb."""
    def version(p: str) -> tuple:
        v = Path(p).parent.name
        return tuple(int(x) if x.isdigit() else 0 for x in v.split("."))

    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if all(os.access(Path(d) / b, os.X_OK) for b in ("initdb", "pg_ctl", "postgres")):
            return Path(d)
    found = shutil.which("initdb")
    if found:
        d = Path(os.path.realpath(found)).parent
        if all(os.access(d / b, os.X_OK) for b in ("pg_ctl", "postgres")):
            return d
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Unavailable(Exception):
    pass


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    run_as: pwd.struct_passwd | None
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))
    proc_log: Path | None = None

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        kw = {}
        if self.run_as is not None:
            kw = dict(user=self.run_as.pw_uid, group=self.run_as.pw_gid, extra_groups=[])
        env = dict(os.environ, LC_ALL="C", LANG="C")
        return subprocess.run(list(args), check=check, capture_output=True, text=True, timeout=timeout,
                              cwd=self.root, env=env, **kw)

    def start(self) -> None:
        try:
            self._run(str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", SUPERUSER, "--auth=trust",
                      "--encoding=UTF8", "--no-sync", "--locale=C")
        except subprocess.CalledProcessError as exc:
            raise Unavailable(f"initdb failed: {exc.stderr or exc.stdout}") from exc
        self._launch()
        # in a thread of its own: server() may be called from inside a running event loop (an async fixture)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, self._make_template()).result(timeout=120)

    def _launch(self) -> None:
        """pg_ctl start on the cluster, waiting until it accepts connections (the first start, and resume())."""
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                f"-c shared_buffers=64MB")
        self.proc_log = self.root / "postgres.log"
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.proc_log), "-o", opts,
                      "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as exc:
            log = self.proc_log.read_text(errors="replace") if self.proc_log.exists() else ""
            raise Unavailable(f"pg_ctl start failed: {exc.stderr or exc.stdout}\n{log[-2000:]}") from exc

    def halt(self) -> None:
        """Stop the server as an outage would, keeping its data: `-m fast` ends every session (clients see
        'terminating connection due to administrator command') and refuses new ones until resume()."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "fast", "-w", "-t", "60", "stop")

    def resume(self) -> None:
        """Start a halted server again, on the same port and data directory."""
        self._launch()

    async def _make_template(self) -> None:
        import asyncpg

        from bot.state.store import StateStore
        conn = await asyncpg.connect(self.url())
        try:
            await conn.execute(f"CREATE DATABASE {TEMPLATE}")
        finally:
            await conn.close()
        store = await StateStore.open(self.url(TEMPLATE))     # migrated once; tests copy it
        await store.close()

    def stop(self) -> None:
        if not self.root.exists():          # stopped already (a dedicated server: by its test, then at exit)
            return
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w", "stop",
                      check=False, timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- databases
    async def create_database(self, migrated: bool = True) -> str:
        """A new empty database (migrated: a copy of the migrated template); returns its URL."""
        import asyncpg
        name = f"t{os.getpid()}_{next(self._names)}"
        conn = await asyncpg.connect(self.url())
        try:
            await conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {TEMPLATE}" if migrated else ""))
        finally:
            await conn.close()
        return self.url(name)

    async def password_role(self, name: str, password: str) -> None:
        """A login role that must give its password (scram) over TCP, whatever the cluster's trust rule says
        for everyone else: pg_hba.conf is read first line first, so its line goes at the top."""
        import asyncpg
        hba = self.datadir / "pg_hba.conf"
        rule = f"host all {name} 127.0.0.1/32 scram-sha-256\n"
        text = hba.read_text()
        if rule not in text:
            hba.write_text(rule + text)
        conn = await asyncpg.connect(self.url())
        try:
            await conn.execute(f"DROP ROLE IF EXISTS {name}")
            # SUPERUSER: the bot migrates the database it is given; the test databases belong to `postgres`
            quoted = password.replace("'", "''")
            await conn.execute(f"CREATE ROLE {name} LOGIN SUPERUSER PASSWORD '{quoted}'")
            await conn.fetchval("SELECT pg_reload_conf()")
        finally:
            await conn.close()

    async def drop_database(self, url: str) -> None:
        import asyncpg
        name = url.rsplit("/", 1)[-1]
        conn = await asyncpg.connect(self.url())
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        finally:
            await conn.close()


_server: PgServer | None = None
_failure: str | None = None


def _start() -> PgServer:
    bindir = find_bindir()
    if bindir is None:
        raise Unavailable("no PostgreSQL server binaries (initdb, pg_ctl, postgres) under /usr/lib/postgresql/*/bin "
                          "or on PATH: apt-get install postgresql")
    run_as = None
    if os.geteuid() == 0:
        try:
            run_as = pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable("running as root and there is no 'postgres' user to run the server as "
                              "(Debian's postgresql package creates it)") from None
    root = Path(tempfile.mkdtemp(prefix="bell-lap-pg-"))
    if run_as is not None:
        os.chown(root, run_as.pw_uid, run_as.pw_gid)
    os.chmod(root, 0o700)
    server = PgServer(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server


def _missing(why: str | None) -> NoReturn:
    if required():
        pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1) but unavailable: {why}", pytrace=False)
    pytest.skip(f"PostgreSQL unavailable: {why}")


def server() -> PgServer:
    """The test process's PostgreSQL server (started on first call), or skip — or fail when it is required."""
    global _server, _failure
    if _server is None and _failure is None:
        try:
            _server = _start()
            atexit.register(_server.stop)
        except Unavailable as exc:
            _failure = str(exc)
        except Exception as exc:      # noqa: BLE001 - say why, once, for every postgres test
            _failure = f"{type(exc).__name__}: {exc}"
    if _server is None:
        _missing(_failure)
    assert _server is not None
    return _server


def dedicated_server() -> PgServer:
    """A PostgreSQL server of the caller's own (about 2 s to start), by the same code as the shared one: for a
    test that stops it. The caller stops it (PgServer.stop()); it is stopped at exit in any case."""
    if _failure is not None:
        _missing(_failure)
    try:
        srv = _start()
    except Unavailable as exc:
        _missing(str(exc))
    atexit.register(srv.stop)
    return srv


class Outage:
    """A real outage of a test's state database: begin() takes it away, end() gives it back (both idempotent).

    SQLite: a second connection (not the store's) runs BEGIN IMMEDIATE on the file and holds the write lock, so
    the store's writes find "database is locked" while reads still work (WAL). PostgreSQL: the test's own
    server is stopped (`pg_ctl stop -m fast`) and started again on the same port and data directory."""

    def __init__(self, backend: str, target: str | Path, server: PgServer | None = None):
        self.backend, self.target, self.server = backend, target, server
        self.active = False
        self._holder: sqlite3.Connection | None = None

    async def begin(self) -> None:
        if self.active:
            return
        if self.backend == "sqlite":
            # in a thread: taking the lock waits (busy timeout) if the store is in the middle of a write
            self._holder = await asyncio.to_thread(self._lock)
        else:
            assert self.server is not None
            await asyncio.to_thread(self.server.halt)
        self.active = True

    def _lock(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.target, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        return conn

    async def end(self) -> None:
        if not self.active:
            return
        if self.backend == "sqlite":
            holder, self._holder = self._holder, None
            if holder is not None:
                holder.execute("ROLLBACK")
                holder.close()
        else:
            assert self.server is not None
            await asyncio.to_thread(self.server.resume)
        self.active = False


# -- fixtures (a plugin of every test: tests/conftest.py's pytest_plugins) -----------------------------------

@pytest.fixture(params=BACKEND_PARAMS)
def backend(request) -> str:
    """Each store-dependent test runs once on SQLite and once on PostgreSQL."""
    return request.param


@pytest.fixture()
async def backend_target(backend, tmp_path):
    """A state target on the test's backend: a SQLite file, or a fresh PostgreSQL database (dropped afterwards).
    Test modules whose directory's conftest gives state_target another meaning (tests/e2e: SQLite only) override
    state_target with this to run on both backends."""
    if backend == "sqlite":
        yield tmp_path / "state.sqlite3"
        return
    srv = server()
    url = await srv.create_database()
    yield url
    await srv.drop_database(url)


@pytest.fixture()
def state_target(backend_target):
    """Where the test's state lives: a SQLite file, or a fresh PostgreSQL database (dropped afterwards).
    Open it (again, e.g. to play a restarted process) with StateStore.open(state_target)."""
    return backend_target


@pytest.fixture()
async def outage(backend, tmp_path):
    """An Outage of a state target on the test's backend: a SQLite file, or a database on a PostgreSQL server of
    the test's own (dedicated_server(): the shared server is never stopped). Open the store on `outage.target`.
    The database is given back at teardown."""
    if backend == "sqlite":
        o = Outage("sqlite", tmp_path / "state.sqlite3")
        try:
            yield o
        finally:
            await o.end()
        return
    srv = dedicated_server()
    try:
        o = Outage("postgres", await srv.create_database(), srv)
        try:
            yield o
        finally:
            await o.end()
    finally:
        srv.stop()


@pytest.fixture()
async def store(state_target):
    from bot.state.store import StateStore
    s = await StateStore.open(state_target)
    yield s
    await s.close()

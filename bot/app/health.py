"""`python -m bot health`: does everything the bot needs answer? For container healthchecks and a first look.

Three checks, each read-only (a health check must not build, migrate or create anything):
- the reference database opens and answers a query over its main tables;
- the state store answers: the SQLite file opens, or PostgreSQL accepts a connection and a query;
- every extension in cogs/ imports and has its setup() (a missing runtime package shows here, not only at
  start).
Exit 0 and one "ok" line naming what was checked; otherwise one line per failure, naming what failed, and
exit 1. No line ever holds the state store's password.
"""
from __future__ import annotations

import asyncio
import importlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.app.settings import Settings, describe_database_url, scrub

PG_TIMEOUT = 5.0   # seconds: a healthcheck has a timeout of its own (docker-compose.yml: 10 s)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def reference_db(path: Path) -> Check:
    if not path.is_file():
        return Check("reference database", False, f"no file at {path} (the bot builds it at its first start)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            events, results = conn.execute(
                "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM results)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("reference database", False, f"{path}: {exc}")
    if not events or not results:
        return Check("reference database", False, f"{path} is empty ({events} events, {results} results)")
    return Check("reference database", True, f"{results:,} results")


def sqlite_state(path: Path) -> Check:
    if not path.is_file():
        return Check("state store", False, f"no SQLite file at {path} (the bot creates it at start)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("state store", False, f"SQLite {path}: {exc}")
    return Check("state store", True, f"SQLite {path.name}")


async def _pg_ping(url: str) -> None:
    import asyncpg
    conn = await asyncpg.connect(url, timeout=PG_TIMEOUT)
    try:
        await conn.fetchval("SELECT 1")
    finally:
        await conn.close()


def postgres_state(url: str) -> Check:
    where = describe_database_url(url)
    try:
        asyncio.run(asyncio.wait_for(_pg_ping(url), PG_TIMEOUT * 2))
    except Exception as exc:   # any failure is the answer; its text never holds the password (asyncpg's own)
        return Check("state store", False, f"{where}: {exc.__class__.__name__}: {scrub(str(exc), url)}")
    return Check("state store", True, where)


def extensions() -> Check:
    from bot.app.client import extensions as names
    found = names()
    broken = []
    for name in found:
        try:
            module = importlib.import_module(name)
        except Exception as exc:   # an extension that does not import is exactly what this check reports
            broken.append(f"{name} ({exc.__class__.__name__}: {exc})")
            continue
        if not callable(getattr(module, "setup", None)):
            broken.append(f"{name} (no setup function)")
    if broken:
        return Check("extensions", False, "; ".join(broken))
    return Check("extensions", True, f"{len(found)} extensions")


def run_checks(settings: Settings, db_path: Path) -> list[Check]:
    from bot.state.store import state_target
    target = state_target(settings.database_url.reveal(), settings.state_path)
    store = postgres_state(target) if isinstance(target, str) else sqlite_state(Path(target))
    return [reference_db(db_path), store, extensions()]


def report(checks: list[Check]) -> tuple[int, list[str]]:
    failed = [c for c in checks if not c.ok]
    if failed:
        return 1, [f"unhealthy: {c.name}: {c.detail}" for c in failed]
    return 0, ["ok: " + ", ".join(f"{c.name} ({c.detail})" for c in checks)]

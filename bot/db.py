"""The SQLite database: numbered migrations, the event catalogue, and opening it for the bot.

Migrations are the numbered files in bot/migrations/; the schema version is SQLite's user_version, so a
database always says which migrations it has. The bot opens one aiosqlite connection at startup and hands
it to whatever needs it (built once, passed in, never global).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import aiosqlite

from bot import events as ev
from bot import names

MIGRATIONS = Path(__file__).with_name("migrations")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "var" / "bell_lap.sqlite3"


def migration_files() -> list[tuple[int, Path]]:
    out = []
    for p in sorted(MIGRATIONS.glob("*.sql")):
        out.append((int(p.name.split("_", 1)[0]), p))
    return out


def latest_version() -> int:
    return max(v for v, _ in migration_files())


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the database lacks, each in one transaction. Returns the schema version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, path in migration_files():
        if number <= version:
            continue
        conn.executescript(f"BEGIN;\n{path.read_text()}\nPRAGMA user_version = {number};\nCOMMIT;")
        version = number
    return version


def pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")


def insert_events(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """Write the event catalogue (every event for men and women, mixed relays) and return (code, sex) -> id."""
    rows, aliases = [], set()
    for event in ev.EVENTS.values():
        sexes = ("M", "W", "X") if event.kind == ev.RELAY and event.code in ("4x400", "4x100") else ("M", "W")
        for sex in sexes:
            rows.append((event.code, sex, ev.full_name(event.code, sex), event.kind, event.held,
                         int(event.lower_is_better), event.mark_format, event.distance_m))
        for alias in (event.code, event.name, *event.aliases):
            aliases.add((event.code, names.fold(alias)))
    conn.executemany("INSERT INTO events (code, sex, name, kind, held, lower_is_better, mark_format, distance_m)"
                     " VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT OR IGNORE INTO event_aliases VALUES (?,?)", sorted(aliases))
    return {(c, s): i for i, c, s in conn.execute("SELECT id, code, sex FROM events")}


def db_path() -> Path:
    return Path(os.environ.get("BELL_LAP_DB") or DEFAULT_DB)


async def open_db(path: Path | str | None = None) -> aiosqlite.Connection:
    """Open (building it from data/ first if missing) the database for the bot."""
    from bot import dataset
    path = Path(path) if path else db_path()
    dataset.ensure_db(path)
    conn = await aiosqlite.connect(path)
    conn.row_factory = aiosqlite.Row
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA busy_timeout = 5000")
    await conn.execute("PRAGMA journal_mode = WAL")
    return conn

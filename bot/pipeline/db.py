"""The SQLite database: numbered migrations, the event catalogue, and opening it for the bot.

Migrations are the numbered files in bot/pipeline/migrations/; the schema version is SQLite's user_version, so a
database always says which migrations it has. The bot opens one aiosqlite connection at startup and hands
it to whatever needs it (built once, passed in, never global).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from bot.common import events as ev
from bot.common import names

MIGRATIONS = Path(__file__).with_name("migrations")
ROOT = Path(__file__).resolve().parents[2]
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
        if number in (2, 6):
            # an existing database gets its bests (002) and day inputs (006) from the results it already has
            refresh_bests(conn)
            if conn.in_transaction:
                conn.commit()
    return version


# A legal mark: finished, not annulled for doping, not wind-aided (flagged, or over +2.0 m/s), with a date.
LEGAL_RESULT = ("res.status = 'OK' AND instr(res.flags, 'DOP') = 0 AND res.mark_value IS NOT NULL "
                "AND instr(res.flags, 'w') = 0 AND (res.wind IS NULL OR res.wind <= 2.0)")


# A championship title: a final (or a race without a round) won at the Olympics, the worlds or World Indoors.
TITLE_RESULT = ("c.level IN ('OG', 'WCH', 'WIC') AND res.place = 1 AND (r.round = 'F' OR r.round IS NULL) "
                "AND res.status = 'OK' AND instr(res.flags, 'DOP') = 0")


def refresh_bests(conn: sqlite3.Connection) -> None:
    """Recompute what is derived from results: season_bests and bests (migration 002), year_marks and
    athlete_titles (006). Call after any change to results; plain statements, so inside a caller's transaction
    it is part of that transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for sql in (
        "DELETE FROM season_bests",
        "DELETE FROM bests",
        f"INSERT INTO season_bests (event_id, year, athlete_id, indoor, rank_value, result_id, marks) "
        f"SELECT r.event_id, CAST(substr(r.date, 1, 4) AS INTEGER), res.athlete_id, r.indoor, "
        f"       min(CASE e.lower_is_better WHEN 1 THEN res.mark_value ELSE -res.mark_value END), res.id, count(*) "
        f"FROM results res JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
        f"WHERE {LEGAL_RESULT} AND r.date IS NOT NULL "
        f"GROUP BY r.event_id, substr(r.date, 1, 4), res.athlete_id, r.indoor",
        "INSERT INTO bests (event_id, athlete_id, indoor, rank_value, result_id) "
        "SELECT event_id, athlete_id, indoor, min(rank_value), result_id FROM season_bests "
        "GROUP BY event_id, athlete_id, indoor",
    ):
        conn.execute(sql)
    if version >= 6:    # migration 002 refreshes before 006 made the tables
        _refresh_day_inputs(conn)


def _refresh_day_inputs(conn: sqlite3.Connection) -> None:
    for sql in (
        "DELETE FROM year_marks",
        "DELETE FROM athlete_titles",
        f"INSERT INTO year_marks (event_id, indoor, year, marks, low, high) "
        f"SELECT r.event_id, r.indoor, substr(r.date, 1, 4), count(*), min(res.mark_value), max(res.mark_value) "
        f"FROM results res JOIN races r ON r.id = res.race_id "
        f"WHERE {LEGAL_RESULT} AND r.date >= substr(r.date, 1, 4) || '-01-01' "
        f"GROUP BY r.event_id, r.indoor, substr(r.date, 1, 4)",
        f"INSERT INTO athlete_titles (athlete_id, titles) "
        f"SELECT res.athlete_id, count(DISTINCT r.event_id || '/' || c.year || '/' || c.level) "
        f"FROM results res JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
        f"WHERE {TITLE_RESULT} GROUP BY res.athlete_id",
    ):
        conn.execute(sql)


def pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")


def insert_events(conn: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """Write the event catalogue (every event for men and women, mixed relays) and return (code, sex) -> id."""
    rows, aliases = [], set()
    for event in ev.EVENTS.values():
        sexes = (("X",) if event.code in ev.MIXED_ONLY else
                 ("M", "W", "X") if event.kind == ev.RELAY and event.code in ("4x400", "4x100") else ("M", "W"))
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

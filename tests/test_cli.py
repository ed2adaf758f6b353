"""`python -m bot ...` as a user runs it: a real process on a real database file."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.pipeline import dataset

ROOT = Path(__file__).resolve().parents[1]


def bot(*args: str, db: Path, token: str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "BELL_LAP_DB")}
    env["BELL_LAP_DB"] = str(db)
    env["BELL_LAP_STATE"] = str(db.with_name("state.sqlite3"))   # the console opens the bot's state store
    if token is not None:
        env["DISCORD_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, input=stdin)


def table_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in dataset.TABLES}
    finally:
        conn.close()


def make_state(db: Path) -> Path:
    """The state file the bot creates at its first start (bot() points BELL_LAP_STATE beside the database)."""
    import asyncio

    from bot.state.store import StateStore

    async def create() -> None:
        await (await StateStore.open(db.with_name("state.sqlite3"))).close()
    asyncio.run(create())
    return db.with_name("state.sqlite3")


def test_health_ok_names_what_it_checked(writable_db):
    make_state(writable_db)
    proc = bot("health", db=writable_db)
    assert proc.returncode == 0, proc.stderr
    from bot.app.client import extensions
    results = table_counts(writable_db)["results"]
    assert proc.stdout.strip() == (f"ok: reference database ({results:,} results), state store (SQLite "
                                   f"state.sqlite3), extensions ({len(extensions())} extensions)")


def test_health_fails_when_the_state_store_does_not_answer(writable_db):
    state = writable_db.with_name("state.sqlite3")
    state.write_bytes(b"this is not a database" * 100)
    proc = bot("health", db=writable_db)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith(f"unhealthy: state store: SQLite {state}: file is not a database")


def test_health_fails_on_a_missing_database_and_does_not_build_it(tmp_path):
    missing = tmp_path / "nothing-here.sqlite3"
    proc = bot("health", db=missing)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("unhealthy: ")
    assert not missing.exists()


def test_health_fails_on_a_database_without_our_tables(tmp_path):
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    proc = bot("health", db=other)
    assert proc.returncode == 1
    assert "no such table: events" in proc.stderr


def test_db_option_wins_over_the_environment(writable_db, tmp_path):
    (tmp_path / "state.sqlite3").write_bytes(make_state(writable_db).read_bytes())
    proc = bot("--db", str(writable_db), "health", db=tmp_path / "nothing-here.sqlite3")
    assert proc.returncode == 0, proc.stderr


def test_data_stats_prints_every_table_with_its_count(writable_db):
    proc = bot("data", "stats", db=writable_db)
    assert proc.returncode == 0, proc.stderr
    printed = {m.group(1): int(m.group(2).replace(",", ""))
               for m in re.finditer(r"^  (\w+)\s+([\d,]+)$", proc.stdout, re.MULTILINE)}
    assert printed == table_counts(writable_db)
    assert set(printed) == set(dataset.TABLES)
    for heading in ("Rows per table:", "Results by decade and level:", "Competitions by level:", "Records:"):
        assert heading in proc.stdout


def test_no_token_runs_the_console(writable_db):
    """Without DISCORD_TOKEN the default is the console (tests/console/ drives it); at the end of its input
    it exits 0. The database summary is `data stats`."""
    proc = bot(db=writable_db, token="", stdin="")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Bell Lap on ")


def test_unknown_command_is_a_usage_error(writable_db):
    proc = bot("data", "frobnicate", db=writable_db)
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr

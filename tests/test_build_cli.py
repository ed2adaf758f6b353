"""Small fixes around the build: the data CLI's message for a file it must not replace, and equal best marks
through the export."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.pipeline import dataset
from bot.pipeline import db as dbmod

ROOT = Path(__file__).resolve().parents[1]


def test_data_command_on_a_file_that_is_not_a_database_says_so_politely(tmp_path):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("my notes, not a database\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "BELL_LAP_DB")}
    proc = subprocess.run([sys.executable, "-m", "bot", "--db", str(notes), "data", "stats"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Cannot use the database: ") and "not a SQLite database" in proc.stderr
    assert notes.read_text() == "my notes, not a database\n"  # untouched


def test_export_keeps_equal_best_marks_and_the_bests_built_from_them(tmp_path):
    conn = sqlite3.connect(tmp_path / "build.sqlite3")
    dbmod.migrate(conn)
    event_ids = dbmod.insert_events(conn)
    ev = event_ids[("1500m", "M")]
    conn.execute("INSERT INTO sources (id, name, origin, licence, authority, notes) VALUES ('s', 's', 'o', 'l', 1, '')")
    conn.execute("INSERT INTO athletes (id, name, sex, source_id) VALUES (1, 'A Runner', 'M', 's')")
    # Three equal 3:30.00 marks, none at a named competition: data/ keeps every one (it once kept only the
    # best), and the database built from data/ picks the same PB and season best as the build did.
    for race, date in ((1, "2020-07-02"), (2, "2020-07-01"), (3, "2020-07-01")):
        conn.execute("INSERT INTO races (id, event_id, date, indoor, source_id) VALUES (?, ?, ?, 0, 's')",
                     (race, ev, date))
    for rid, race in ((12, 3), (10, 1), (11, 2)):
        conn.execute("INSERT INTO results (id, race_id, athlete_id, mark, mark_value, source_id, source_ref) "
                     "VALUES (?, ?, 1, '3:30.00', 210.0, 's', 'x')", (rid, race))
    dbmod.refresh_bests(conn)
    conn.commit()
    dataset.export(conn, tmp_path / "data", preset=1)
    dataset.build_from_data(tmp_path / "built.sqlite3", tmp_path / "data")
    built = sqlite3.connect(tmp_path / "built.sqlite3")
    assert built.execute("SELECT id, race_id, mark_value FROM results ORDER BY id").fetchall() == [
        (10, 1, 210.0), (11, 2, 210.0), (12, 3, 210.0)]
    for table in ("bests", "season_bests"):
        assert built.execute(f"SELECT * FROM {table}").fetchall() == conn.execute(f"SELECT * FROM {table}").fetchall()
    built.close()
    conn.close()

"""Small fixes around the build: the data CLI's message for a file it must not replace, and the export's
deterministic choice between equal best marks."""
from __future__ import annotations

import csv
import gzip
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


def test_export_breaks_ties_between_equal_best_marks_deterministically(tmp_path):
    conn = sqlite3.connect(tmp_path / "full.sqlite3")
    dbmod.migrate(conn)
    event_ids = dbmod.insert_events(conn)
    ev = event_ids[("1500m", "M")]
    conn.execute("INSERT INTO sources (id, name, origin, licence, authority, notes) VALUES ('s', 's', 'o', 'l', 1, '')")
    conn.execute("INSERT INTO athletes (id, name, sex, source_id) VALUES (1, 'A Runner', 'M', 's')")
    # Three equal 3:30.00 marks, none at a named competition: the earliest one is the PB and season best; on
    # the same day, the first row (whatever order the rows were inserted in).
    for race, date in ((1, "2020-07-02"), (2, "2020-07-01"), (3, "2020-07-01")):
        conn.execute("INSERT INTO races (id, event_id, date, indoor, source_id) VALUES (?, ?, ?, 0, 's')",
                     (race, ev, date))
    for rid, race in ((12, 3), (10, 1), (11, 2)):
        conn.execute("INSERT INTO results (id, race_id, athlete_id, mark, mark_value, source_id, source_ref) "
                     "VALUES (?, ?, 1, '3:30.00', 210.0, 's', 'x')", (rid, race))
    conn.commit()
    dataset.export(conn, tmp_path / "data")
    with gzip.open(tmp_path / "data" / "results.csv.gz", "rt") as f:
        kept = [int(r["id"]) for r in csv.DictReader(f)]
    assert kept == [11]

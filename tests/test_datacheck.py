"""`python -m bot data check`: clean on the built database, and each kind of corruption is reported."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.common import marks
from bot.pipeline import datacheck

ROOT = Path(__file__).resolve().parents[1]


def problems_of(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return datacheck.check(conn)
    finally:
        conn.close()


def corrupt(path: Path, sql: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def one(path: Path, sql: str, params: tuple = ()):
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(sql, params).fetchone()
    finally:
        conn.close()
    assert row is not None, sql
    return row


def a_1500m_result(path: Path) -> tuple[int, str, float, str, str]:
    """(id, mark, mark_value, source_id, source_ref) of a men's 1500 m result with a mark."""
    return one(path, "SELECT res.id, res.mark, res.mark_value, res.source_id, res.source_ref FROM results res "
                     "JOIN races r ON r.id = res.race_id JOIN events e ON e.id = r.event_id "
                     "WHERE e.code = '1500m' AND e.sex = 'M' AND res.mark IS NOT NULL ORDER BY res.id LIMIT 1")


def run_check(db: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    return subprocess.run([sys.executable, "-m", "bot", "--db", str(db), "data", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_built_database_is_clean(writable_db):
    assert problems_of(writable_db) == []


# --- marks -------------------------------------------------------------------------------------------------

def test_unparseable_mark(writable_db):
    rid, _, _, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET mark = '3:7x' WHERE id = ?", (rid,))
    assert problems_of(writable_db) == [
        f"results id {rid} ({src} {ref}): mark '3:7x': unexpected 'x' at the end of mark '3:7x'"]


def test_mark_text_disagrees_with_value(writable_db):
    rid, mark, value, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET mark_value = ? WHERE id = ?", (value + 1, rid))
    assert problems_of(writable_db) == [f"results id {rid} ({src} {ref}): mark {mark!r} does not match value {value + 1}"]


def test_mark_without_value(writable_db):
    rid, mark, _, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET mark_value = NULL WHERE id = ?", (rid,))
    assert problems_of(writable_db) == [f"results id {rid} ({src} {ref}): mark {mark!r} does not match value None"]


def test_record_mark_disagrees_with_value(writable_db):
    rid, mark, value, src, ref = one(writable_db, "SELECT id, mark, mark_value, source_id, source_ref FROM records "
                                                  "WHERE kind = 'national' ORDER BY id LIMIT 1")
    corrupt(writable_db, "UPDATE records SET mark_value = ? WHERE id = ?", (value + 0.5, rid))
    assert f"records id {rid} ({src} {ref}): mark {mark!r} does not match value {value + 0.5}" in problems_of(
        writable_db)


# --- dates -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["2023-02-30", "20230102"])  # the second: fromisoformat alone takes it
def test_invalid_date(writable_db, bad):
    rid = one(writable_db, "SELECT id FROM races WHERE date IS NOT NULL ORDER BY id LIMIT 1")[0]
    corrupt(writable_db, "UPDATE races SET date = ? WHERE id = ?", (bad, rid))
    assert problems_of(writable_db) == [f"races id {rid}: date {bad!r} is not a valid past date"]


def test_future_date(writable_db):
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    aid = one(writable_db, "SELECT id FROM athletes WHERE birth_date IS NOT NULL ORDER BY id LIMIT 1")[0]
    cid = one(writable_db, "SELECT id FROM competitions WHERE end_date IS NOT NULL ORDER BY id LIMIT 1")[0]
    corrupt(writable_db, "UPDATE athletes SET birth_date = ? WHERE id = ?", (future, aid))
    corrupt(writable_db, "UPDATE competitions SET end_date = ? WHERE id = ?", (future, cid))
    assert problems_of(writable_db) == [
        f"athletes id {aid}: birth_date {future!r} is not a valid past date",
        f"competitions id {cid}: end_date {future!r} is not a valid past date",
    ]


# --- records -----------------------------------------------------------------------------------------------

def current_wr(path: Path) -> tuple[int, int, str, float, int, str]:
    """The men's outdoor 1500 m world record row: (id, event_id, mark, value, athlete_id, source_id)."""
    return one(path, "SELECT rec.id, rec.event_id, rec.mark, rec.mark_value, rec.athlete_id, rec.source_id "
                     "FROM records rec JOIN events e ON e.id = rec.event_id WHERE e.code = '1500m' AND e.sex = 'M' "
                     "AND rec.kind = 'world' AND rec.current = 1 AND rec.indoor = 0 ORDER BY rec.id LIMIT 1")


def add_record(path: Path, kind: str, region: str, current: int) -> tuple[int, str]:
    """A record one second better than the men's 1500 m world record; returns (world record id, its mark)."""
    wr_id, event_id, wr_mark, value, athlete, source = current_wr(path)
    better = value - 1.0
    text = marks.format_mark(better, "1500m")
    corrupt(path, "INSERT INTO records (kind, region, event_id, indoor, mark, mark_value, athlete_id, date, current,"
                  " source_id, source_ref) VALUES (?, ?, ?, 0, ?, ?, ?, '2024-08-06', ?, ?, 'test')",
            (kind, region, event_id, text, better, athlete, current, source))
    return wr_id, f"current M 1500m world record {wr_mark} is beaten on the record lists by {text}"


@pytest.mark.parametrize("kind,current", [("olympic", 1), ("world", 0)])
def test_current_world_record_beaten_on_the_record_lists(writable_db, kind, current):
    wr_id, expected = add_record(writable_db, kind, "WORLD", current)
    problems = problems_of(writable_db)
    assert any(p.startswith(f"records id {wr_id}: {expected} (") and f"{kind} record" in p for p in problems), problems
    assert all("world record" in p and "is beaten" in p for p in problems)


def test_area_record_better_than_the_world_record_is_not_a_problem(writable_db):
    # Area lists keep marks a world list may not (see datacheck); only world and Olympic lists count.
    add_record(writable_db, "area", "EUR", 1)
    assert problems_of(writable_db) == []


# --- athletes and sources ----------------------------------------------------------------------------------

def test_duplicate_athlete(writable_db):
    name, dob, nat = one(writable_db, "SELECT name, birth_date, nationality FROM athletes WHERE name = 'Josh Kerr'")
    corrupt(writable_db, "INSERT INTO athletes (name, given, family, sex, nationality, birth_date, birth_year, "
                         "source_id) SELECT name, given, family, sex, nationality, birth_date, birth_year, source_id "
                         "FROM athletes WHERE name = 'Josh Kerr'")
    assert problems_of(writable_db) == [f"athletes: 2 rows for {name} ({nat}, born {dob})"]


def test_row_with_unknown_source(writable_db):
    rid = a_1500m_result(writable_db)[0]
    corrupt(writable_db, "UPDATE results SET source_id = 'nowhere' WHERE id = ?", (rid,))
    problems = problems_of(writable_db)
    assert "results: 1 rows without a known source" in problems
    # source_id is also a foreign key, so the reference check sees the same row.
    assert len(problems) == 2
    assert problems[1].startswith(f"1 foreign key violation(s), first: ('results', {rid}, 'sources', ")


def test_broken_reference(writable_db):
    rid = a_1500m_result(writable_db)[0]
    corrupt(writable_db, "UPDATE results SET athlete_id = 999999999 WHERE id = ?", (rid,))
    problems = problems_of(writable_db)
    assert len(problems) == 1
    assert problems[0].startswith(f"1 foreign key violation(s), first: ('results', {rid}, 'athletes', ")


# --- races: one athlete once, one race once -----------------------------------------------------------------

def test_one_athlete_twice_in_a_race(writable_db):
    rid, race, athlete = one(writable_db, "SELECT res.id, res.race_id, res.athlete_id FROM results res JOIN athletes a "
                                          "ON a.id = res.athlete_id WHERE a.is_team = 0 AND res.place = 1 "
                                          "ORDER BY res.id LIMIT 1")
    corrupt(writable_db, "INSERT INTO results (race_id, athlete_id, place, mark, mark_value, status, source_id, "
                         "source_ref) SELECT race_id, athlete_id, NULL, NULL, NULL, 'DNF', source_id, 'planted' "
                         "FROM results WHERE id = ?", (rid,))
    problems = problems_of(writable_db)
    assert len(problems) == 1 and problems[0].startswith(f"races id {race}: 2 results for "), problems
    assert f"(athletes id {athlete}): one athlete twice in a race" in problems[0]


def copy_race(path: Path, label: str, wind: str = "wind", result: str = "mark, mark_value, status") -> tuple[int, int]:
    """A dated meeting race with three or more marked results, and a copy of it with its results under another
    label: `wind` and `result` are the SQL the copy takes the race's wind and each result's mark, value and
    status from (the original's by default)."""
    race, = one(path, "SELECT r.id FROM races r JOIN results res ON res.race_id = r.id "
                      "WHERE r.competition_id IS NOT NULL AND r.date IS NOT NULL AND res.place IS NOT NULL "
                      "AND res.mark IS NOT NULL GROUP BY r.id HAVING COUNT(*) >= 3 ORDER BY r.id LIMIT 1")
    conn = sqlite3.connect(path)
    copy = conn.execute(f"INSERT INTO races (competition_id, event_id, round, heat, label, date, venue, country, "
                        f"indoor, wind, source_id) SELECT competition_id, event_id, round, heat, ?, date, venue, "
                        f"country, indoor, {wind}, source_id FROM races WHERE id = ?", (label, race)).lastrowid
    conn.execute(f"INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind, flags, "
                 f"source_id, source_ref) SELECT ?, athlete_id, place, position, {result}, wind, flags, "
                 f"source_id, source_ref FROM results WHERE race_id = ?", (copy, race))
    conn.commit()
    conn.close()
    assert copy is not None
    return race, copy


def test_one_race_stored_twice(writable_db):
    race, copy = copy_race(writable_db, "copy")
    problems = problems_of(writable_db)
    assert any(p.startswith(f"races id {race} and {copy}: one race stored twice") for p in problems), problems


def test_two_races_of_a_meeting_with_other_marks_are_not_one(writable_db):
    # An A and a B race on one day (the Diamond League archive's Stockholm 2017 100 m: a Diamond Discipline
    # race and a National Events race, athletes in both with other marks) are two races.
    copy_race(writable_db, "B race", wind="NULL", result="NULL, NULL, 'DNF'")
    assert not [p for p in problems_of(writable_db) if "one race stored twice" in p]


# --- the command line --------------------------------------------------------------------------------------

def test_cli_clean_database_exits_0(writable_db):
    proc = run_check(writable_db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "data check: clean" in proc.stdout


def test_cli_corrupted_database_exits_1(writable_db):
    rid, _, _, src, ref = a_1500m_result(writable_db)
    corrupt(writable_db, "UPDATE results SET mark = '3:7x' WHERE id = ?", (rid,))
    proc = run_check(writable_db)
    assert proc.returncode == 1
    assert f"results id {rid} ({src} {ref}): mark '3:7x'" in proc.stdout
    assert "1 problem(s)" in proc.stdout

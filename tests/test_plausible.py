"""bot/common/plausible.py: every bound comes from the database (the records and the marks on file), and user imports
never move them. Each expectation is read here from the database with its own query."""
from __future__ import annotations

import sqlite3

import pytest

from bot.common import marks, plausible


def ro(path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def world_record(conn: sqlite3.Connection, best: str, code: str) -> float:
    """The men's current world record of an event: `best` is min for times, max for distances."""
    return conn.execute(f"SELECT {best}(rec.mark_value) FROM records rec JOIN events e ON e.id = rec.event_id WHERE "
                        "e.code = ? AND e.sex = 'M' AND rec.kind = 'world' AND rec.current = 1", (code,)).fetchone()[0]


def on_file(conn: sqlite3.Connection, agg: str, code: str) -> float:
    """The `agg` (min or max) of an event's men's marks on file: its finished results and its records."""
    return {"min": min, "max": max}[agg](
        conn.execute(f"SELECT {agg}(res.mark_value) FROM results res JOIN races r ON r.id = res.race_id JOIN events e "
                     "ON e.id = r.event_id WHERE e.code = ? AND e.sex = 'M' AND res.status = 'OK'", (code,)).fetchone()[0],
        conn.execute(f"SELECT {agg}(rec.mark_value) FROM records rec JOIN events e ON e.id = rec.event_id WHERE "
                     "e.code = ? AND e.sex = 'M'", (code,)).fetchone()[0])


def test_a_negative_mark_keeps_its_sign_in_the_error():
    for text, event in (("-3:45.34", "mile"), ("\u22126.30", "LJ"), ("-5", "100m"), ("- 9126", "DEC")):
        with pytest.raises(marks.MarkError, match="is negative: a mark is never below zero"):
            marks.parse_mark(text, event)
    assert marks.parse_mark("3:45.34", "mile").value == 225.34


def test_mark_bounds_are_the_world_record_and_the_worst_mark_on_file(db_path):
    conn = ro(db_path)
    try:
        wr, worst = world_record(conn, "min", "1500m"), on_file(conn, "max", "1500m")
        b = plausible.one_event(conn, "1500m", "M")
    finally:
        conn.close()
    assert b is not None and b.best_is_wr
    assert (b.best.value, b.worst.value) == (wr, worst)
    assert b.best_limit == pytest.approx(wr * 0.97, abs=0.01) and b.best_limit <= wr * 0.97
    assert b.worst_limit == pytest.approx(worst * 1.5, abs=0.01) and b.worst_limit >= worst * 1.5 - 1e-9
    assert b.problem(wr) is None and b.problem(worst) is None
    assert "faster than the world record" in (b.problem(wr * 0.96) or "")
    assert "slower than the slowest mark on file" in (b.problem(worst * 1.6) or "")


def test_field_events_bound_the_other_way(db_path):
    conn = ro(db_path)
    try:
        wr = world_record(conn, "max", "LJ")
        b = plausible.one_event(conn, "LJ", "M")
    finally:
        conn.close()
    assert b is not None and b.best_limit == pytest.approx(wr * 1.03, abs=0.01) and b.best_limit >= wr * 1.03
    assert b.problem(99.99) and b.problem(0.5) and b.problem(wr) is None


def test_with_no_world_record_the_best_mark_on_file_stands_in(db_path):
    conn = ro(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM records rec JOIN events e ON e.id = rec.event_id WHERE "
                            "e.code = '300m' AND e.sex = 'M' AND rec.current = 1 AND rec.kind = 'world'"
                            ).fetchone()[0] == 0
        best = on_file(conn, "min", "300m")
        b = plausible.one_event(conn, "300m", "M")
    finally:
        conn.close()
    assert b is not None and not b.best_is_wr and b.best.value == best
    assert "best mark on file (there is no world record on file)" in b.accepted()


def test_an_event_with_nothing_on_file_has_no_bounds(db_path):
    conn = ro(db_path)
    try:
        assert plausible.one_event(conn, "500m", "M") is None
    finally:
        conn.close()


def test_user_imports_never_move_the_bounds(writable_db):
    conn = sqlite3.connect(writable_db)
    before = plausible.one_event(conn, "1500m", "M")
    race, athlete = conn.execute("SELECT r.id, res.athlete_id FROM races r JOIN results res ON res.race_id = r.id "
                                 "JOIN events e ON e.id = r.event_id WHERE e.code = '1500m' AND e.sex = 'M' "
                                 "LIMIT 1").fetchone()
    conn.execute("INSERT INTO sources VALUES ('user:x.csv:00000000', 'x', 'x.csv', '', 20, '')")
    for value in (1.0, 9999.0):
        conn.execute("INSERT INTO results (race_id, athlete_id, mark, mark_value, status, flags, source_id, "
                     "source_ref) VALUES (?, ?, ?, ?, 'OK', '', 'user:x.csv:00000000', 'x.csv:2')",
                     (race, athlete, marks.format_mark(value, "1500m"), value))
    conn.execute("UPDATE results SET place = 999999, wind = 99 WHERE source_id = 'user:x.csv:00000000'")
    conn.commit()
    bounds = plausible.Bounds(conn)
    assert plausible.one_event(conn, "1500m", "M") == before
    places, wind = bounds.places, bounds.wind
    assert places is not None and places.largest == conn.execute(
        "SELECT max(place) FROM results WHERE source_id NOT LIKE 'user:%'").fetchone()[0]
    assert wind is not None and wind.tail == conn.execute(
        "SELECT max(wind) FROM results WHERE source_id NOT LIKE 'user:%'").fetchone()[0]
    conn.close()


def test_age_bounds_leave_out_one_result_in_ten_thousand_at_each_end(db_path):
    conn = ro(db_path)
    try:
        age = "(julianday(r.date) - julianday(a.birth_date)) / 365.2425"
        body = (f"FROM results res JOIN races r ON r.id = res.race_id JOIN athletes a ON a.id = res.athlete_id "
                f"WHERE {age} IS NOT NULL")
        n = conn.execute(f"SELECT count(*) {body}").fetchone()[0]
        k = n // 10_000
        young = conn.execute(f"SELECT {age} AS x {body} ORDER BY x LIMIT 1 OFFSET ?", (k,)).fetchone()[0]
        old = conn.execute(f"SELECT {age} AS x {body} ORDER BY x DESC LIMIT 1 OFFSET ?", (k,)).fetchone()[0]
        youngest = conn.execute(f"SELECT min({age}) {body}").fetchone()[0]
        b = plausible.age_bounds(conn)
    finally:
        conn.close()
    assert b is not None and b.results == n
    assert (b.youngest, b.oldest) == pytest.approx((young, old))
    assert (b.lo, b.hi) == pytest.approx((young - plausible.YOUNGER_BY, old + plausible.OLDER_BY), abs=0.05)
    # the wrong birth dates on file (a result before birth) are what the tail leaves out
    assert youngest < 0 < b.lo
    assert b.problem(30.0) is None and b.problem(226.0) and b.problem(-1.0)


def test_the_margin_beyond_the_world_record_is_the_builders():
    """The builder drops a source's result this much better than the world record as a misread mark
    (data/SOURCES.md); the import, the data check and /convert use the same margin."""
    from bot.pipeline import build
    assert plausible.BETTER_THAN_WR == build.IMPLAUSIBLE

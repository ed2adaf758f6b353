"""The reads that made the engine's slowest first answers (issue 17) go by index: what SQLite plans for the
statements a question runs, read with EXPLAIN QUERY PLAN on the built database. The database has no
statistics (no ANALYZE), so the plans are SQLite's defaults and the queries say the order where it matters."""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

import pytest

from bot.ask import fame, thresholds
from bot.ask.catalogue import Catalogue
from bot.ask.day_stories import Selector
from bot.ask.engine import Engine
from tests.conftest import TODAY


def _plans(conn: sqlite3.Connection, run: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """(statement, its plan lines) for every SELECT that run() makes on conn."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        run()
    finally:
        conn.set_trace_callback(None)
    out = []
    for sql in seen:
        if sql.lstrip().upper().startswith("SELECT"):
            # the trace writes an infinite bound as Inf, which SQL does not read back
            sql = sql.replace("-Inf", "-1e999").replace("Inf", "1e999")
            out.append((sql, [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]))
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, db_path):
    """An engine on a copy of the database: nothing kept from other tests' questions (the per-file memos)."""
    copy = tmp_path_factory.mktemp("plans") / "copy.sqlite3"
    src, dst = sqlite3.connect(db_path), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    eng = Engine.open(copy, today=lambda: TODAY)
    yield eng
    eng.close()


def test_the_records_by_athlete_index_is_built(db):
    cols = [r[2] for r in db.execute("PRAGMA index_info(records_athlete)")]
    assert cols == ["athlete_id", "event_id"]


@pytest.mark.parametrize("question", ["french pole vault record", "kenyan 110h record", "norwegian 1500m record",
                                      "italian long jump record"])
def test_national_record_search_checks_other_lists_by_athlete(fresh, question):
    """The better mark by a nation's athletes leaves out marks on another nation's list: that check runs per
    mark, and read every national record each time (6 s for the French pole vault)."""
    plans = [p for sql, p in _plans(fresh.conn, lambda: fresh.answer_now(question))
             if "NOT EXISTS (SELECT 1 FROM records x" in sql]
    assert plans, "the question no longer searches for a better mark"
    for lines in plans:
        assert any("records_athlete" in line for line in lines), lines


@pytest.mark.parametrize("question", ["who ran 9.58", "who ran 47.60", "who threw 70.00"])
def test_mark_lookup_reads_a_marks_records_by_athlete(fresh, question):
    plans = [p for sql, p in _plans(fresh.conn, lambda: fresh.answer_now(question))
             if "FROM records rec WHERE rec.athlete_id" in sql]
    assert plans, "the answer no longer looks up the records a mark set"
    for lines in plans:
        assert not any(line.startswith("SCAN rec") for line in lines), lines


def _no_full_scan(plans: list[tuple[str, list[str]]]) -> None:
    for sql, lines in plans:
        assert not any(line.split(" USING")[0] in ("SCAN res", "SCAN r") for line in lines), (sql, lines)


def test_prominence_reads_the_championships_from_their_meets(db):
    """Every final of the big championships, read meet by meet, not by walking every result (1.7 s)."""
    plans = _plans(db, lambda: fame.prominence(db))
    assert plans
    _no_full_scan(plans)


def test_olympic_events_read_from_the_games(db):
    cat = Catalogue(db)
    plans = _plans(db, lambda: cat.olympic_events(db))
    assert plans
    _no_full_scan(plans)


@pytest.mark.parametrize("day", [dt.date(2025, 7, 9), dt.date(2025, 8, 2), dt.date(2025, 9, 29)])
def test_a_winners_earlier_marks_are_read_by_athlete(db, day):
    """"On this day": whether a win was a career best reads the winner's own marks, not every mark of the
    event before the day (10-30 ms a winner)."""
    sel = Selector(db)
    sel._read.careers.clear()   # kept per file: other tests' days read them already
    plans = [(sql, p) for sql, p in _plans(db, lambda: sel.select(day))
             if "WHERE res.athlete_id =" in sql and "+r.event_id" in sql]
    assert plans
    for sql, lines in plans:
        assert any("results_athlete" in line for line in lines), (sql, lines)


def test_world_records_read_at_once_equal_one_event_at_a_time(db):
    memo: dict = {}
    for (eid,) in db.execute("SELECT id FROM events"):
        for lower in (True, False):
            pick = "min" if lower else "max"
            one = db.execute(f"SELECT {pick}(mark_value) FROM records WHERE kind = 'world' AND current = 1 "
                             "AND event_id = ?", (eid,)).fetchone()[0]
            assert thresholds._world_record(db, memo, eid, lower) == one


@pytest.mark.parametrize("question", ["who ran 9.58", "who ran 10.50", "who jumped 8.95", "who ran 2:01:09"])
def test_who_ran_reads_the_results_near_the_mark(fresh, question):
    """"who ran 9.58" reads the results within a hair of the mark (results_mark, migration 006), not every
    mark of the events it could be in (30-50 ms for the 100 m)."""
    plans = [p for sql, p in _plans(fresh.conn, lambda: fresh.answer_now(question))
             if "res.mark_value BETWEEN" in sql]
    assert plans, "the answer no longer looks the mark up"
    for lines in plans:
        assert any("USING INDEX results_mark" in line for line in lines), lines
        assert not any("races_event_date" in line for line in lines), lines


@pytest.mark.parametrize("day", [dt.date(2025, 7, 9), dt.date(2025, 8, 16), dt.date(2025, 9, 29)])
def test_a_days_year_marks_and_titles_are_read_by_key(db, day):
    """"On this day": a year's marks of an event and an athlete's title count are one row each of the tables
    the build fills (migration 006), not a scan of the event's year or of the athlete's results."""
    sel = Selector(db)
    sel._titles.clear()     # kept per file: other tests' days read them already
    plans = _plans(db, lambda: sel.candidates(day, this_year=True, famous_only=False))
    read = {t: [p for sql, p in plans if f"FROM {t} " in sql] for t in ("year_marks", "athlete_titles")}
    assert all(read.values()), "the day's stories no longer read the built tables"
    for lines in read["year_marks"] + read["athlete_titles"]:
        assert len(lines) == 1 and lines[0].startswith("SEARCH") and "PRIMARY KEY" in lines[0], lines
    assert not [sql for sql, _ in plans if "min(? * res.mark_value)" in sql or "COUNT(DISTINCT r.event_id" in sql]


def test_marks_past_a_world_record_are_read_by_athlete(db):
    """A better mark before Bolt's 9.58 (past the 9.69 it broke): the few athletes whose best is past it, by
    their own marks, not every 100 m mark before 2009."""
    sel = Selector(db)
    e = sel.cat.event("100m", "M")
    assert e is not None
    plans = [(sql, p) for sql, p in _plans(db, lambda: sel._better_before(e.id, False, "2009-08-16", 9.69, 1, None,
                                                                            0, 9.58))
             if "FROM results res" in sql]
    assert plans
    for sql, lines in plans:
        assert any("results_athlete" in line for line in lines) and not any("races_event_date" in line
                                                                             for line in lines), (sql, lines)

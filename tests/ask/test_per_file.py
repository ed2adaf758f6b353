"""What is read once per database file (bot/ask/per_file.py) answers as the per-question SQL it replaced: the
other records a mark set (day stories), and the records a looked-up mark set (who ran X)."""
from __future__ import annotations

import sqlite3

from bot.ask import marks_run
from bot.ask.catalogue import record_words
from bot.ask.day_stories import Selector
from bot.ask.per_file import kept


def test_kept_per_file_and_fresh_in_memory(engine):
    assert kept(engine.conn, "x") is kept(engine.conn, "x")
    memory = sqlite3.connect(":memory:")
    assert kept(memory, "x") is not kept(memory, "x")


def test_also_as_the_sql(engine):
    conn = engine.conn
    sel = Selector(conn, engine.cat)
    rows = conn.execute("SELECT athlete_id, event_id, indoor, date, mark_value, kind, region FROM records "
                        "WHERE mark_value IS NOT NULL ORDER BY id").fetchall()
    assert len(rows) > 100
    order = {"world": 0, "area": 1, "national": 2}
    for aid, event_id, indoor, date, value, kind, region in rows[::7]:
        for k, r in ((kind, region), ("", ""), ("world", None)):
            want = conn.execute(
                "SELECT DISTINCT kind, region FROM records WHERE athlete_id = ? AND event_id = ? AND indoor = ? "
                "AND date = ? AND abs(mark_value - ?) < 1e-6 AND kind IN ('world', 'area', 'national') "
                "AND NOT (kind = ? AND region = ?)", (aid, event_id, int(indoor), date, value, k, r)).fetchall()
            # an indoor list's record is said as an indoor record ("Greek indoor record")
            io = " indoor record" if indoor else " record"
            expected = tuple(record_words(x, y).removesuffix(" record") + io
                             for x, y in sorted(want, key=lambda t: (order[t[0]], t[1])))
            assert sel._also(aid, event_id, bool(indoor), date, value, k, r) == expected


def test_records_set_as_the_sql(engine):
    conn = engine.conn
    marks = conn.execute(
        "SELECT res.athlete_id, r.event_id, r.date, res.mark_value FROM results res JOIN races r ON r.id = res.race_id "
        "JOIN records rec ON rec.athlete_id = res.athlete_id AND rec.event_id = r.event_id AND rec.date = r.date "
        "WHERE res.mark_value IS NOT NULL GROUP BY res.id ORDER BY res.id").fetchall()
    marks += conn.execute("SELECT res.athlete_id, r.event_id, r.date, res.mark_value FROM results res "
                          "JOIN races r ON r.id = res.race_id WHERE res.mark_value IS NOT NULL LIMIT 200").fetchall()
    assert len(marks) > 200
    for aid, event_id, date, value in marks[::3]:
        kinds, current = conn.execute(
            "SELECT (SELECT group_concat(DISTINCT rec.kind) FROM records rec WHERE rec.athlete_id = ? AND "
            " rec.event_id = ? AND rec.date = ? AND abs(rec.mark_value - ?) < 0.001), "
            "(SELECT max(rec.current) FROM records rec WHERE rec.athlete_id = ? AND rec.event_id = ? "
            " AND rec.date = ? AND abs(rec.mark_value - ?) < 0.001)",
            (aid, event_id, date, value) * 2).fetchone()
        got_kinds, got_current = marks_run._records_set(conn, aid, event_id, date, value)
        assert (set((got_kinds or "").split(",")), got_current) == (set((kinds or "").split(",")), current)


def test_record_kinds_as_the_sql(engine):
    """A result's record note: the same (kind, region) pairs, in the same order, as the query it replaced."""
    from bot.ask.results import record_kinds
    conn = engine.conn
    rows = conn.execute("SELECT athlete_id, event_id, date, mark FROM records ORDER BY id").fetchall()
    rows += conn.execute("SELECT res.athlete_id, r.event_id, r.date, res.mark FROM results res "
                         "JOIN races r ON r.id = res.race_id LIMIT 300").fetchall()
    for aid, event_id, date, mark in rows[::5]:
        want = conn.execute("SELECT DISTINCT kind, region FROM records WHERE athlete_id = ? AND event_id = ? "
                            "AND date = ? AND mark = ? ORDER BY kind, region", (aid, event_id, date, mark)).fetchall()
        assert record_kinds(conn, aid, event_id, date, mark) == want

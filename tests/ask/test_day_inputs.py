"""What "what happened on <date>" reads per story is worked out when the database is built (migration 006,
bot/pipeline/db.refresh_bests): each event's legal marks per year and each athlete's championship titles. The
tables must say what the live queries they replace say, for the stories of any day; and "who ran" reading
the results near a mark (results_mark) must list what a scan of the event's marks lists, in its order."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from bot.ask.day_stories import Selector
from bot.ask.results import VALID
from bot.pipeline import db as dbmod

# the queries day_stories ran per story before migration 006 (commit ca02fd3), kept here as the reference
_LEGAL = (f"{VALID} AND res.mark_value IS NOT NULL AND instr(res.flags, 'w') = 0 "
          f"AND (res.wind IS NULL OR res.wind <= 2.0)")
LIVE_YEAR = (f"SELECT count(*), min(? * res.mark_value) FROM results res JOIN races r ON r.id = res.race_id "
             f"WHERE r.event_id = ? AND r.indoor = ? AND r.date >= ? AND r.date < ? AND {_LEGAL}")
LIVE_TITLES = (f"SELECT COUNT(DISTINCT r.event_id || '/' || c.year || '/' || c.level) FROM results res "
               f"JOIN races r ON r.id = res.race_id JOIN competitions c ON c.id = r.competition_id "
               f"WHERE res.athlete_id = ? AND c.level IN ('OG', 'WCH', 'WIC') AND res.place = 1 "
               f"AND (r.round = 'F' OR r.round IS NULL) AND {VALID}")
# "who ran": every mark of the event, then the near ones (marks_run.py before migration 006)
LIVE_MARK = (f"SELECT res.id, a.id, r.date FROM results res JOIN races r ON r.id = res.race_id "
             f"JOIN athletes a ON a.id = res.athlete_id LEFT JOIN competitions c ON c.id = r.competition_id "
             f"WHERE r.event_id = ? AND abs(res.mark_value - ?) < 0.0005 AND {VALID} ORDER BY r.date IS NULL, r.date")
INDEXED_MARK = (f"SELECT res.id, a.id, r.date FROM results res CROSS JOIN races r ON r.id = res.race_id "
                f"JOIN athletes a ON a.id = res.athlete_id LEFT JOIN competitions c ON c.id = r.competition_id "
                f"WHERE res.mark_value BETWEEN ? - 0.001 AND ? + 0.001 AND abs(res.mark_value - ?) < 0.0005 "
                f"AND r.event_id = ? AND {VALID} ORDER BY r.date IS NULL, r.date, r.id, res.id")

# days of the year across the seasons (28 February of a common year takes 29 February too) (stories of winter indoors, summer finals, roads)
DAYS = [dt.date(2025, 2, 28), dt.date(2025, 3, 8), dt.date(2025, 5, 6), dt.date(2025, 7, 22),
        dt.date(2025, 8, 16), dt.date(2025, 9, 24), dt.date(2025, 10, 13), dt.date(2025, 12, 31)]


def _live_year(db: sqlite3.Connection, event_id: int, indoor: bool, year: str, sign: int):
    return tuple(db.execute(LIVE_YEAR, (sign, event_id, int(indoor), f"{year}-01-01",
                                        f"{int(year) + 1}-01-01")).fetchone())


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_days_inputs_equal_the_live_queries(db, day):
    sel = Selector(db)
    stories = sel.candidates(day, this_year=True, famous_only=False)
    assert stories, f"no stories on {day}: pick another day"
    years, athletes = set(), set()
    for s in stories:
        e = sel.cat.event(s.event, s.sex)
        if e is not None and s.date:
            years.add((e.id, s.indoor, s.date[:4], 1 if e.lower_is_better else -1))
        athletes.add(s.athlete_id)
    for event_id, indoor, year, sign in years:
        assert sel._year_marks(event_id, indoor, year) == _live_year(db, event_id, indoor, year, sign), \
            (event_id, indoor, year)
    for aid in athletes:
        assert sel._title_count(aid) == db.execute(LIVE_TITLES, (aid,)).fetchone()[0], aid


def test_every_year_of_the_big_events_equals_the_live_query(db):
    """Every year on file of events with long histories, indoors and out, and years with no legal mark."""
    sel = Selector(db)
    for code, sex in [("100m", "M"), ("1500m", "W"), ("LJ", "M"), ("MAR", "W"), ("HEP", "W")]:
        e = sel.cat.event(code, sex)
        assert e is not None
        sign = 1 if e.lower_is_better else -1
        for year in range(1890, 2027):
            for indoor in (False, True):
                assert sel._year_marks(e.id, indoor, str(year)) == _live_year(db, e.id, indoor, str(year), sign), \
                    (code, sex, year, indoor)


def test_titles_of_every_champion_equal_the_live_query(db):
    sel = Selector(db)
    ids = [a for (a,) in db.execute("SELECT athlete_id FROM athlete_titles ORDER BY athlete_id")]
    assert len(ids) > 500
    for aid in ids[::7] + [1, 2, 3]:
        assert sel._title_count(aid) == db.execute(LIVE_TITLES, (aid,)).fetchone()[0], aid


def test_who_ran_by_index_lists_what_the_event_scan_lists(db):
    """Same rows in the same order (ties on a date in race then row order, as the event's scan read them),
    for a sample of marks of every kind of event: marks many ran (10.50), rare ones, field events."""
    sample = db.execute("SELECT r.event_id, res.mark_value FROM results res JOIN races r ON r.id = res.race_id "
                        "WHERE res.mark_value IS NOT NULL AND res.id % 4000 = 0").fetchall()
    assert len(sample) > 100
    ties = 0
    for event_id, value in sample:
        live = db.execute(LIVE_MARK, (event_id, value)).fetchall()
        assert db.execute(INDEXED_MARK, (value, value, value, event_id)).fetchall() == live, (event_id, value)
        ties += len({d for _, _, d in live}) < len(live)
    assert ties > 10, "the sample no longer has marks run twice on one day: the order of ties is untested"


def test_an_older_database_gets_the_tables_from_its_results(db_path, tmp_path):
    """A database from before migration 006 (a user's, with imports) is migrated, not rebuilt: the tables
    are filled from the results it has."""
    path = tmp_path / "old.sqlite3"
    shutil.copy(db_path, path)
    conn = sqlite3.connect(path)
    want = [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("year_marks", "athlete_titles")]
    # as a version-5 file has it: without 006's tables and index, nor 007's (the Rio race details)
    conn.executescript("DROP TABLE year_marks; DROP TABLE athlete_titles; DROP INDEX results_mark; "
                       "DROP TABLE result_details; PRAGMA user_version = 5;")
    assert dbmod.migrate(conn) >= 6
    got = [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("year_marks", "athlete_titles")]
    conn.close()
    assert got == want and all(got)


def test_marks_past_a_record_read_by_athlete_equal_the_event_scan(db):
    """_event_marks keeps the searches for a mark past a world record (a better mark before it, after it, a
    barrier passed before) to the few athletes whose best is past it: the same answers as reading every mark
    of the event (FEW_BETTER below zero), for every world record on file and the one before it."""
    sel, scan = Selector(db), Selector(db)
    scan.FEW_BETTER = -1
    rows = db.execute("SELECT event_id, indoor, date, mark_value, athlete_id FROM records WHERE kind = 'world' "
                      "AND length(date) >= 10 AND mark_value IS NOT NULL ORDER BY event_id, indoor, date").fetchall()
    assert len(rows) > 1000
    prev: dict[tuple, tuple[float, int]] = {}
    kept = 0
    for event_id, indoor, date, value, aid in rows[::3]:
        sign = 1 if sel.cat.events_by_id[event_id].lower_is_better else -1
        calls = [("_better_mark", (event_id, bool(indoor), date, value, sign)),
                 ("_past_barrier_before", (event_id, bool(indoor), date, value * (1 + 0.01 * sign), sign))]
        if (event_id, indoor) in prev:
            p_value, p_aid = prev[(event_id, indoor)]
            calls.append(("_better_before", (event_id, bool(indoor), date, p_value, sign, p_aid, aid, value)))
        for name, args in calls:
            assert getattr(sel, name)(*args) == getattr(scan, name)(*args), (name, args)
        kept += "athlete_id IN" in sel._event_marks(event_id, bool(indoor), sign, value)
        prev[(event_id, indoor)] = (value, aid)
    assert kept > 100, "the athletes' own marks are no longer read: the test compares the event scan with itself"


LIVE_CAREER = (f"SELECT count(*), coalesce(sum(? * res.mark_value <= ? * ? + 1e-9), 0) FROM results res "
               f"JOIN races r ON r.id = res.race_id WHERE res.athlete_id = ? AND +r.event_id = ? AND r.date < ? "
               f"AND length(r.date) >= 10 AND {_LEGAL}")


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_best_to_then_from_kept_marks_equals_the_live_count(db, day):
    """Whether a win was the winner's best legal mark to then, from the athlete's marks kept per file
    (_career), for every win on file on the day (any race, any year, legal or not): as counting the
    earlier marks in SQL says."""
    from bot.ask.day_stories import CAREER_BEST_MIN_MARKS
    sel = Selector(db)
    wins = db.execute(
        "SELECT res.athlete_id, r.event_id, r.indoor, r.date, res.mark_value FROM results res "
        "JOIN races r ON r.id = res.race_id WHERE substr(r.date, 6, 5) = ? AND length(r.date) >= 10 "
        "AND res.place = 1 AND res.mark_value IS NOT NULL",
        (f"{day.month:02d}-{day.day:02d}",)).fetchall()
    assert len(wins) > 50
    firsts = 0
    for aid, event_id, indoor, date, value in wins:
        sign = 1 if sel.cat.events_by_id[event_id].lower_is_better else -1
        earlier, better = db.execute(LIVE_CAREER, (sign, sign, value, aid, event_id, date)).fetchone()
        live = earlier >= CAREER_BEST_MIN_MARKS and better == 0
        assert sel._notable(aid, event_id, bool(indoor), date, value, None, None)[1] == live, \
            (aid, event_id, date, value)
        firsts += live
    assert firsts, "no win on the day was a best to then: the test checks only one answer"
